"""Reading a file a command was pointed at, without hanging on it or reading more than it can use.

``open()`` on a FIFO blocks until a writer appears, and ``read()`` on a 3 GB file allocates 3 GB, just to
report that it is too large. :func:`read_capped` opens without blocking, refuses anything but a regular
file, and reads at most *limit* + 1 bytes: enough for the caller to tell "over the limit" apart.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotRegularFile(OSError):
    """The path is a FIFO, socket, device or folder: there is nothing sensible to read."""


def read_capped(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of the regular file *path*; raises :class:`OSError` when unreadable."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(f"not a regular file ({file_type(mode)})")
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            return stream.read(limit + 1)
    finally:
        os.close(descriptor)


def file_type(mode: int) -> str:
    """What a non-regular file is, in words, from its ``st_mode``."""
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a device"
