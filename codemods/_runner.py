"""Apply the migration to a tree: discover, pre-filter, transform in parallel, write atomically, report.

The pre-filter is what makes whole-repository runs fast: a byte search for ``twilio`` costs microseconds,
while parsing with LibCST and resolving qualified names costs tens of milliseconds per file, and in real
repositories only a few percent of files mention Twilio. One bad file never stops the run: each failure is
a finding with the file's path and the reason, and the caller's exit code says so.

Bounds: a file over :data:`MAX_FILE_BYTES` (``Options.max_file_bytes``) is reported, never read whole,
because LibCST's time and memory grow with the file (a 50,000-line module took minutes and gigabytes), and
each worker holds one file at a time. Ctrl-C stops dispatching at once: workers ignore SIGINT, files not
started are cancelled, a file being transformed drops its result when its transform ends (at once on a
second Ctrl-C), a write in progress completes (it is atomic), and the report lists what was done with
``interrupted`` set.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import signal
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import libcst as cst
from libcst.codemod import CodemodContext

from codemods._diff import unified_diff
from codemods._discover import discover, family_of, is_manifest
from codemods._fileio import LinkPlan, TooLarge, link_plan, read_limited, refusal, write_atomic
from codemods._findings import Finding
from codemods._helper import helper_for, helper_source, uses_helper
from codemods._import_placement import sort_like_before
from codemods._manifests import included_manifests, migrate_manifest
from codemods._markers import bad_ignores
from codemods._treesitter import Family, Grammar, SyntaxErrors, grammar_for
from codemods._treesitter import migrate_source as migrate_tree_source
from codemods._treesitter._manifests import is_other_manifest, migrate_other_manifest
from codemods._vocabulary import Target
from codemods.migrate_to_signalwire import MigrateToSignalWireCommand
from migrate.selection import Selection

Mode = Literal["write", "diff", "check"]
Status = Literal["skipped", "unchanged", "changed", "failed"]
#: What a Python file must contain to be worth parsing (hosted URLs are findings on their own).
#: A migrated file may no longer name Twilio but still hold a marker comment: a TODO that ``--check`` must
#: keep failing on until a person turns it into an ignore, so the marker text gets the file read too.
PREFILTER = (b"twilio", b"twil.io", b"twimlets.com", b"sw-migrate: SW")
#: The other languages also spell the SDK ``Twilio`` (PHP namespaces, Ruby constants, C# usings, NuGet ids).
TREE_PREFILTER = (*PREFILTER, b"Twilio")
#: Largest file migrated by default: LibCST needed 59 s and 296 MB for 256 KiB (11,600 short lines).
MAX_FILE_BYTES = 256 * 1024


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
    #: Files larger than this are reported (SW906) and left alone.
    max_file_bytes: int = MAX_FILE_BYTES
    #: Files that are manifests because a requirements file includes them (``-r base.txt``).
    included: frozenset[str] = frozenset()
    #: ``--select``/``--ignore``: codes left out are not reported and leave no marker comment.
    selection: Selection = field(default_factory=Selection)


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
    #: Ctrl-C stopped the run: ``results`` holds only the files finished before it.
    interrupted: bool = False

    def count(self, status: Status, *, manifest: bool = False) -> int:
        """How many Python files (or manifests) ended with *status*."""
        return sum(1 for result in self.results if result.status == status and result.manifest == manifest)

    @property
    def findings(self) -> list[Finding]:
        """All findings, ordered by path then position."""
        found = [finding for result in self.results for finding in result.findings]
        return sorted(found, key=lambda finding: (finding.path, finding.line, finding.col, finding.code))


def migrate_source(
    data: bytes,
    path: str = "<string>",
    target: Target = "signalwire-sdk",
    space_url: str | None = None,
    selection: Selection | None = None,
) -> tuple[bytes, list[Finding]]:
    """Migrate one module's bytes; raises LibCST's ``ParserSyntaxError`` on code it cannot parse and
    :class:`NotRoundTrip` on code it would not print back byte for byte."""
    module = cst.parse_module(data)
    if module.bytes != data:
        raise NotRoundTrip(path)
    command = MigrateToSignalWireCommand(
        CodemodContext(filename=path), target=target, space_url=space_url, selection=selection
    )
    new = command.transform_parsed(module).bytes
    if new != data:
        new = sort_like_before(path, data, new, module.encoding)
    return new, command.findings


class NotRoundTrip(ValueError):
    """LibCST would change bytes it was never asked to touch (a form feed before a statement, CR-only line
    endings), so any rewrite of the file would too."""


class _Stopped(BaseException):
    """Ctrl-C arrived before this worker's write began: the file is left as it was.

    A ``BaseException``, so the per-file ``except Exception`` reporting never mistakes it for a failure."""


#: Set in each worker process by :func:`_start_worker`: the parent's Ctrl-C flag.
_STOP: multiprocessing.synchronize.Event | None = None
#: True while a worker transforms a file and has not begun writing it: :data:`DROP_SIGNAL` drops it then.
_DROPPABLE = False


def _stop_point() -> None:
    """Called just before a write: after Ctrl-C nothing new is written, and from here on the file is
    finished whatever happens (a second Ctrl-C no longer drops it)."""
    global _DROPPABLE
    _DROPPABLE = False
    if _STOP is not None and _STOP.is_set():
        raise _Stopped


#: What the parent sends its workers on a second Ctrl-C. Not SIGTERM: the executor terminates workers
#: with that when the pool breaks, and they must then exit as usual.
DROP_SIGNAL = signal.SIGUSR1


def _drop_file(_signum: int, _frame: object) -> None:
    """A worker's :data:`DROP_SIGNAL` handler: the parent had Ctrl-C twice, so a file still being
    transformed is dropped at once; a write under way completes, and an idle worker ignores it."""
    if _DROPPABLE:
        raise _Stopped


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
    link: LinkPlan | None = None,
) -> FileResult:
    """Write or diff the new content according to the mode; a link or read-only file is never replaced."""
    if new == old:
        return FileResult(path, "unchanged", tuple(findings), manifest=manifest)
    if link is not None and link.refused:
        return _failure(path, "SW907", link.refused)
    if options.mode == "diff":
        return FileResult(path, "changed", tuple(findings), unified_diff(path, old, new), manifest=manifest)
    if options.mode == "write":
        destination = Path(link.target if link else path)
        try:
            reason = refusal(destination)
            if reason:
                return _failure(path, "SW907", reason)
            _stop_point()
            write_atomic(destination, new)
        except OSError as error:
            return _failure(path, "SW902", f"cannot write: {error.strerror or error}")
    return FileResult(path, "changed", tuple(findings), manifest=manifest)


def _too_large(path: str, limit: int) -> FileResult:
    return _failure(path, "SW906", f"larger than {limit:,} bytes (--max-file-size): not migrated")


def process_file(path: str, options: Options, link: LinkPlan | None = None) -> FileResult:
    """Migrate one file end to end; never raises, so one bad file cannot stop a run.

    *link* is the plan for a symlink (see :func:`~codemods._fileio.link_plan`).
    """
    try:
        data = read_limited(path, options.max_file_bytes)
    except TooLarge:
        return _too_large(path, options.max_file_bytes)
    except OSError as error:
        return _failure(path, "SW902", f"cannot read: {error.strerror or error}")
    if is_manifest(Path(path)) or path in options.included:
        if not _mentions_twilio(path, data):
            return FileResult(path, "skipped", manifest=True)
        if is_other_manifest(Path(path)):
            new, found = migrate_other_manifest(path, data)
            return _finish(path, data, new or data, found, options, manifest=True, link=link)
        result = migrate_manifest(path, data, options.target)
        return _finish(path, data, result.data or data, result.findings, options, manifest=True, link=link)
    source = _source_file(path, data, options, link)
    comments = _bad_ignores(path, data)
    return replace(source, findings=source.findings + comments) if comments else source


def _bad_ignores(path: str, data: bytes) -> tuple[Finding, ...]:
    """SW910 for each suppression comment naming no known code, in any source file: one that no longer
    names Twilio (migrated already) can still hold a mistyped ignore that would hide nothing."""
    if b"sw-migrate:" not in data:
        return ()
    text = data.decode("utf-8", "replace")
    return tuple(Finding(path, line, col, "SW910", problem) for line, col, problem in bad_ignores(text))


def _source_file(path: str, data: bytes, options: Options, link: LinkPlan | None) -> FileResult:
    """A source file (not a manifest) read whole: skipped, migrated, or failed with its reason."""
    if not _mentions_twilio(path, data):
        return FileResult(path, "skipped")
    grammar = grammar_for(path)
    if grammar is not None:
        return _tree_file(path, data, grammar, options, link)
    try:
        new, findings = migrate_source(data, path, options.target, options.space_url, options.selection)
    except cst.ParserSyntaxError as error:
        return _syntax_failure(path, data, error)
    except NotRoundTrip:
        return _failure(
            path,
            "SW909",
            "LibCST cannot reproduce this file byte for byte (a form feed before a statement, "
            "CR-only line endings): left unchanged",
        )
    except (UnicodeError, LookupError, SyntaxError) as error:  # encoding detection raises SyntaxError
        return _failure(path, "SW901", f"cannot decode: {error}")
    except Exception as error:  # reported per file: the run must go on
        return _failure(path, "SW903", f"{type(error).__name__}: {error}")
    done = _finish(path, data, new, findings, options, link=link)
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


def _tree_file(
    path: str, data: bytes, grammar: Grammar, options: Options, link: LinkPlan | None
) -> FileResult:
    """A Node.js, PHP, Ruby or C# file: a parse error or an edit that would not reparse leaves it alone."""
    try:
        new, findings = migrate_tree_source(data, path, grammar, options.space_url, options.selection)
    except SyntaxErrors as error:
        return _failure(
            path, "SW900", f"syntax error, file left unchanged: {error.what}", error.line, error.col
        )
    except Exception as error:  # reported per file: the run must go on
        return _failure(path, "SW903", f"{type(error).__name__}: {error}")
    if any(finding.code == "SW905" for finding in findings):
        return FileResult(path, "failed", tuple(findings))
    return _finish(path, data, new, findings, options, link=link)


def _display(path: Path, cwd: Path) -> str:
    """Paths as the user would type them: relative to the working directory when inside it."""
    if path.is_absolute() and path.is_relative_to(cwd):
        return path.relative_to(cwd).as_posix()
    return path.as_posix()


def _work(path: str, options: Options, link: LinkPlan | None) -> FileResult | None:
    """A worker's task: ``None`` when Ctrl-C came first (not started, or stopped before writing)."""
    global _DROPPABLE
    if _STOP is not None and _STOP.is_set():
        return None
    try:
        _DROPPABLE = True
        return process_file(path, options, link)
    except _Stopped:
        return None
    finally:
        _DROPPABLE = False


def _start_worker(stop: multiprocessing.synchronize.Event) -> None:
    """Ctrl-C is the parent's to handle (a terminal sends it to every worker too); a crash is reported as
    SW904, so the interpreter's raw dump (faulthandler, inherited from pytest or PYTHONFAULTHANDLER) would
    only alarm the user."""
    global _STOP
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(DROP_SIGNAL, _drop_file)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    faulthandler.disable()
    _STOP = stop


@contextmanager
def _on_sigint(action: Callable[[], None]) -> Iterator[None]:
    """Ctrl-C calls *action* instead of raising ``KeyboardInterrupt`` inside the block."""
    previous = signal.signal(signal.SIGINT, lambda _signum, _frame: action())
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _drop_files_in_progress(pool: ProcessPoolExecutor) -> None:
    """Ctrl-C again: workers still transforming a file drop it now rather than when the transform ends."""
    for process in list(pool._processes.values()):  # the executor has no public way to reach them
        if process.pid is not None:
            with suppress(ProcessLookupError):
                os.kill(process.pid, DROP_SIGNAL)


@contextmanager
def _sigint_held() -> Iterator[None]:
    """Hold Ctrl-C while worker processes are forked, so none starts before it ignores SIGINT; a Ctrl-C
    pressed meanwhile is delivered (as ``KeyboardInterrupt``) when the block ends."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _pool(jobs: int, stop: multiprocessing.synchronize.Event) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(stop,))


def _parallel(
    paths: list[str],
    options: Mapping[str, Options],
    jobs: int,
    advance: Callable[[int], None],
    links: dict[str, LinkPlan],
) -> tuple[dict[str, FileResult], bool]:
    """Run on a process pool; if a worker dies (native stack overflow), retry the rest one at a time.

    Returns the finished files' results and whether Ctrl-C stopped the run.
    """
    results: dict[str, FileResult] = {}
    stop = multiprocessing.get_context().Event()
    futures: dict[Future[FileResult | None], str] = {}

    def keep(future: Future[FileResult | None]) -> None:
        if future.done() and not future.cancelled() and future.exception() is None:
            result = future.result()
            if result is not None and futures[future] not in results:
                results[futures[future]] = result
                advance(1)

    with _pool(jobs, stop) as pool:
        try:
            with _sigint_held():
                for path in paths:
                    futures[pool.submit(_work, path, options[path], links.get(path))] = path
            for future in as_completed(futures):
                keep(future)
        except BrokenProcessPool:  # raised by submit(): the pool broke while files were still handed out
            # Keep what finished before the crash: re-running a file already written would report it
            # as unchanged. Results may still be arriving, so first let the pool settle every future.
            wait(futures)
            for future in futures:
                keep(future)
        except KeyboardInterrupt:
            stop.set()
            for future in futures:
                future.cancel()
            # Running files finish their write, or drop their result when the transform ends; Ctrl-C
            # again drops them at once (a write under way still completes).
            with _on_sigint(lambda: _drop_files_in_progress(pool)):
                wait(futures)
                pool.shutdown()
            for future in futures:
                keep(future)
            return results, True
    try:
        for path in paths:
            if path not in results:
                results[path] = _isolated(path, options[path], links.get(path))
                advance(1)
    except KeyboardInterrupt:
        return results, True
    return results, False


def _isolated(path: str, options: Options, link: LinkPlan | None) -> FileResult:
    """One file in its own worker, so a crash is pinned on the file that caused it."""
    try:
        with _pool(1, multiprocessing.get_context().Event()) as pool:
            return pool.submit(process_file, path, options, link).result()
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
    options: Options | Callable[[str], Options],
    *,
    jobs: int | None = None,
    advance: Callable[[int], None] = lambda _count: None,
    roots: Sequence[Path] = (),
) -> Report:
    """Migrate the Python files and manifests in *files* (see :func:`collect`); never raises per file.

    *options* may be a function giving each file its own (the settings nearest to it); it is called for
    every file before anything is read or written. *roots* are the paths the user named (default: the
    working folder): a symlink is written through only when its target lies inside them. Ctrl-C ends the
    run early with ``Report.interrupted`` set.
    """
    report = Report()
    candidates: list[str] = []
    early: dict[str, FileResult] = {}
    done: dict[str, FileResult] = {}
    included = included_manifests(files)
    files = [*files, *included]
    chosen = {path: options(path) if callable(options) else options for path in files}
    for path in included:
        chosen[path] = replace(chosen[path], included=chosen[path].included | frozenset(included))
    try:
        for path in files:
            try:
                data = read_limited(path, chosen[path].max_file_bytes)
            except TooLarge:
                early[path] = _too_large(path, chosen[path].max_file_bytes)
                continue
            except OSError as error:
                early[path] = _failure(path, "SW902", f"cannot read: {error.strerror or error}")
                continue
            if _mentions_twilio(path, data):
                candidates.append(path)
            else:
                manifest = is_manifest(Path(path)) or path in chosen[path].included
                found = () if manifest else _bad_ignores(path, data)
                early[path] = FileResult(path, "skipped", found, manifest=manifest)
        links = link_plan(candidates, roots or (Path.cwd(),))
        for path, link in links.items():
            if link.redundant:  # decided before dispatch: its target may already be rewritten by then
                early[path] = FileResult(path, "unchanged", (Finding(path, 1, 1, "SW908", link.refused),))
                candidates.remove(path)
        advance(len(early))
        # Always in worker processes, even for --jobs 1: a native parser crash must not take the run down.
        workers = min(jobs or os.cpu_count() or 1, max(len(candidates), 1))
        if candidates:
            done, report.interrupted = _parallel(candidates, chosen, workers, advance, links)
    except KeyboardInterrupt:
        report.interrupted = True
    report.results = [early.get(path) or done[path] for path in files if path in early or path in done]
    # Each helper is made with the options (the space URL) of the first file importing it.
    helpers = {result.helper: chosen[result.path] for result in report.results if result.helper}
    try:
        with _sigint_held():  # files already rewritten import these helpers: create every one of them
            report.results.extend([_helper_module(path, helpers[path]) for path in sorted(helpers)])
    except KeyboardInterrupt:
        report.interrupted = True
    return report
