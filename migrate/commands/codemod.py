"""``sw-migrate codemod``: rewrite a repository's Twilio code for SignalWire.

Like ``black``/``ruff format``: writes in place by default, ``--diff`` prints a patch (``git apply`` accepts
it) and writes nothing, ``--check`` writes nothing and fails when something would change. Results go to
stdout; the progress bar goes to stderr.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn, cast

import click

from codemods import (
    FAMILIES,
    MAX_FILE_BYTES,
    RULES,
    TARGETS,
    Family,
    FileResult,
    Finding,
    Mode,
    Options,
    Report,
    Target,
    run,
)
from codemods._discover import KINDS, family_of, find
from migrate.commands._interrupt import ctrl_c_ignored, exit_130_on_ctrl_c, exit_interrupted
from migrate.commands._options import (
    CONFIG_OPTION,
    EXCLUDE_OPTION,
    IGNORE_OPTION,
    SELECT_OPTION,
    settings_errors_exit_2,
)
from migrate.discovery import Problem, display_path, excluded_warning
from migrate.output import (
    FORMAT_OPTION,
    emit_json,
    finding_dict,
    finding_line,
    pluralize,
    progress_bar,
)
from migrate.settings import (
    SPACE_URL_FORBIDDEN,
    Settings,
    SettingsFinder,
    exclude_rules,
    per_file,
    selection,
)


def _summary(report: Report, mode: str) -> str:
    changed = report.count("changed")
    verb = {"write": "rewritten", "diff": "would be rewritten", "check": "would be rewritten"}[mode]
    scanned = sum(1 for result in report.results if not result.manifest)
    parts = [
        f"{pluralize(scanned, 'file')} scanned",
        f"{report.count('skipped')} skipped by pre-filter",
        f"{changed} {verb}",
        f"{report.count('unchanged')} unchanged",
        f"{report.count('failed')} failed",
    ]
    manifests = report.count("changed", manifest=True)
    if manifests:
        parts.append(f"{pluralize(manifests, 'manifest')} {'updated' if mode == 'write' else 'to update'}")
    return ", ".join(parts)


#: Findings that say a file could not be read or parsed at all: their own exit status, 3.
UNREADABLE_PREFIX = "SW90"


def _exit_code(report: Report, findings: list[Finding], check: bool) -> int:
    """1 for a warning or error finding not suppressed, or (``--check``) a pending change; else 3 when a
    file could not be read or parsed (SW90x); else 0.

    Marker comments are TODOs: a finding counts until a person suppresses it (``# sw-migrate:
    ignore[CODE]``) or ``--ignore``/settings leave its code out. Unparseable files get their own status so
    a CI gate can tell "work left" from "files this tool cannot read" (exclude those to go green).
    """
    pending = any(
        f.severity in ("error", "warning") and not f.code.startswith(UNREADABLE_PREFIX) for f in findings
    )
    changed = report.count("changed") + report.count("changed", manifest=True)
    if pending or (check and changed):
        return 1
    return 3 if any(f.code.startswith(UNREADABLE_PREFIX) for f in findings) else 0


def _unreadable(problem: Problem, cwd: Path) -> FileResult:
    """A path the walk could not look at (a FIFO, an unreadable folder), reported like an unreadable file."""
    path = display_path(problem.path, cwd)
    return FileResult(path, "failed", (Finding(path, 1, 1, "SW902", problem.reason),))


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--diff", is_flag=True, help="Print a unified diff (git apply accepts it); write nothing.")
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 if anything would change (with --diff: the patch too).",
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes [default: CPUs]."
)
@EXCLUDE_OPTION
@SELECT_OPTION
@IGNORE_OPTION
@click.option(
    "--space-url",
    default=None,
    metavar="URL",
    help="Space host, e.g. example.signalwire.com, passed as signalwire_space_url= "
    "[default: the client reads SIGNALWIRE_SPACE_URL at run time; no call is changed].",
)
@click.option(
    "--target",
    type=click.Choice(TARGETS),
    default=None,
    help="Python only: the SDK migrated Python code uses, signalwire-sdk (default) or twilio-sdk "
    "(other languages follow the spec's SDK).",
)
@click.option(
    "--language",
    "languages",
    multiple=True,
    type=click.Choice(FAMILIES),
    help="Only these SDKs' files and manifests (repeatable) [default: all].",
)
@click.option(
    "--max-file-size",
    "max_file_bytes",
    type=click.IntRange(min=1),
    default=None,
    metavar="BYTES",
    help=f"Larger files are reported (SW906) and left alone [default: {MAX_FILE_BYTES}].",
)
@CONFIG_OPTION
@FORMAT_OPTION
@exit_130_on_ctrl_c("stopped before any file was changed")
@settings_errors_exit_2
def codemod(
    paths: tuple[Path, ...],
    diff: bool,
    check: bool,
    jobs: int | None,
    exclude: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    space_url: str | None,
    target: str | None,
    languages: tuple[Family, ...],
    max_file_bytes: int | None,
    config: Path | None,
    output_format: str,
) -> None:
    """Rewrite Twilio client, TwiML and validator code under PATHS for SignalWire.

    \b
    Findings print as `path:line:col: CODE message`; codes are listed in the README.
    Exit codes: 0 clean, 1 findings (or changes with --check), 2 usage error, 3 only files that could
    not be read or parsed, 130 Ctrl-C (the files already rewritten are listed).
    """
    if space_url is not None and not space_url.strip():
        raise click.BadParameter(
            "must not be empty (leave it out to read SIGNALWIRE_SPACE_URL)", param_hint="--space-url"
        )
    if space_url is not None and any(char in space_url for char in SPACE_URL_FORBIDDEN):
        raise click.BadParameter("must not contain quotes, backslashes or newlines", param_hint="--space-url")
    chosen: Mode = "diff" if diff else "check" if check else "write"
    finder = SettingsFinder(config)

    def options(settings: Settings) -> Options:
        """The command line first, then the file's settings, then the defaults."""
        return Options(
            mode=chosen,
            target=cast(Target, target or settings.get("target") or "signalwire-sdk"),
            space_url=space_url if space_url is not None else settings.get("space-url"),
            max_file_bytes=max_file_bytes or settings.get("max-file-size") or MAX_FILE_BYTES,
            selection=selection(settings, select, ignore),
        )

    options_for = per_file(finder, options)
    cwd = Path.cwd()
    found = find(paths, exclude_rules(finder, exclude, cwd))
    wanted = [item for item in found.files if not languages or family_of(item.path) in languages]
    files = [display_path(item.path, cwd) for item in wanted if item.kind in KINDS]
    for item in wanted:
        if item.kind not in KINDS:
            click.echo(f"{item.path}: not a source file or dependency manifest: skipped", err=True)
    if not files and not found.problems:
        shown = ", ".join(str(path) for path in paths)
        warning = excluded_warning(found) or f"warning: no source files or dependency manifests under {shown}"
        click.echo(warning, err=True)
    with progress_bar(len(files), "codemod", enabled=output_format == "text") as advance:
        report = run(files, options_for, jobs=jobs, advance=advance, roots=paths)
    with ctrl_c_ignored():  # the run is over: what it did is reported whole
        report.results += [_unreadable(problem, cwd) for problem in found.problems]
        findings = [f for f in report.findings if options_for(f.path).selection.wants(f.code)]
        _print(report, findings, chosen, output_format, check)
        if report.interrupted:
            _interrupted(report, chosen)
        raise SystemExit(_exit_code(report, findings, check))


def _print(report: Report, findings: list[Finding], mode: str, output_format: str, check: bool) -> None:
    """Results on stdout (the patch in diff mode, findings and ``would rewrite`` lines then on stderr, as
    black does with ``--check --diff``), the summary on stderr."""
    if output_format == "json":
        emit_json(
            {
                "summary": {
                    "scanned": sum(1 for result in report.results if not result.manifest),
                    "skipped": report.count("skipped"),
                    "changed": report.count("changed"),
                    "unchanged": report.count("unchanged"),
                    "failed": report.count("failed"),
                    "manifests_changed": report.count("changed", manifest=True),
                },
                "changed": [result.path for result in report.results if result.status == "changed"],
                "findings": [{**finding_dict(finding), "marked": finding.marked} for finding in findings],
                "rules": {code: rule.summary for code, rule in RULES.items()},
            }
        )
    else:
        if mode == "diff":
            stream = sys.stdout.buffer
            for result in report.results:
                stream.write(result.diff)
            stream.flush()
        if check:
            for result in report.results:
                if result.status == "changed":
                    click.echo(f"would rewrite {result.path}", err=mode == "diff")
        for finding in findings:
            # In diff mode stdout must stay a valid patch, so findings move to stderr.
            click.echo(finding_line(finding), err=mode == "diff")
        click.echo(_summary(report, mode), err=True)


def _interrupted(report: Report, mode: str) -> NoReturn:
    """After Ctrl-C: name every file already rewritten (its write completed), then exit 130 like a shell."""
    changed = [result.path for result in report.results if result.status == "changed"]
    verb = "rewritten" if mode == "write" else "would be rewritten"
    exit_interrupted(
        f"interrupted: {pluralize(len(changed), 'file')} {verb} before Ctrl-C",
        *(f"{verb}: {path}" for path in changed),
    )
