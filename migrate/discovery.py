"""Which files a command looks at: the folder walk shared by ``validate`` and ``codemod``.

The rules are the ones ruff and black users already expect:

- A path named on the command line is always looked at, whatever its kind; only exclude patterns apply to
  it (so pre-commit, which names files, honours them). The command decides what to do with a kind it does
  not handle (``codemod README.md``: "not a source file").
- Folders are walked. Paths a ``.gitignore`` ignores are skipped: every ``.gitignore`` from the repository's
  root down to the file, and ``.git/info/exclude``. So are VCS data, virtualenvs (any folder holding a
  ``pyvenv.cfg``), ``node_modules``, ``site-packages`` and tool caches. Symlinked folders are not followed.
- Exclude patterns are gitignore patterns anchored at a base folder (the working directory for
  ``--exclude``, the configuration file's folder for configured ones): ``vendor/``, ``./vendor`` and
  ``**/generated/*.py`` all mean what they mean in a ``.gitignore``. Each folder may have its own (the
  settings nearest to it apply to its entries), so the caller can pass a function of the folder.
- A walked file is kept when its kind is one the command asked for. The kind comes from the file name
  (:data:`NAME_KINDS`, e.g. ``requirements*.txt`` is a ``manifest``) or else its extension
  (:data:`SUFFIX_KINDS`, e.g. ``.py`` is ``python``). Another language is one :func:`register` call plus
  the command asking for its kind: ``register("javascript", suffixes=(".js", ".mjs"))``.
- Nothing here hangs or aborts a run: a FIFO, socket or device (``mkfifo pipe.py``), a file whose type
  cannot be read and a folder that cannot be listed come back as :class:`Problem` entries with the reason,
  and the walk carries on.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from migrate.reading import file_type, read_capped

#: Folder names never worth reading: VCS data, virtualenvs, vendored dependencies, caches, build output.
#: Virtualenvs with other names are recognised by their ``pyvenv.cfg``; a plain ``env/`` may be source code.
SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".tox",
        ".nox",
        ".venv",
        "venv",
        "site-packages",
        "node_modules",
        "__pycache__",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        "build",
        "dist",
    }
)
#: How much of a ``.gitignore`` is read (git's own ignore files are a few kB).
MAX_IGNORE_FILE_BYTES = 4 * 1024 * 1024
#: File-name patterns that decide a kind before the extension does (``setup.py`` is a manifest).
NAME_KINDS: dict[str, str] = {
    "requirements*.txt": "manifest",
    "requirements/*.txt": "manifest",  # a pattern with a folder matches the last two path parts
    "constraints*.txt": "manifest",
    "pyproject.toml": "manifest",
    "setup.py": "manifest",
    "setup.cfg": "manifest",
    "Pipfile": "manifest",
}
#: Lower-case extension to kind.
SUFFIX_KINDS: dict[str, str] = {".py": "python", ".xml": "xml", ".twiml": "xml", ".laml": "xml"}


def register(kind: str, *, suffixes: Iterable[str] = (), names: Iterable[str] = ()) -> None:
    """Make files with these extensions (``".js"``) or name patterns (``"package.json"``) of *kind*."""
    for suffix in suffixes:
        SUFFIX_KINDS[suffix.lower()] = kind
    for name in names:
        NAME_KINDS[name] = kind


def kind_of(path: Path) -> str | None:
    """The registered kind of *path*, by name pattern first and extension second; ``None`` if unknown."""
    tail = "/".join(path.parts[-2:])
    for pattern, kind in NAME_KINDS.items():
        if fnmatch.fnmatchcase(tail if "/" in pattern else path.name, pattern):
            return kind
    return SUFFIX_KINDS.get(path.suffix.lower())


@dataclass(frozen=True)
class Found:
    """A file to look at; *explicit* when it was named on the command line rather than walked to."""

    path: Path
    kind: str | None
    explicit: bool


@dataclass(frozen=True)
class Problem:
    """A path that was not looked at, and why (shown to the user; the run goes on)."""

    path: Path
    reason: str


@dataclass(frozen=True)
class Excludes:
    """Gitignore-style patterns anchored at *base*: ``vendor/``, ``./vendor``, ``**/generated/*.py``.

    Like a ``.gitignore``, patterns from a settings file say nothing about paths outside its folder.
    Command-line patterns (*outside_as_root*) are anchored at the working directory, and a walk of a root
    outside it is matched as if the root were the working directory: ``--exclude vendor/`` still skips
    ``../elsewhere/vendor``.
    """

    patterns: tuple[str, ...]
    base: Path
    outside_as_root: bool = False
    _spec: pathspec.GitIgnoreSpec = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # "./vendor" is how people say "vendor at the top": in a .gitignore that is "/vendor".
        lines = ["/" + p[2:] if p.startswith("./") else p for p in self.patterns]
        object.__setattr__(self, "_spec", pathspec.GitIgnoreSpec.from_lines(lines))

    def relative(self, path: Path) -> str | None:
        """*path* relative to *base* in POSIX form, ``""`` for *base* itself, ``None`` when outside it."""
        relative = _relative(path, self.base)
        return None if relative is None or relative.startswith("../") or relative == ".." else relative

    def prefix(self, folder: Path, below_root: str) -> str | None:
        """What to put before the name of an entry of *folder* to make it relative to *base*; ``None``
        when the patterns say nothing there. *below_root* is *folder* relative to the walk's root (``""``
        or ``a/b/``)."""
        relative = self.relative(folder)
        if relative is None:
            return below_root if self.outside_as_root else None
        return relative + "/" if relative else ""

    def match(self, relative: str) -> bool:
        """Whether the path *relative* to *base* (folders end with ``/``) is excluded."""
        return self._spec.match_file(relative)


def _relative(path: Path, base: Path) -> str:
    """``os.path.relpath`` in POSIX form, ``""`` for the same folder."""
    relative = Path(os.path.relpath(path, base)).as_posix()
    return "" if relative == "." else relative


def display_path(path: Path, cwd: Path) -> str:
    """*path* as the user would type it: relative to the working directory when inside it."""
    if path.is_absolute() and path.is_relative_to(cwd):
        return path.relative_to(cwd).as_posix()
    return path.as_posix()


@dataclass
class Discovery:
    """What a walk found: the files to look at in a stable order, and the paths it could not look at."""

    files: list[Found] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Files named on the command line that exclude patterns dropped (pre-commit names excluded files too).
    excluded: list[Path] = field(default_factory=list)


def excluded_warning(found: Discovery) -> str | None:
    """Why a run that found nothing had nothing: the files named were excluded (not "no such files")."""
    if not found.excluded:
        return None
    names = ", ".join(dict.fromkeys(path.as_posix() for path in found.excluded))
    return f"warning: {names}: matched by exclude patterns (settings or --exclude): nothing to check"


#: The exclude patterns for the entries of a folder (each folder may have its own settings).
ExcludeRules = Callable[[Path], Sequence[Excludes]]


def discover(
    paths: Iterable[Path], kinds: Collection[str], excludes: Iterable[Excludes] | ExcludeRules = ()
) -> Discovery:
    """Files of *kinds* under *paths* (see the module docstring), each once; problems listed, never raised.

    *excludes* are patterns for every folder, or a function giving each folder's own (looked up once per
    folder walked, and for the folder holding each file named).
    """
    result = Discovery()
    if callable(excludes):
        rules: ExcludeRules = excludes
    else:
        fixed = tuple(excludes)
        rules = lambda _folder: fixed  # noqa: E731
    seen: set[str] = set()
    cwd = Path.cwd()
    for root in paths:
        walker = _Walker(frozenset(kinds), rules, result.problems, result.excluded)
        for found in walker.top(root):
            key = os.path.normpath(cwd / found.path)
            if key not in seen:
                seen.add(key)
                result.files.append(found)
    return result


@dataclass(frozen=True)
class _Ignore:
    """One ``.gitignore``: a path relative to the walk's root matches as ``add + path[len(strip):]``."""

    spec: pathspec.GitIgnoreSpec
    strip: str = ""
    add: str = ""

    def check(self, relative: str) -> bool | None:
        """True: ignored, False: re-included (``!pattern``), None: this file says nothing."""
        return self.spec.check_file(self.add + relative[len(self.strip) :]).include


@dataclass
class _Walker:
    """One root's walk; *excludes* gives each folder's exclude patterns."""

    kinds: frozenset[str]
    excludes: ExcludeRules
    problems: list[Problem]
    excluded: list[Path]

    def top(self, root: Path) -> Iterator[Found]:
        """*root* as named on the command line: a file is taken as it is, a folder is walked."""
        try:
            mode = root.stat().st_mode
        except OSError as error:
            self.problems.append(Problem(root, _reason(error)))
            return
        if stat.S_ISDIR(mode):
            yield from self._walk(root, "", self._outer_ignores(root))
        elif _excluded(root.name, self._patterns(root.parent, "")):
            self.excluded.append(root)
        elif stat.S_ISREG(mode):
            yield Found(root, kind_of(root), explicit=True)
        else:
            self.problems.append(Problem(root, _not_regular(mode)))

    def _walk(self, folder: Path, relative: str, ignores: tuple[_Ignore, ...]) -> Iterator[Found]:
        """Files under *folder*, whose path relative to the walk's root is *relative* (``""`` or ``a/b/``)."""
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            self.problems.append(Problem(folder, f"cannot list folder: {_reason(error)}"))
            return
        own = self._gitignore(folder / ".gitignore")
        if own is not None:
            ignores = (*ignores, _Ignore(own, strip=relative))
        patterns = self._patterns(folder, relative)
        for entry in entries:
            path = folder / entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                inner = f"{relative}{entry.name}/"
                if not self._skip_folder(path, inner, ignores, patterns):
                    yield from self._walk(path, inner, ignores)
                continue
            kind = kind_of(path)
            name = relative + entry.name
            if kind not in self.kinds or _ignored(name, ignores) or _excluded(entry.name, patterns):
                continue
            try:
                mode = path.stat().st_mode
            except OSError:  # a dangling symlink: reading it says why, in the reader's own words
                mode = stat.S_IFREG
            if stat.S_ISREG(mode):
                yield Found(path, kind, explicit=False)
            else:
                self.problems.append(Problem(path, _not_regular(mode)))

    def _patterns(self, folder: Path, relative: str) -> list[tuple[Excludes, str]]:
        """*folder*'s exclude patterns, each with the folder's path relative to the patterns' base."""
        found = [(excludes, excludes.prefix(folder, relative)) for excludes in self.excludes(folder)]
        return [(excludes, prefix) for excludes, prefix in found if prefix is not None]

    def _skip_folder(
        self, path: Path, relative: str, ignores: tuple[_Ignore, ...], patterns: list[tuple[Excludes, str]]
    ) -> bool:
        return (
            path.name in SKIPPED_DIRS
            # A virtualenv of any name. os.path.isfile says False for a folder it cannot look into, where
            # Path.is_file raises PermissionError; the walk then reports that folder when it gets there.
            or os.path.isfile(path / "pyvenv.cfg")  # noqa: PTH113
            or _ignored(relative, ignores)
            or _excluded(path.name + "/", patterns)
        )

    def _outer_ignores(self, root: Path) -> tuple[_Ignore, ...]:
        """The ``.gitignore`` files above *root* inside its repository, outermost first."""
        absolute = root.absolute()
        chain = [absolute, *absolute.parents]
        top = next((folder for folder in chain if (folder / ".git").exists()), None)
        if top is None:
            return ()
        ignores: list[_Ignore] = []
        sources = [(top, top / ".git" / "info" / "exclude")]
        sources += [(folder, folder / ".gitignore") for folder in reversed(chain[1 : chain.index(top) + 1])]
        for folder, source in sources:
            spec = self._gitignore(source)
            if spec is not None:
                below = _relative(root, folder)
                ignores.append(_Ignore(spec, add=below + "/" if below else ""))
        return tuple(ignores)

    def _gitignore(self, path: Path) -> pathspec.GitIgnoreSpec | None:
        try:  # never open() it: a FIFO named .gitignore would hang the walk
            text = read_capped(path, MAX_IGNORE_FILE_BYTES).decode("utf-8", errors="replace")
            return pathspec.GitIgnoreSpec.from_lines(text.splitlines())
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as error:
            self.problems.append(Problem(path, f"cannot read: {_reason(error)}"))
            return None


def _excluded(name: str, patterns: list[tuple[Excludes, str]]) -> bool:
    """Whether an entry *name* of a folder (folders end with ``/``) matches the folder's exclude patterns,
    each paired with the folder's path relative to the patterns' base."""
    return any(excludes.match(prefix + name) for excludes, prefix in patterns)


def _ignored(relative: str, ignores: tuple[_Ignore, ...]) -> bool:
    """Git's answer: the deepest ``.gitignore`` with a matching pattern decides (``!`` re-includes)."""
    verdict = False
    for ignore in ignores:
        said = ignore.check(relative)
        if said is not None:
            verdict = said
    return verdict


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _not_regular(mode: int) -> str:
    return f"not a regular file ({file_type(mode)}): skipped"
