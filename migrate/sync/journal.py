"""The state file: which target resource each source resource became, durable after every completed write.

It holds SIDs and bin URLs only — never a token. Two files, like a database's snapshot and write-ahead log:

* ``STATE`` — the whole map, always replaced atomically (temp file in the same folder, fsync, ``os.replace``)
  when a run starts applying and when it ends;
* ``STATE.log`` — one self-contained JSON line appended and fsynced per completed write, before the write
  counts as done. A crash can only tear the last line, which loading discards.

Rewriting the whole map after each write would cost ~20 ms at 2,000 entries and made the journal, not the
API, the bottleneck of a concurrent apply; an fsynced append costs ~2 ms and is safe to do from many threads.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from migrate.sync.model import KINDS, Kind, Value

FORMAT = "sw-migrate-sync/1"


class JournalError(Exception):
    """The state file is unreadable or belongs to another pair of accounts; a configuration error."""


class JournalMismatch(JournalError):
    """The state file belongs to another pair of accounts (the caller says what to do about it)."""


def describe(account: object) -> str:
    """``signalwire project 9a1e…`` / ``twilio account AC12…`` from a state file's account record."""
    if not isinstance(account, dict):
        return "an unknown account"
    kind, sid = account.get("kind"), account.get("account_sid")
    noun = "project" if kind == "signalwire" else "account"
    return f"{kind} {noun} {sid}" if isinstance(kind, str) and isinstance(sid, str) else "an unknown account"


@dataclass(frozen=True)
class Entry:
    """Where one source resource lives in the target, and what was written that the target never shows.

    ``written`` holds the values last sent for fields the target's answer leaves out (the live API omits
    some documented fields): it stands in for them when the next run compares, so a field that cannot be
    read back is not "updated" forever.
    """

    target_sid: str
    url: str | None = None  # a bin's request_url
    written: Mapping[str, Value] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"target_sid": self.target_sid}
        if self.url:
            data["url"] = self.url
        if self.written:
            data["written"] = dict(sorted(self.written.items()))
        return data


def _entry(item: Mapping[str, Any]) -> Entry:
    """An :class:`Entry` from its JSON form (``KeyError``/``TypeError``/``ValueError`` if malformed)."""
    written = item.get("written") or {}
    if not isinstance(written, dict) or not all(
        isinstance(v, (str, bool)) or v is None for v in written.values()
    ):
        raise ValueError("written must map field names to values")
    return Entry(str(item["target_sid"]), item.get("url"), written)


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
    """The source→target map of one pair of accounts, persisted at *path* (``None``: memory only)."""

    def __init__(self, path: Path | None, source: tuple[str, str], target: tuple[str, str]) -> None:
        self.path = path
        self.source = source  # (kind, account SID)
        self.target = target
        self._entries: dict[Kind, dict[str, Entry]] = {kind: {} for kind in KINDS}
        self._lock = threading.Lock()
        self._log: IO[str] | None = None

    @property
    def log_path(self) -> Path | None:
        return self.path.with_name(self.path.name + ".log") if self.path else None

    @classmethod
    def load(cls, path: Path | None, source: tuple[str, str], target: tuple[str, str]) -> Journal:
        """The journal at *path* (snapshot, then the log replayed), or an empty one if there is none."""
        journal = cls(path, source, target)
        if path is None:
            return journal
        if path.exists():
            journal._load_snapshot(path)
        log = journal.log_path
        if log is not None and log.exists():
            journal._replay(log)
        return journal

    def _load_snapshot(self, path: Path) -> None:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise JournalError(f"state file {path}: cannot read: {error}") from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise JournalError(f"state file {path}: not a sw-migrate sync state file")
        pair = (document.get("source"), document.get("target"))
        wanted = (
            {"kind": self.source[0], "account_sid": self.source[1]},
            {"kind": self.target[0], "account_sid": self.target[1]},
        )
        if pair != wanted:
            raise JournalMismatch(
                f"state file {path} records a sync from {describe(pair[0])} to {describe(pair[1])}, "
                f"not from {describe(wanted[0])} to {describe(wanted[1])}"
            )
        resources = document.get("resources") or {}
        try:
            for kind in KINDS:
                for source_sid, entry in (resources.get(kind) or {}).items():
                    self._entries[kind][source_sid] = _entry(entry)
        except (AttributeError, KeyError, TypeError, ValueError):
            raise JournalError(f"state file {path}: damaged entry under {kind!r}") from None

    def _replay(self, log: Path) -> None:
        try:
            lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as error:
            raise JournalError(f"state log {log}: cannot read: {error}") from None
        for line in lines:
            try:
                item = json.loads(line)
                kind, source_sid = item["kind"], str(item["source_sid"])
                entry = _entry(item)
            except (ValueError, KeyError, TypeError, AttributeError):
                break  # a line torn by a crash: everything before it is whole
            if kind in self._entries:
                self._entries[kind][source_sid] = entry

    def get(self, kind: Kind, source_sid: str) -> Entry | None:
        with self._lock:
            return self._entries[kind].get(source_sid)

    def __len__(self) -> int:
        with self._lock:
            return sum(len(entries) for entries in self._entries.values())

    def record(self, kind: Kind, source_sid: str, entry: Entry) -> None:
        """Remember where *source_sid* went; durable (appended and fsynced) when this returns."""
        line = json.dumps({"kind": kind, "source_sid": source_sid, **entry.to_json()})
        with self._lock:
            self._entries[kind][source_sid] = entry
            if self.path is None:
                return
            if self._log is None:
                assert self.log_path is not None
                self._log = self.log_path.open("a", encoding="utf-8")
            self._log.write(line + "\n")
            self._log.flush()
            descriptor = self._log.fileno()
        os.fsync(descriptor)  # outside the lock: concurrent fsyncs share the disk's flush

    def checkpoint(self, items: Sequence[tuple[Kind, str, Entry]] = ()) -> None:
        """Add *items*, then write the whole map atomically and start an empty log.

        An item naming the same target resource as the entry it replaces keeps that entry's ``written``
        values unless it brings its own: a match found again is not a new write.
        """
        with self._lock:
            for kind, source_sid, entry in items:
                known = self._entries[kind].get(source_sid)
                if known is not None and known.target_sid == entry.target_sid and not entry.written:
                    entry = replace(entry, written=known.written)
                self._entries[kind][source_sid] = entry
            if self.path is None:
                return
            atomic_write(self.path, json.dumps(self._document(), indent=1, sort_keys=True) + "\n")
            if self._log is not None:
                self._log.close()
                self._log = None
            log = self.log_path
            assert log is not None
            with contextlib.suppress(FileNotFoundError):
                log.unlink()  # everything in it is in the snapshot now

    def close(self) -> None:
        with self._lock:
            if self._log is not None:
                self._log.close()
                self._log = None

    def _document(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "source": {"kind": self.source[0], "account_sid": self.source[1]},
            "target": {"kind": self.target[0], "account_sid": self.target[1]},
            "updated": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "resources": {
                kind: {sid: e.to_json() for sid, e in sorted(entries.items())}
                for kind, entries in self._entries.items()
            },
        }
