"""Dependency manifests: the ``twilio`` requirement must change with the code.

``signalwire`` 2.1.1 pins ``twilio==6.54.0``, so for the signalwire-sdk target a ``twilio`` requirement is
replaced by ``signalwire>=2.1.1`` (never an unpinned ``signalwire``: pip would quietly pick the 2018 1.x
release next to a modern twilio). For the twilio-sdk target only 5.x-era pins conflict (the migrated code
needs ``twilio.rest.Client``). Edits are line-based on bytes so every other byte of the file is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from codemods._findings import Finding
from codemods._vocabulary import CURRENT_TWILIO_REQUIREMENT, SIGNALWIRE_REQUIREMENT, Target

# A requirement: bare (requirements.txt, setup.cfg), quoted (pyproject, setup.py) or a TOML key (Pipfile,
# Poetry). Group "spec" is the version specifier, possibly empty.
_BARE = re.compile(rb"^(?P<indent>\s*)twilio(?![\w.-])(?P<spec>\s*[<>=!~^][^#;\r\n]*)?(?P<rest>[^\r\n]*)$")
_QUOTED = re.compile(rb"(?P<quote>[\"'])twilio(?P<spec>\s*[<>=!~][^\"';]*)?(?P<marker>;[^\"']*)?(?P=quote)")
_TOML_KEY = re.compile(
    rb"^(?P<indent>\s*)twilio\s*=\s*(?P<value>\"[^\"]*\"|'[^']*'|\{[^\r\n]*\})(?P<rest>[^\r\n]*)$"
)
_SIGNALWIRE_OK = re.compile(rb"signalwire\s*(\"\s*)?(=\s*\")?\s*>=\s*2\.1\.1")
_OTHER_SDK = re.compile(rb"(?<![\w.-])signalwire[-_]sdk(?![\w.-])")
_LEGACY_PIN = re.compile(rb"(==|~=|<=?)\s*[0-5]\.|<\s*6(\.0)*\b")


@dataclass(frozen=True)
class ManifestResult:
    """The manifest's new bytes (``None`` when unchanged) and what was reported about it."""

    data: bytes | None
    findings: list[Finding]


def _needs_change(spec: bytes, target: Target) -> bool:
    if target == "signalwire-sdk":
        return True
    return bool(_LEGACY_PIN.search(spec))


def _replacement(target: Target) -> bytes:
    return (SIGNALWIRE_REQUIREMENT if target == "signalwire-sdk" else CURRENT_TWILIO_REQUIREMENT).encode()


def migrate_manifest(path: str, data: bytes, target: Target) -> ManifestResult:
    """Rewrite the ``twilio`` requirement of one manifest for *target* and report each change."""
    conflicts = [
        Finding(
            path,
            number + 1,
            1,
            "SW201",
            "signalwire-sdk 3.x installs the same `signalwire` package: remove it",
        )
        for number, line in enumerate(data.splitlines())
        if target == "signalwire-sdk" and _OTHER_SDK.search(line)
    ]
    if target == "signalwire-sdk" and _SIGNALWIRE_OK.search(data):
        return ManifestResult(None, conflicts)
    new = _replacement(target)
    toml_value = b'">=2.1.1"' if target == "signalwire-sdk" else b'">=9"'
    toml_name = b"signalwire" if target == "signalwire-sdk" else b"twilio"
    findings: list[Finding] = []
    lines = data.splitlines(keepends=True)
    is_text_list = path.endswith((".txt", ".cfg"))
    for number, line in enumerate(lines):
        body = line.rstrip(b"\r\n")
        ending = line[len(body) :]
        replaced: bytes | None = None
        if is_text_list and (match := _BARE.match(body)) and _needs_change(match["spec"] or b"", target):
            spec = (match["spec"] or b"").rstrip()
            replaced = match["indent"] + new + body[match.end("indent") + len(b"twilio") + len(spec) :]
        elif (match := _TOML_KEY.match(body)) and _needs_change(match["value"], target):
            replaced = match["indent"] + toml_name + b" = " + toml_value + match["rest"]
        elif not is_text_list:
            replaced = _QUOTED.sub(
                lambda quoted: (
                    quoted["quote"] + new + (quoted["marker"] or b"") + quoted["quote"]
                    if _needs_change(quoted["spec"] or b"", target)
                    else quoted[0]
                ),
                body,
            )
        if replaced is not None and replaced != body:
            lines[number] = replaced + ending
            before = body.strip().decode("utf-8", "replace")
            findings.append(
                Finding(path, number + 1, 1, "SW200", f"{before!r}: requirement changed to {new.decode()}")
            )
    if not findings:
        return ManifestResult(None, conflicts)
    return ManifestResult(b"".join(lines), findings + conflicts)
