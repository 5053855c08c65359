"""Byte-exact, atomic file replacement.

Files are only ever handled as bytes (LibCST's bytes API keeps encoding cookies, BOM and CRLF), and written
through a temporary file in the same directory followed by ``os.replace`` so an interrupted run never leaves
a half-written source file. The original permission bits are copied onto the new file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


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
