"""``sw-migrate validate``: check TwiML/LaML documents and LaML Bins from files, folders or stdin."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

import laml
from laml import Diagnostic, Severity
from migrate.output import FORMAT_OPTION, emit_json, finding_dict, finding_line, pluralize, progress_bar

DOCUMENT_SUFFIXES = (".xml", ".twiml", ".laml")


def _discover(paths: tuple[str, ...]) -> Iterator[Path | None]:
    """Yield the files to check (``None`` for stdin). Folders are searched for document suffixes."""
    for raw in paths:
        if raw == "-":
            yield None
            continue
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.suffix.lower() in DOCUMENT_SUFFIXES and p.is_file()
            )
        elif path.exists():
            yield path
        else:
            raise click.BadParameter(f"{raw}: no such file or folder", param_hint="PATH")


def _read(path: Path | None) -> bytes:
    if path is None:
        return sys.stdin.buffer.read()
    try:
        return path.read_bytes()
    except OSError as error:
        raise click.UsageError(f"{path}: cannot read: {error.strerror or error}") from error


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...|-")
@click.option(
    "--dialect",
    type=click.Choice(["laml", "twiml"]),
    default="laml",
    show_default=True,
    help="laml: must run on SignalWire; twiml: must run on Twilio.",
)
@click.option("--bin", "as_bin", is_flag=True, help="Treat documents as LaML Bins (mustache templates).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@FORMAT_OPTION
def validate(paths: tuple[str, ...], dialect: str, as_bin: bool, strict: bool, output_format: str) -> None:
    """Check TwiML/LaML documents and LaML Bins.

    PATH may be a file, a folder (searched for .xml, .twiml and .laml files) or - for stdin.
    Exit 0 when clean, 1 when any finding is an error (every warning too with --strict), 2 on usage errors.
    """
    files = list(_discover(paths))
    if not files:
        suffixes = ", ".join(DOCUMENT_SUFFIXES)
        click.echo(f"warning: no {suffixes} files under {', '.join(paths)}: nothing to check", err=True)
    diagnostics: list[Diagnostic] = []
    templates: list[str] = []  # documents with findings that look like LaML Bins checked without --bin
    with progress_bar(
        len(files), "Validating", enabled=output_format == "text" and len(files) > 20
    ) as advance:
        for path in files:
            name = "<stdin>" if path is None else str(path)
            source = _read(path)
            found = laml.validate(source, dialect=dialect, bin=as_bin, strict=strict, path=name)  # type: ignore[arg-type]
            if found and not as_bin and b"{{" in source:
                templates.append(name)
            diagnostics += found
            advance(1)
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    if output_format == "json":
        emit_json(
            {
                "files": len(files),
                "errors": errors,
                "warnings": warnings,
                "diagnostics": [finding_dict(d) for d in diagnostics],
            }
        )
    else:
        for diagnostic in diagnostics:
            click.echo(finding_line(diagnostic))
        verdict = (
            "no problems"
            if not diagnostics
            else f"{pluralize(errors, 'error')}, {pluralize(warnings, 'warning')}"
        )
        click.echo(f"Checked {pluralize(len(files), 'document')}: {verdict}.")
    if templates:
        shown = ", ".join(templates[:3]) + (f" and {len(templates) - 3} more" if len(templates) > 3 else "")
        verb, subject, pronoun = ("holds", "it is a LaML Bin", "it")
        if len(templates) > 1:
            verb, subject, pronoun = ("hold", "they are LaML Bins", "them")
        click.echo(
            f"note: {shown} {verb} mustache tags ({{{{...}}}}); if {subject}, check {pronoun} with --bin",
            err=True,
        )
    sys.exit(1 if errors else 0)
