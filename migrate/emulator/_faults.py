"""Per-test fault injection: what the next matching requests should suffer instead of normal service."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any


@dataclass
class Fault:
    """One scripted fault.

    Exactly one effect: ``status`` (answer with that error, e.g. 429 with an optional ``retry_after``;
    ``body`` replaces the dialect's error body: a dict is sent as JSON, a str as an HTML page),
    ``drop`` (close the connection before handling: nothing happened) or ``lose_response`` (handle the
    request — state changes — then close the connection: the duplicate-maker for creates).
    Matching: ``method`` and a ``path`` substring; the first ``after`` matches pass untouched, the next
    ``times`` are affected (``None``: all of them).
    """

    status: int | None = None
    retry_after: str | None = None
    body: Any = None
    drop: bool = False
    lose_response: bool = False
    method: str | None = None
    path: str | None = None
    after: int = 0
    times: int | None = 1
    matched: int = 0
    fired: int = 0

    def __post_init__(self) -> None:
        effects = (self.status is not None) + self.drop + self.lose_response
        if effects != 1:
            raise ValueError("a Fault needs exactly one of status=, drop=True, lose_response=True")

    def take(self, method: str, path: str) -> bool:
        """Count a request; True if this fault applies to it. Caller holds the plan's lock."""
        if self.method is not None and self.method != method:
            return False
        if self.path is not None and self.path not in path:
            return False
        self.matched += 1
        if self.matched <= self.after:
            return False
        if self.times is not None and self.fired >= self.times:
            return False
        self.fired += 1
        return True


class FaultPlan:
    """The faults and latency of one emulator; safe to change from a test while the server runs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self.latency = 0.0

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()
            self.latency = 0.0

    def match(self, method: str, path: str) -> Fault | None:
        """The first fault that applies; a request taken by one fault is not counted by later ones."""
        with self._lock:
            return next((fault for fault in self._faults if fault.take(method, path)), None)
