"""What a parameter's description says about its values: allowed values, default, limits, repetition.

The tables state these in prose ("Possible values are GET or POST .", "up to 64 characters", "up to a
maximum of 10 media URLs", "Must be at least 2000 to a maximum of 10000"); each pattern here is one way the
spec phrases a constraint, so the derived contract holds what the tables state and no more.
"""

from __future__ import annotations

import re
from typing import Any

_POSSIBLE = re.compile(r"Possible values are:?\s+(?P<values>.+?)(?:\s\.(?:\s|$)|\.\s|, default|\. Default|$)")
_VALUE_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+")
_VALUE = re.compile(r"^[A-Za-z0-9][\w-]*$")
_DEFAULT = re.compile(r"(?:Default is|Default value is|Defaults to|default is)\s+(?P<value>[^\s,]+)")
_MAX_LENGTH = re.compile(r"up to (?P<n>\d+) characters")
_MAX_COUNT = re.compile(r"up to a maximum of (?P<n>\d+)(?!\d| characters)")
_MAX_CHARACTERS = re.compile(r"up to a maximum of (?P<n>\d+) characters")
_RANGE = re.compile(r"at least (?P<low>\d+) to a maximum of (?P<high>\d+)")
_PAGE_MAX = re.compile(r"the maximum is (?P<n>\d+)")


def allowed_values(description: str) -> list[str]:
    """The enumerated values a description lists, or ``[]`` when it lists none (or a pattern, not words)."""
    match = _POSSIBLE.search(description)
    if match is None:
        return []
    values = [v.strip().rstrip(".").strip() for v in _VALUE_SPLIT.split(match.group("values"))]
    values = [v for v in values if v]
    # "(0-9) , # , * , and w" describes characters, not a choice of words: no enumeration.
    return values if values and all(_VALUE.match(v) for v in values) else []


def constraints(description: str) -> dict[str, Any]:
    """The machine-checkable facts of one description, only the keys that apply."""
    facts: dict[str, Any] = {}
    values = allowed_values(description)
    if values:
        facts["values"] = values
    default = _DEFAULT.search(description)
    if default is not None:
        facts["default"] = default.group("value").rstrip(".")
    patterns = (
        ("max_length", _MAX_LENGTH),
        ("max_length", _MAX_CHARACTERS),
        ("max_count", _MAX_COUNT),
        ("maximum", _PAGE_MAX),
    )
    for key, pattern in patterns:
        found = pattern.search(description)
        if found is not None:
            facts[key] = int(found.group("n"))
    span = _RANGE.search(description)
    if span is not None:
        facts["minimum"], facts["maximum"] = int(span.group("low")), int(span.group("high"))
    if re.search(r"multiple|separate parameter|separate with", description):
        facts["repeatable"] = True
    return facts
