"""Apply the migration to a tree: discover, pre-filter, transform in parallel, write atomically, report.

The pre-filter is what makes whole-repository runs fast: a byte search for ``twilio`` costs microseconds,
while parsing with LibCST and resolving qualified names costs tens of milliseconds per file, and in real
repositories only a few percent of files mention Twilio. One bad file never stops the run: each failure is
a finding with the file's path and the reason, and the caller's exit code says so.
"""

from __future__ import annotations

import faulthandler
import os
from collections.abc import Callable, Collection, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import libcst as cst
from libcst.codemod import CodemodContext

from codemods._diff import unified_diff
from codemods._discover import discover, family_of, is_manifest
from codemods._fileio import write_atomic
from codemods._findings import Finding
from codemods._helper import helper_for, helper_source, uses_helper
from codemods._import_placement import sort_like_before
from codemods._manifests import included_manifests, migrate_manifest
from codemods._treesitter import Family, Grammar, SyntaxErrors, grammar_for
from codemods._treesitter import migrate_source as migrate_tree_source
from codemods._treesitter._manifests import is_other_manifest, migrate_other_manifest
from codemods._vocabulary import Target
from codemods.migrate_to_signalwire import MigrateToSignalWireCommand

Mode = Literal["write", "diff", "check"]
Status = Literal["skipped", "unchanged", "changed", "failed"]
#: What a Python file must contain to be worth parsing (hosted URLs are findings on their own).
PREFILTER = (b"twilio", b"twil.io", b"twimlets.com")
#: The other languages also spell the SDK ``Twilio`` (PHP namespaces, Ruby constants, C# usings, NuGet ids).
TREE_PREFILTER = (*PREFILTER, b"Twilio")


def _mentions_twilio(path: str, data: bytes) -> bool:
    """The pre-filter: a file that never names Twilio is never parsed."""
    needles = PREFILTER if path.endswith(".py") else TREE_PREFILTER
    return any(needle in data for needle in needles)


@dataclass(frozen=True)
class Options:
    """How to migrate: write/diff/check, which SDK to target, and a literal space URL if given."""

    mode: Mode = "write"
    target: Target = "signalwire-sdk"
    space_url: str | None = None
    #: Files that are manifests because a requirements file includes them (``-r base.txt``).
    included: frozenset[str] = frozenset()


@dataclass(frozen=True)
class FileResult:
    """The outcome for one file; ``diff`` is filled in diff mode only."""

    path: str
    status: Status
    findings: tuple[Finding, ...] = ()
    diff: bytes = b""
    manifest: bool = False
    #: ``--target twilio-sdk``: the helper module the migrated file imports (it must exist).
    helper: str = ""


@dataclass
class Report:
    """Every file's result, in discovery order, plus the tallies the summary prints."""

    results: list[FileResult] = field(default_factory=list)

    def count(self, status: Status, *, manifest: bool = False) -> int:
        """How many Python files (or manifests) ended with *status*."""
        return sum(1 for result in self.results if result.status == status and result.manifest == manifest)

    @property
    def findings(self) -> list[Finding]:
        """All findings, ordered by path then position."""
        found = [finding for result in self.results for finding in result.findings]
        return sorted(found, key=lambda finding: (finding.path, finding.line, finding.col, finding.code))


def migrate_source(
    data: bytes, path: str = "<string>", target: Target = "signalwire-sdk", space_url: str | None = None
) -> tuple[bytes, list[Finding]]:
    """Migrate one module's bytes; raises LibCST's ``ParserSyntaxError`` on code it cannot parse."""
    module = cst.parse_module(data)
    command = MigrateToSignalWireCommand(CodemodContext(filename=path), target=target, space_url=space_url)
    new = command.transform_parsed(module).bytes
    if new != data:
        new = sort_like_before(path, data, new, module.encoding)
    return new, command.findings


def _failure(path: str, code: str, message: str, line: int = 1, col: int = 1) -> FileResult:
    return FileResult(path, "failed", (Finding(path, line, col, code, message),))


def _syntax_failure(path: str, data: bytes, error: cst.ParserSyntaxError) -> FileResult:
    """Prefer CPython's wording: it names Python 2 constructs ("Missing parentheses in call to 'print'")."""
    reason, line, col = error.message, error.raw_line, error.raw_column + 1
    try:
        compile(data, path, "exec", dont_inherit=True)
    except SyntaxError as python_error:
        reason, line, col = python_error.msg, python_error.lineno or line, python_error.offset or col
    except (ValueError, UnicodeError):
        pass
    return _failure(path, "SW900", f"syntax error, file left unchanged: {reason}", line, col)


def _finish(
    path: str,
    old: bytes,
    new: bytes,
    findings: Sequence[Finding],
    options: Options,
    *,
    manifest: bool = False,
) -> FileResult:
    """Write or diff the new content according to the mode."""
    if new == old:
        return FileResult(path, "unchanged", tuple(findings), manifest=manifest)
    if options.mode == "diff":
        return FileResult(path, "changed", tuple(findings), unified_diff(path, old, new), manifest=manifest)
    if options.mode == "write":
        try:
            write_atomic(Path(path), new)
        except OSError as error:
            return _failure(path, "SW902", f"cannot write: {error.strerror or error}")
    return FileResult(path, "changed", tuple(findings), manifest=manifest)


def process_file(path: str, options: Options) -> FileResult:
    """Migrate one file end to end; never raises, so one bad file cannot stop a run."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        return _failure(path, "SW902", f"cannot read: {error.strerror or error}")
    if is_manifest(Path(path)) or path in options.included:
        if not _mentions_twilio(path, data):
            return FileResult(path, "skipped", manifest=True)
        if is_other_manifest(Path(path)):
            new, found = migrate_other_manifest(path, data)
            return _finish(path, data, new or data, found, options, manifest=True)
        result = migrate_manifest(path, data, options.target)
        return _finish(path, data, result.data or data, result.findings, options, manifest=True)
    if not _mentions_twilio(path, data):
        return FileResult(path, "skipped")
    grammar = grammar_for(path)
    if grammar is not None:
        return _tree_file(path, data, grammar, options)
    try:
        new, findings = migrate_source(data, path, options.target, options.space_url)
    except cst.ParserSyntaxError as error:
        return _syntax_failure(path, data, error)
    except (UnicodeError, LookupError, SyntaxError) as error:  # encoding detection raises SyntaxError
        return _failure(path, "SW901", f"cannot decode: {error}")
    except Exception as error:  # reported per file: the run must go on
        return _failure(path, "SW903", f"{type(error).__name__}: {error}")
    done = _finish(path, data, new, findings, options)
    if options.target == "twilio-sdk" and uses_helper(path, new):
        return replace(done, helper=helper_for(path).path.as_posix())
    return done


def _helper_module(path: str, options: Options) -> FileResult:
    """Create the twilio-sdk helper module at *path* (an existing file is the user's and stays as is)."""
    target = Path(path)
    if target.exists():
        return FileResult(path, "unchanged")
    new = helper_source(options.space_url)
    if options.mode == "write":
        try:
            target.touch(exist_ok=False)
        except OSError as error:
            return _failure(path, "SW902", f"cannot write: {error.strerror or error}")
    return _finish(path, b"", new, (), options)


def _tree_file(path: str, data: bytes, grammar: Grammar, options: Options) -> FileResult:
    """A Node.js, PHP, Ruby or C# file: a parse error or an edit that would not reparse leaves it alone."""
    try:
        new, findings = migrate_tree_source(data, path, grammar, options.space_url)
    except SyntaxErrors as error:
        return _failure(
            path, "SW900", f"syntax error, file left unchanged: {error.what}", error.line, error.col
        )
    except Exception as error:  # reported per file: the run must go on
        return _failure(path, "SW903", f"{type(error).__name__}: {error}")
    if any(finding.code == "SW905" for finding in findings):
        return FileResult(path, "failed", tuple(findings))
    return _finish(path, data, new, findings, options)


def _display(path: Path, cwd: Path) -> str:
    """Paths as the user would type them: relative to the working directory when inside it."""
    if path.is_absolute() and path.is_relative_to(cwd):
        return path.relative_to(cwd).as_posix()
    return path.as_posix()


def _parallel(
    paths: list[str], options: Options, jobs: int, advance: Callable[[int], None]
) -> list[FileResult]:
    """Run on a process pool; if a worker dies (native stack overflow), retry the rest one at a time."""
    results: dict[str, FileResult] = {}
    with ProcessPoolExecutor(max_workers=jobs, initializer=_quiet_crashes) as pool:
        futures: dict[Future[FileResult], str] = {
            pool.submit(process_file, path, options): path for path in paths
        }
        try:
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                advance(1)
        except BrokenProcessPool:
            # Keep what finished before the crash: re-running a file already written would report it
            # as unchanged.
            for future, path in futures.items():
                if path not in results and future.done() and future.exception() is None:
                    results[path] = future.result()
                    advance(1)
    for path in paths:
        if path not in results:
            results[path] = _isolated(path, options)
            advance(1)
    return [results[path] for path in paths]


def _quiet_crashes() -> None:
    """Workers inherit an enabled faulthandler (pytest, PYTHONFAULTHANDLER); a crash is reported as SW904,
    so the interpreter's raw traceback dump on stderr would only alarm the user."""
    faulthandler.disable()


def _isolated(path: str, options: Options) -> FileResult:
    """One file in its own worker, so a crash is pinned on the file that caused it."""
    try:
        with ProcessPoolExecutor(max_workers=1, initializer=_quiet_crashes) as pool:
            return pool.submit(process_file, path, options).result()
    except BrokenProcessPool:
        return _failure(path, "SW904", "the parser crashed the worker process; file left unchanged")


def collect(
    paths: Iterable[Path], excludes: Iterable[str] = (), languages: Collection[Family] | None = None
) -> list[str]:
    """The files :func:`run` would look at (for progress totals), as display paths; *languages* restricts
    them to those SDKs' sources and manifests."""
    cwd = Path.cwd()
    found = discover(paths, excludes)
    return [_display(path, cwd) for path in found if not languages or family_of(path) in languages]


def run(
    files: Sequence[str],
    options: Options,
    *,
    jobs: int | None = None,
    advance: Callable[[int], None] = lambda _count: None,
) -> Report:
    """Migrate the Python files and manifests in *files* (see :func:`collect`); never raises per file."""
    report = Report()
    candidates: list[str] = []
    early: dict[str, FileResult] = {}
    included = included_manifests(files)
    if included:
        files = [*files, *included]
        options = replace(options, included=options.included | frozenset(included))
    for path in files:
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            early[path] = _failure(path, "SW902", f"cannot read: {error.strerror or error}")
            continue
        if _mentions_twilio(path, data):
            candidates.append(path)
        else:
            manifest = is_manifest(Path(path)) or path in options.included
            early[path] = FileResult(path, "skipped", manifest=manifest)
    advance(len(early))
    # Always in worker processes, even for --jobs 1: a native parser crash must not take the run down.
    workers = min(jobs or os.cpu_count() or 1, max(len(candidates), 1))
    done: dict[str, FileResult] = {}
    if candidates:
        done = dict(zip(candidates, _parallel(candidates, options, workers, advance), strict=True))
    report.results = [early.get(path) or done[path] for path in files]
    helpers = sorted({result.helper for result in report.results if result.helper})
    report.results.extend(_helper_module(path, options) for path in helpers)
    return report
