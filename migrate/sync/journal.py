"""The state file: which target resource each source resource became, saved after every completed write.

It holds SIDs and bin URLs only — never a token — and is replaced atomically (temp file in the same folder,
fsync, ``os.replace``), so a crash at any instant leaves either the previous or the new complete file.
Writes from worker threads are group-committed: a thread whose entry was already saved by another thread's
write returns at once, so the journal never becomes the bottleneck of a concurrent apply.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from migrate.sync.model import KINDS, Kind

FORMAT = "sw-migrate-sync/1"


class JournalError(Exception):
    """The state file is unreadable or belongs to another pair of accounts; a configuration error."""


@dataclass(frozen=True)
class Entry:
    """Where one source resource lives in the target."""

    target_sid: str
    url: str | None = None  # a bin's request_url


def default_path(config: Path | None, source_sid: str, target_sid: str) -> Path:
    """Next to the config file (else in the current folder), named after both accounts."""
    folder = config.parent if config is not None else Path.cwd()
    return folder / f".sw-migrate-sync.{source_sid}.{target_sid}.json"


def atomic_write(path: Path, text: str) -> None:
    """Replace *path* with *text*: temp file in the same folder, fsync, ``os.replace``, fsync the folder."""
    descriptor, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        raise
    with contextlib.suppress(OSError):  # not every platform can open a directory
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


class Journal:
    """The source→target map of one pair of accounts, persisted to *path* (``None``: memory only)."""

    def __init__(self, path: Path | None, source: tuple[str, str], target: tuple[str, str]) -> None:
        self.path = path
        self.source = source  # (kind, account SID)
        self.target = target
        self._entries: dict[Kind, dict[str, Entry]] = {kind: {} for kind in KINDS}
        self._lock = threading.Lock()
        self._file_lock = threading.Lock()
        self._generation = 0
        self._saved = 0

    @classmethod
    def load(cls, path: Path | None, source: tuple[str, str], target: tuple[str, str]) -> Journal:
        """The journal at *path*, or an empty one if the file does not exist yet."""
        journal = cls(path, source, target)
        if path is None or not path.exists():
            return journal
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise JournalError(f"state file {path}: cannot read: {error}") from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise JournalError(f"state file {path}: not a sw-migrate sync state file")
        pair = (document.get("source"), document.get("target"))
        wanted = (
            {"kind": source[0], "account_sid": source[1]},
            {"kind": target[0], "account_sid": target[1]},
        )
        if pair != wanted:
            raise JournalError(
                f"state file {path} records a sync from {pair[0]} to {pair[1]}, not this one; "
                "pass --state to use another file"
            )
        resources = document.get("resources", {})
        for kind in KINDS:
            for source_sid, entry in (resources.get(kind) or {}).items():
                journal._entries[kind][source_sid] = Entry(str(entry["target_sid"]), entry.get("url"))
        return journal

    def get(self, kind: Kind, source_sid: str) -> Entry | None:
        with self._lock:
            return self._entries[kind].get(source_sid)

    def __len__(self) -> int:
        with self._lock:
            return sum(len(entries) for entries in self._entries.values())

    def record(self, kind: Kind, source_sid: str, entry: Entry) -> None:
        """Remember where *source_sid* went and save before returning (durable once this returns)."""
        self.record_many([(kind, source_sid, entry)])

    def record_many(self, items: list[tuple[Kind, str, Entry]]) -> None:
        """Like :meth:`record` for many entries, with one save."""
        with self._lock:
            changed = False
            for kind, source_sid, entry in items:
                if self._entries[kind].get(source_sid) != entry:
                    self._entries[kind][source_sid] = entry
                    changed = True
            if not changed:
                return
            self._generation += 1
            mine = self._generation
        self._save(mine)

    def _save(self, generation: int) -> None:
        if self.path is None:
            return
        with self._file_lock:
            if self._saved >= generation:
                return  # another thread's save already included this entry
            with self._lock:
                text = json.dumps(self._document(), indent=1, sort_keys=True)
                saving = self._generation
            atomic_write(self.path, text)
            self._saved = saving

    def _document(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "source": {"kind": self.source[0], "account_sid": self.source[1]},
            "target": {"kind": self.target[0], "account_sid": self.target[1]},
            "updated": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "resources": {
                kind: {
                    sid: {"target_sid": e.target_sid, **({"url": e.url} if e.url else {})}
                    for sid, e in sorted(entries.items())
                }
                for kind, entries in self._entries.items()
            },
        }
