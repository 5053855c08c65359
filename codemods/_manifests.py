"""Dependency manifests: the ``twilio`` requirement must change with the code.

``signalwire`` 2.1.1 pins ``twilio==6.54.0``, so for the signalwire-sdk target a ``twilio`` requirement is
replaced by ``signalwire>=2.1.1`` (never an unpinned ``signalwire``: pip would quietly pick the 2018 1.x
release next to a modern twilio). For the twilio-sdk target only pins that admit no twilio >= 6 conflict
(the migrated code needs ``twilio.rest.Client``).

Requirements are parsed, not pattern-matched: each candidate string goes through
``packaging.requirements.Requirement`` (PEP 508: extras, specifiers, markers, any name spelling such as
``Twilio``), and only the span from the name to the end of the version specifier is replaced, so markers,
comments, hashes' positions, quotes, indentation and line endings keep their bytes. Forms: requirements and
constraints files (``-r``/``-c`` includes are followed by the runner), ``setup.cfg`` and ``setup.py``
strings, PEP 621 arrays in ``pyproject.toml``, and the key/value tables of Poetry and Pipfile.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from codemods._findings import Finding
from codemods._vocabulary import CURRENT_TWILIO_REQUIREMENT, SIGNALWIRE_REQUIREMENT, Target
from migrate.discovery import kind_of

#: twilio releases that still have ``twilio.rest.Client`` (6.0 onwards), to test a specifier against.
_MODERN_TWILIO = ("6.0.0", "6.54.0", "7.0.0", "8.0.0", "9.0.0", "9.99.0")
_QUOTED = re.compile(r"""(?P<quote>["'])(?P<text>[^"'\r\n]+)(?P=quote)""")
_TABLE = re.compile(r"^\s*\[+\s*(?P<name>[^\]]+?)\s*\]+")
_KEY_LINE = re.compile(r"""^(?P<indent>\s*)(?P<q>["']?)(?P<key>[A-Za-z0-9_.-]+)(?P=q)\s*=\s*(?P<value>.*)$""")
_POETRY_TABLE = re.compile(r"^tool\.poetry\.(dependencies|dev-dependencies|group\.[^.]+\.dependencies)$")
_PIPFILE_TABLES = frozenset({"packages", "dev-packages"})
_INCLUDE = re.compile(r"^\s*(?:-r|-c|--requirement|--constraint)(?:\s+|=)(?P<file>\S+)")
_LEGACY_VERSION = re.compile(r"""^\s*["']?\s*(?:[\^~]|==|~=|<=?|)\s*[0-5](?:\.|\*|["']|\s*$)""")
_SIGNALWIRE = re.compile(r"(?<![\w.-])signalwire(?![\w.-])", re.IGNORECASE)
_OTHER_SDK = re.compile(r"(?<![\w.-])signalwire[-_]sdk(?![\w.-])", re.IGNORECASE)


@dataclass(frozen=True)
class ManifestResult:
    """The manifest's new bytes (``None`` when unchanged) and what was reported about it."""

    data: bytes | None
    findings: list[Finding]


@dataclass(frozen=True)
class _Edit:
    """Replace ``line[start:end]`` with *new*; *before* is the requirement as written (for the finding)."""

    start: int
    end: int
    new: str
    before: str
    note: str = ""


def included_manifests(files: Sequence[str]) -> list[str]:
    """Files the requirements files among *files* pull in with ``-r``/``-c`` (relative to the including
    file, as pip reads them), followed transitively; only those that exist and are not in *files*."""
    known = set(files)
    pending = [path for path in files if _kind(path) == "list" and kind_of(Path(path)) == "manifest"]
    found: list[str] = []
    while pending:
        path = pending.pop(0)
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue  # the runner reports unreadable files it was given; an include is best effort
        for line in text.splitlines():
            match = _INCLUDE.match(line)
            if match is None or "://" in match["file"]:
                continue
            included = (Path(path).parent / match["file"]).as_posix()
            if included not in known and Path(included).is_file():
                known.add(included)
                found.append(included)
                pending.append(included)
    return found


def _parse(text: str) -> Requirement | None:
    try:
        return Requirement(text)
    except InvalidRequirement:
        return None


def _is(requirement: Requirement | None, name: str) -> bool:
    return requirement is not None and canonicalize_name(requirement.name) == name


def _requirement_edit(text: str, offset: int, target: Target) -> _Edit | None:
    """An edit of the PEP 508 string *text* (at *offset* in its line) when it is a twilio requirement."""
    stripped = text.strip()
    requirement = _parse(stripped)
    if requirement is None or not _is(requirement, "twilio"):
        return None
    start = offset + text.index(stripped)
    span = stripped.split(";", 1)[0].rstrip() if requirement.marker is not None else stripped
    if target == "twilio-sdk":
        if any(requirement.specifier.contains(v, prereleases=True) for v in _MODERN_TWILIO):
            return None
        extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
        new = "twilio" + extras + CURRENT_TWILIO_REQUIREMENT.removeprefix("twilio")
        return _Edit(start, start + len(span), new, stripped)
    note = f" (extras [{', '.join(sorted(requirement.extras))}] dropped)" if requirement.extras else ""
    return _Edit(start, start + len(span), SIGNALWIRE_REQUIREMENT, stripped, note)


def _table_edit(line: str, target: Target) -> _Edit | None:
    """``twilio = "^9.0"`` / ``Twilio = {version = "*", extras = [...]}`` in a Poetry or Pipfile table."""
    match = _KEY_LINE.match(line)
    if match is None or canonicalize_name(match["key"]) != "twilio":
        return None
    value = match["value"]
    comment = re.search(r"\s+#.*$", value)
    body = value[: comment.start()] if comment else value
    version = re.search(r"""version\s*=\s*(["'][^"']*["'])""", body)
    if target == "twilio-sdk":
        if not _LEGACY_VERSION.match(version[1] if version else body):
            return None
        new = f'{match["q"]}twilio{match["q"]} = "{CURRENT_TWILIO_REQUIREMENT.removeprefix("twilio")}"'
    else:
        new = f'signalwire = "{SIGNALWIRE_REQUIREMENT.removeprefix("signalwire")}"'
    end = match.start("value") + len(body.rstrip())
    return _Edit(len(match["indent"]), end, new, line[len(match["indent"]) : end])


def _line_edits(line: str, kind: str, table: str, target: Target) -> Iterator[_Edit]:
    if kind == "list":  # requirements / constraints: one requirement per line before options and comments
        if line.lstrip().startswith(("-", "#")):
            return
        text = re.split(r"\s+(?:#|--?[a-z])", line, maxsplit=1)[0]
        edit = _requirement_edit(text, 0, target)
    elif kind == "cfg":  # setup.cfg: "key = requirement" or an indented continuation line
        key, equals, rest = line.partition("=")
        text, offset = (rest, len(key) + 1) if equals and not line[:1].isspace() else (line, 0)
        edit = _requirement_edit(text.split(" #", 1)[0], offset, target)
    elif kind == "toml" and (_POETRY_TABLE.match(table) or table in _PIPFILE_TABLES):
        edit = _table_edit(line, target)
    else:  # quoted PEP 508 strings: PEP 621 arrays, setup.py
        for quoted in _QUOTED.finditer(line):
            found = _requirement_edit(quoted["text"], quoted.start("text"), target)
            if found is not None:
                yield found
        return
    if edit is not None:
        yield edit


def _kind(path: str) -> str:
    name = Path(path).name
    if name == "setup.cfg":
        return "cfg"
    if name in ("pyproject.toml", "Pipfile"):
        return "toml"
    if name.endswith(".py"):
        return "python"
    return "list"


def _lists_signalwire(text: str) -> bool:
    """Whether a line (outside comments) already names the ``signalwire`` distribution."""
    return any(_SIGNALWIRE.search(line.split("#", 1)[0]) for line in text.splitlines())


def migrate_manifest(path: str, data: bytes, target: Target) -> ManifestResult:
    """Rewrite the ``twilio`` requirement of one manifest for *target* and report each change."""
    text = data.decode("utf-8", "surrogateescape")
    kind = _kind(path)
    conflicts = [
        Finding(
            path,
            number + 1,
            1,
            "SW201",
            "signalwire-sdk 3.x installs the same `signalwire` package: remove it",
        )
        for number, line in enumerate(text.splitlines())
        if target == "signalwire-sdk" and _OTHER_SDK.search(line) and not line.lstrip().startswith("#")
    ]
    if target == "signalwire-sdk" and _lists_signalwire(text):
        return ManifestResult(None, conflicts)
    findings: list[Finding] = []
    lines = text.splitlines(keepends=True)
    table = ""
    for number, line in enumerate(lines):
        body = line.rstrip("\r\n")
        header = _TABLE.match(body) if kind == "toml" else None
        if header:
            table = header["name"].strip("\"'")
            continue
        edits = sorted(_line_edits(body, kind, table, target), key=lambda edit: edit.start, reverse=True)
        for edit in edits:
            body = body[: edit.start] + edit.new + body[edit.end :]
            message = f"{edit.before!r}: requirement changed to {edit.new}{edit.note}"
            if "--hash" in body:
                message += "; its --hash values were twilio's: regenerate them"
            findings.append(Finding(path, number + 1, edit.start + 1, "SW200", message))
        if edits:
            lines[number] = body + line[len(line.rstrip("\r\n")) :]
    if not findings:
        return ManifestResult(None, conflicts)
    return ManifestResult(
        "".join(lines).encode("utf-8", "surrogateescape"), sorted(findings, key=_order) + conflicts
    )


def _order(finding: Finding) -> tuple[int, int]:
    return finding.line, finding.col
