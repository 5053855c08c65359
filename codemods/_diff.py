"""Unified diffs that ``git apply`` accepts, computed on bytes.

Working on bytes keeps CRLF line endings, BOMs and non-UTF-8 encodings exactly as they are on disk, and the
missing-newline-at-end case gets git's ``\\ No newline at end of file`` marker.
"""

from __future__ import annotations

import difflib

_NO_NEWLINE = b"\n\\ No newline at end of file\n"


def unified_diff(display_path: str, old: bytes, new: bytes) -> bytes:
    """``--- a/path`` / ``+++ b/path`` diff of *old* → *new*; empty when they are equal.

    An empty *old* is a file the run creates (``--- /dev/null``, as git writes it)."""
    if old == new:
        return b""
    name = display_path.lstrip("/").encode("utf-8", "surrogateescape")  # never ``a//abs/path``
    lines = difflib.diff_bytes(
        difflib.unified_diff,
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=b"a/" + name if old else b"/dev/null",  # an empty old side is a new file
        tofile=b"b/" + name,
    )
    return b"".join(line if line.endswith(b"\n") else line + _NO_NEWLINE for line in lines)
