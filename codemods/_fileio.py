"""Byte-exact, atomic file replacement, and the checks that decide whether a file may be replaced at all.

Files are only ever handled as bytes (LibCST's bytes API keeps encoding cookies, BOM and CRLF), and written
through a temporary file in the same directory followed by ``os.replace`` so an interrupted run never leaves
a half-written source file. The original permission bits are copied onto the new file.

``os.replace`` swaps the directory entry, so it would turn a symlink into a regular file and split a hard
link into two files, and it succeeds on a read-only file whenever the folder is writable. Those files are
therefore refused (:func:`refusal`) or, for a symlink into the tree, written through (:func:`link_plan`).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path


class TooLarge(Exception):
    """The file is over the size limit; only the first ``limit + 1`` bytes were read."""


def read_limited(path: str, limit: int) -> bytes:
    """*path*'s bytes, reading at most ``limit + 1`` of them: a huge file costs no memory to refuse."""
    with open(path, "rb") as stream:  # noqa: PTH123 - a bounded read needs the stream
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(path)
    return data


@dataclass(frozen=True)
class LinkPlan:
    """What to do with a symlink among the files: write through to ``target``, or ``refused`` (and why)."""

    target: str
    refused: str = ""
    #: The target is rewritten through its own path, so the link needs nothing: not a problem.
    redundant: bool = False


def link_plan(paths: Sequence[str], roots: Iterable[Path]) -> dict[str, LinkPlan]:
    """For every symlink in *paths*: write through it only when its target is inside the tree (a folder
    in *roots*, or the folder of a file in *roots*) and is not also one of *paths* itself."""
    tree = [Path(os.path.realpath(root if root.is_dir() else root.parent)) for root in roots]
    links = [path for path in paths if Path(path).is_symlink()]
    if not links:
        return {}
    direct = {os.path.realpath(path) for path in paths if not Path(path).is_symlink()}
    plans: dict[str, LinkPlan] = {}
    for path in links:
        target = os.path.realpath(path)
        if target in direct:
            plans[path] = LinkPlan(target, f"symlink to {target}, which is migrated as itself", True)
        elif not any(Path(target).is_relative_to(folder) for folder in tree):
            plans[path] = LinkPlan(target, f"symlink to {target}, outside the tree: not rewritten")
        else:
            plans[path] = LinkPlan(target)
    return plans


def refusal(path: Path) -> str:
    """Why replacing *path* would do harm (hard links, read-only), or ``""`` when it may be replaced.

    Read-only means no write bit at all, checked on the mode rather than only with ``os.access``, so the
    answer is the same for root, who may write anything.
    """
    info = path.stat()
    if info.st_nlink > 1:
        return f"has {info.st_nlink} hard links; replacing it would split them: not rewritten"
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        return "read-only: not rewritten"
    return ""


def write_atomic(path: Path, data: bytes) -> None:
    """Replace *path* with *data*, keeping its mode; the old content stays intact on any failure."""
    mode = stat.S_IMODE(path.stat().st_mode)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".sw-migrate", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(mode)
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise
