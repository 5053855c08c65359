"""``sw-migrate validate``: check TwiML/LaML documents and LaML Bins from files, folders or stdin."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click

import laml
from laml import Diagnostic, Severity
from laml._parsing import MAX_DOCUMENT_BYTES
from migrate.commands._documents import is_call_control
from migrate.commands._interrupt import ctrl_c_ignored, exit_130_on_ctrl_c
from migrate.commands._options import (
    CONFIG_OPTION,
    EXCLUDE_OPTION,
    IGNORE_OPTION,
    SELECT_OPTION,
    settings_errors_exit_2,
)
from migrate.commands._xml_ignores import bad_comments, unsuppressed
from migrate.discovery import ExcludeRules, Found, Problem, discover, excluded_warning
from migrate.output import FORMAT_OPTION, emit_json, finding_dict, finding_line, pluralize, progress_bar
from migrate.reading import read_capped
from migrate.selection import Selection
from migrate.settings import SettingsFinder, exclude_rules, per_file, selection

DOCUMENT_SUFFIXES = (".xml", ".twiml", ".laml")
#: The standard input, in the list of things to check.
STDIN = Found(Path("-"), "xml", explicit=True)


@dataclass(frozen=True)
class _Checks:
    """How to check each document: the options after settings and command line are combined."""

    dialect: str
    as_bin: bool
    strict: bool
    selection: Selection
    everything: bool  # check walked XML that is not call control too (False: pass it over)


@dataclass
class _Run:
    """Everything one run found: findings, files passed over or unreadable, bins checked as documents."""

    checked: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    passed_over: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    templates: list[str] = field(default_factory=list)
    excluded_warning: str | None = None


def _discover(paths: tuple[str, ...], patterns: ExcludeRules, run: _Run) -> list[Found]:
    """Stdin, files named and documents found under folders (see :mod:`migrate.discovery`)."""
    for raw in paths:
        if raw != "-" and not os.path.lexists(raw):
            raise click.BadParameter(f"{raw}: no such file or folder", param_hint="PATH")
    found = discover([Path(raw) for raw in paths if raw != "-"], kinds={"xml"}, excludes=patterns)
    run.problems += found.problems
    run.excluded_warning = excluded_warning(found)
    return [STDIN] * paths.count("-") + found.files


def _read(source: Found) -> tuple[bytes, int]:
    """At most the size limit plus one byte, and the file's true size (for the LAML004 message)."""
    if source is STDIN:
        data = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
        return data, len(data)
    data = read_capped(source.path, MAX_DOCUMENT_BYTES)
    return data, (source.path.stat().st_size if len(data) > MAX_DOCUMENT_BYTES else len(data))


def _check(source: Found, run: _Run, checks_for: Callable[[Path], _Checks]) -> None:
    name = "<stdin>" if source is STDIN else str(source.path)
    try:
        data, size = _read(source)
    except OSError as error:
        run.problems.append(Problem(source.path, f"cannot read: {error.strerror or error}"))
        return
    checks = checks_for(source.path)
    named = source.explicit and checks.everything  # a named file is always checked, unless told otherwise
    if not named and source is not STDIN and not is_call_control(data):
        run.passed_over.append(source.path)
        return
    run.checked += 1
    found = laml.validate(
        data,
        dialect=checks.dialect,  # type: ignore[arg-type]
        bin=checks.as_bin,
        strict=checks.strict,
        path=name,
    )
    comments = bad_comments(data, name, strict=checks.strict)
    if comments:  # in document order (positions are worked out only then: most documents have none)
        found = sorted([*found, *comments], key=lambda d: (d.line, d.col))
    found = unsuppressed(data, [d for d in found if checks.selection.wants(d.code)])
    if size > len(data):  # only the first bytes were read: say how large the file really is
        found = [
            d._replace(message=d.message.replace(f"{len(data):,} bytes", f"{size:,} bytes")) for d in found
        ]
    if found and not checks.as_bin and b"{{" in data:
        run.templates.append(name)
    run.diagnostics += found


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...|-")
@click.option(
    "--dialect",
    type=click.Choice(["laml", "twiml"]),
    default=None,
    help="laml (default): must run on SignalWire; twiml: must run on Twilio.",
)
@click.option("--bin", "as_bin", is_flag=True, help="Treat documents as LaML Bins (mustache templates).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--only-call-control",
    is_flag=True,
    help="Pass over XML that is not call control even when named (pre-commit names every file).",
)
@EXCLUDE_OPTION
@SELECT_OPTION
@IGNORE_OPTION
@CONFIG_OPTION
@FORMAT_OPTION
@exit_130_on_ctrl_c("stopped before every document was checked: nothing reported")
@settings_errors_exit_2
def validate(
    paths: tuple[str, ...],
    dialect: str | None,
    as_bin: bool,
    strict: bool,
    only_call_control: bool,
    exclude: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config: Path | None,
    output_format: str,
) -> None:
    """Check TwiML/LaML documents and LaML Bins.

    PATH may be a file, a folder (searched for .xml, .twiml and .laml files) or - for stdin.
    Exit 0 when clean, 1 when any finding is an error (every warning too with --strict), 2 on usage
    errors, 3 when nothing else is wrong but some files could not be read, 130 on Ctrl-C.
    """
    finder = SettingsFinder(config)
    checks_for = per_file(
        finder,
        lambda settings: _Checks(
            dialect=dialect or settings.get("dialect") or "laml",
            as_bin=as_bin,
            strict=strict,
            selection=selection(settings, select, ignore),
            everything=not only_call_control,
        ),
    )
    run = _Run()
    sources = _discover(paths, exclude_rules(finder, exclude, Path.cwd()), run)
    if not sources and not run.problems:
        suffixes = ", ".join(DOCUMENT_SUFFIXES)
        warning = (
            run.excluded_warning or f"warning: no {suffixes} files under {', '.join(paths)}: nothing to check"
        )
        click.echo(warning, err=True)
    with progress_bar(
        len(sources), "Validating", enabled=output_format == "text" and len(sources) > 20
    ) as advance:
        for source in sources:
            _check(source, run, checks_for)
            advance(1)
    errors = sum(1 for d in run.diagnostics if d.severity is Severity.ERROR)
    with ctrl_c_ignored():  # every document is checked: the report is printed whole
        if output_format == "json":
            _emit_json(run, errors)
        else:
            _emit_text(run, errors)
        if run.templates:
            _bin_hint(run.templates)
        sys.exit(1 if errors else 3 if run.problems else 0)


def _emit_json(run: _Run, errors: int) -> None:
    emit_json(
        {
            "files": run.checked,
            "errors": errors,
            "warnings": len(run.diagnostics) - errors,
            "diagnostics": [finding_dict(d) for d in run.diagnostics],
            "passed_over": [str(path) for path in run.passed_over],
            "unreadable": [{"path": str(p.path), "reason": p.reason} for p in run.problems],
        }
    )


def _emit_text(run: _Run, errors: int) -> None:
    for diagnostic in run.diagnostics:
        click.echo(finding_line(diagnostic))
    for problem in run.problems:
        click.echo(f"{problem.path}: {problem.reason}")
    warnings = len(run.diagnostics) - errors
    verdict = (
        "no problems"
        if not run.diagnostics
        else f"{pluralize(errors, 'error')}, {pluralize(warnings, 'warning')}"
    )
    summary = f"Checked {pluralize(run.checked, 'document')}: {verdict}."
    if run.passed_over:
        summary += (
            f" Passed over {pluralize(len(run.passed_over), 'XML file')} that"
            f" {'is' if len(run.passed_over) == 1 else 'are'} not call-control"
            " (root not <Response>, no TwiML verb under it)."
        )
    if run.problems:
        summary += f" {pluralize(len(run.problems), 'path')} could not be read."
    click.echo(summary)


def _bin_hint(templates: list[str]) -> None:
    shown = ", ".join(templates[:3]) + (f" and {len(templates) - 3} more" if len(templates) > 3 else "")
    verb, subject, pronoun = ("holds", "it is a LaML Bin", "it")
    if len(templates) > 1:
        verb, subject, pronoun = ("hold", "they are LaML Bins", "them")
    click.echo(
        f"note: {shown} {verb} mustache tags ({{{{...}}}}); if {subject}, check {pronoun} with --bin",
        err=True,
    )
