"""Findings: what the codemod could not (or should not) rewrite, with stable codes.

Codes are part of the public contract (README table, CI filters), so they are defined once here and never
renumbered. ``marker`` says whether the code also leaves a ``# sw-migrate:`` comment in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]

MARKER_PREFIX = "# sw-migrate:"


@dataclass(frozen=True)
class Rule:
    """One finding code: its severity, whether it marks the source, and a one-line summary for docs."""

    code: str
    severity: Severity
    marker: bool
    summary: str


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("SW100", "warning", True, "Twilio product the SignalWire Compatibility API lacks"),
        Rule("SW101", "warning", True, "legacy 5.x product client with no SignalWire counterpart"),
        Rule("SW102", "warning", True, "Twilio access/capability token API"),
        Rule("SW103", "warning", True, "Account or Call subresource the Compatibility API spec leaves out"),
        Rule("SW110", "warning", True, "Twilio-hosted URL (stops working once the number leaves Twilio)"),
        Rule("SW120", "warning", True, "RequestValidator: SignalWire signs webhooks with its Signing Key"),
        Rule("SW130", "warning", True, "mock.patch target names a Twilio name the migration moves"),
        Rule("SW140", "warning", True, "region/edge selection corrupts the space host"),
        Rule("SW141", "warning", True, "API-key credentials: SignalWire uses the project ID and API token"),
        Rule("SW142", "info", False, "credentials come from TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN"),
        Rule("SW143", "warning", True, "legacy 5.x client option with no 6.x equivalent"),
        Rule("SW144", "warning", True, "twilio 5.x REST resource renamed in 6.x"),
        Rule("SW145", "info", False, "credentials named like an API key: check what they hold"),
        Rule("SW150", "warning", True, "twilio 9.x-only feature; signalwire pins twilio 6.54"),
        Rule("SW160", "info", False, "5.x twiml.Response() rewritten: review its verb calls"),
        Rule("SW105", "warning", True, "Twilio SDK name or module path with no SignalWire counterpart"),
        Rule("SW104", "warning", True, "REST resource the Compatibility API spec does not list"),
        Rule("SW170", "info", False, "`From` number: calls and messages must use a SignalWire number"),
        Rule(
            "SW171", "info", False, "Twilio.configure: the credentials must be the project ID and API token"
        ),
        Rule("SW172", "warning", True, "SignalWire webhooks carry no MessagingServiceSid"),
        Rule("SW200", "warning", False, "dependency manifest: twilio requirement must change for the target"),
        Rule(
            "SW201", "warning", False, "dependency manifest: signalwire-sdk 3.x conflicts with signalwire 2.x"
        ),
        Rule(
            "SW202",
            "warning",
            False,
            "lock file still resolves twilio: regenerate it after the manifest change",
        ),
        Rule("SW900", "error", False, "syntax error (Python 2 or broken file): not migrated"),
        Rule("SW901", "error", False, "undecodable file: not migrated"),
        Rule("SW902", "error", False, "file could not be read or written"),
        Rule("SW903", "error", False, "internal error while transforming the file"),
        Rule("SW904", "error", False, "the worker process crashed on this file"),
        Rule("SW905", "error", False, "rewrite dropped: the edited file would not parse"),
        Rule("SW906", "error", False, "file larger than the size limit (--max-file-size): not migrated"),
        Rule("SW907", "error", False, "symlink out of the tree, hard link or read-only: not rewritten"),
        Rule("SW908", "info", False, "symlink to a file migrated under its own path: link left as is"),
        Rule("SW909", "error", False, "LibCST cannot reproduce the file byte for byte: not migrated"),
        Rule("SW910", "warning", False, "suppression comment names no sw-migrate code: suppresses nothing"),
    )
}


@dataclass(frozen=True)
class Finding:
    """A located, coded message; satisfies :class:`migrate.output.Finding`."""

    path: str
    line: int
    col: int
    code: str
    message: str
    #: The source already carries this finding's marker comment: a human has it in view, so it is still
    #: reported but no longer fails the run (this is what lets ``--check`` pass after a migration).
    marked: bool = False

    @property
    def severity(self) -> Severity:
        """Taken from the rule so a code always has the same severity."""
        return RULES[self.code].severity


def marker_comment(code: str, message: str, opener: str = "#") -> str:
    """The comment left above code that needs a human; its text is the idempotency key.

    *opener* is the language's line-comment syntax (``//`` in JavaScript, PHP and C#).
    """
    return f"{opener}{MARKER_PREFIX[1:]} {code} {message}"
