"""One output convention for every command: results on stdout, progress and logs on stderr.

Findings print like ruff (``path:line:col: CODE message``) or, with ``--format json``, as one JSON document
so CI can consume them. Progress bars only appear when stderr is a terminal and the format is text.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

FORMAT_OPTION = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for machines.",
)


class Finding(Protocol):
    """What every command reports: a located, coded message (laml diagnostics, codemod findings, ...)."""

    @property
    def path(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def col(self) -> int: ...
    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def message(self) -> str: ...


def finding_line(finding: Finding) -> str:
    """``path:line:col: CODE message`` — the convention editors and CI annotators understand.

    The platform error code a finding corresponds to is appended as ``(platform error N)``, and a suggested
    fix the message does not already spell out as ``(fix: ...)``.
    """
    line = f"{finding.path}:{finding.line}:{finding.col}: {finding.code} {finding.message}"
    platform = getattr(finding, "platform_code", None)
    if platform is not None:
        line += f" (platform error {platform})"
    fix = getattr(finding, "fix", None)
    return f"{line} (fix: {fix})" if fix and fix not in finding.message else line


def finding_dict(finding: Finding) -> dict[str, Any]:
    """The JSON shape of one finding; extra public fields (such as ``fix``) are kept when present, and a
    platform error code comes with its meaning from the contract's error table."""
    data: dict[str, Any] = {
        "path": finding.path,
        "line": finding.line,
        "col": finding.col,
        "code": finding.code,
        "severity": str(finding.severity),
        "message": finding.message,
    }
    fix = getattr(finding, "fix", None)
    if fix is not None:
        data["fix"] = fix
    platform = getattr(finding, "platform_code", None)
    if platform is not None:
        from migrate.contract import error_code  # loaded only when a finding has a platform code

        data["platform_code"] = platform
        known = error_code(platform)
        data["platform_message"] = known.message if known else None
    return data


def emit_json(document: Mapping[str, Any]) -> None:
    """Write one JSON document to stdout (the only thing on stdout in JSON mode)."""
    click.echo(json.dumps(document, indent=2, sort_keys=False))


def stderr_console() -> Console:
    """A console for progress and notes; never stdout, so results stay pipeable."""
    return Console(stderr=True, highlight=False)


@contextmanager
def progress_bar(total: int, description: str, *, enabled: bool) -> Iterator[Callable[[int], None]]:
    """Yield an ``advance(n)`` callable; draws a rich bar only when *enabled* and stderr is a terminal."""
    if not enabled or not sys.stderr.isatty():

        def ignore(_count: int = 1) -> None:
            return None

        yield ignore
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=stderr_console(), transient=True) as progress:
        task = progress.add_task(description, total=total)

        def advance(count: int = 1) -> None:
            progress.advance(task, count)

        yield advance


def pluralize(count: int, noun: str) -> str:
    """``1 file`` / ``2 files`` — summary lines read like sentences."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def count_by(findings: Iterable[Finding], attribute: str) -> dict[str, int]:
    """Tally findings by severity or code for summaries."""
    counts: dict[str, int] = {}
    for finding in findings:
        key = str(getattr(finding, attribute))
        counts[key] = counts.get(key, 0) + 1
    return counts
