"""Per-test fault injection: what the next matching requests should suffer instead of normal service."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

METHODS = ("GET", "POST", "PUT", "DELETE")
RULE_KEYS = ("retry-after", "method", "path", "after", "times")
RULE_SYNTAX = "STATUS|drop|lose[,retry-after=S][,method=M][,path=TEXT][,after=N][,times=N|every]"


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


def parse_rule(rule: str) -> Fault:
    """A :class:`Fault` from ``sw-migrate emulate --fault`` text (:data:`RULE_SYNTAX`); ValueError if bad.

    ``429,retry-after=2,method=POST,times=3`` answers the first three POSTs 429 with ``Retry-After: 2``;
    ``drop,after=5`` closes the sixth connection unanswered; ``lose,method=POST`` performs the next POST
    but closes the connection instead of answering. ``times`` defaults to 1 (``every``: no end).
    """
    effect, *pairs = [part.strip() for part in rule.split(",")]
    options: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not value:
            raise ValueError(f"{pair!r} is not KEY=VALUE")
        if key not in RULE_KEYS:
            raise ValueError(f"unknown key {key!r} (known: {', '.join(RULE_KEYS)})")
        if key in options:
            raise ValueError(f"{key} given twice")
        options[key] = value
    fault = Fault(**_effect(effect), **_matching(options))
    if "retry-after" in options:
        if fault.status is None:
            raise ValueError("retry-after goes with a status, not with drop or lose")
        fault.retry_after = _count(options["retry-after"], "retry-after", minimum=0)
    return fault


def _effect(effect: str) -> dict[str, Any]:
    if effect == "drop":
        return {"drop": True}
    if effect == "lose":
        return {"lose_response": True}
    if effect.isdigit() and 400 <= int(effect) <= 599:
        return {"status": int(effect)}
    raise ValueError(f"{effect!r} is not an HTTP status 400-599, drop or lose")


def _matching(options: dict[str, str]) -> dict[str, Any]:
    method = options.get("method", "").upper() or None
    if method is not None and method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {options['method']!r}")
    times = options.get("times", "1")
    return {
        "method": method,
        "path": options.get("path"),
        "after": int(_count(options.get("after", "0"), "after", minimum=0)),
        "times": None if times == "every" else int(_count(times, "times", minimum=1)),
    }


def _count(value: str, key: str, *, minimum: int) -> str:
    if not value.isdigit() or int(value) < minimum:
        raise ValueError(f"{key} must be a whole number >= {minimum}, not {value!r}")
    return value
