"""Numbers for sale when no fixture seeds any: a deterministic inventory of the countries the spec covers.

The spec searches US numbers (``AvailablePhoneNumbers/US/Local`` and ``/TollFree``, by ``Contains``,
``AreaCode``, ``InRegion`` …) and says its location fields exist "only for numbers in US and Canada", so
both countries are for sale. Every number of the area codes below is in the inventory; a search builds its
answers from its filters (a ``Contains`` pattern is written into each number), so any search a real
inventory could satisfy answers, and the same search answers the same numbers until one is bought.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from migrate.emulator._records import TOLL_FREE_PREFIXES

#: Phone keypad letters, for ``Contains=WIN`` (the spec: "Valid characters are [0-9a-zA-Z]").
KEYPAD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "22233344455566677778889999")
COUNTRIES = {"US": "United States", "CA": "Canada"}
TOLL_FREE_CODES = tuple(prefix.removeprefix("+1") for prefix in TOLL_FREE_PREFIXES)
#: Where a generated subscriber number starts counting: the spec's sample is +1 253 218-6751.
FIRST_SUBSCRIBER = 2186751
_NANP = re.compile(r"^\+1(\d{3})(\d{7})$")


@dataclass(frozen=True)
class AvailableNumber:
    """A number for sale: its E.164 form, country and what the search filters look at."""

    phone_number: str
    iso_country: str = "US"
    region: str | None = None
    beta: bool = False
    rate_center: str | None = None


@dataclass(frozen=True)
class AreaCode:
    """A local area code for sale: its country, state or province, and rate center."""

    code: str
    country: str
    region: str
    rate_center: str


LOCAL = (
    AreaCode("253", "US", "WA", "AUBURN"),  # the spec's sample number
    AreaCode("206", "US", "WA", "SEATTLE"),
    AreaCode("510", "US", "CA", "OAKLAND"),  # the spec's AreaCode example
    AreaCode("415", "US", "CA", "SAN FRANCISCO"),
    AreaCode("212", "US", "NY", "NEW YORK CITY"),
    AreaCode("312", "US", "IL", "CHICAGO"),
    AreaCode("512", "US", "TX", "AUSTIN"),
    AreaCode("305", "US", "FL", "MIAMI"),
    AreaCode("617", "US", "MA", "BOSTON"),
    AreaCode("303", "US", "CO", "DENVER"),
    AreaCode("416", "CA", "ON", "TORONTO"),
    AreaCode("604", "CA", "BC", "VANCOUVER"),
    AreaCode("514", "CA", "QC", "MONTREAL"),
)


def pattern_of(contains: str) -> str:
    """``Contains`` as digits and ``*`` (any one digit): keypad letters become their digits."""
    return contains.upper().translate(KEYPAD)


def contains(phone_number: str, wanted: str) -> bool:
    """``Contains``: digits, keypad letters (``WIN`` = 946) and ``*`` for any one digit, anywhere."""
    if not wanted:
        return True
    regex = "".join(r"\d" if char == "*" else re.escape(char) for char in pattern_of(wanted))
    return re.search(regex, phone_number) is not None


def search(
    country: str, kind: str, query: Mapping[str, str], limit: int, taken: Callable[[str], bool]
) -> list[AvailableNumber]:
    """Up to *limit* numbers of *country* and *kind* (``Local`` / ``TollFree``) matching *query*."""
    if country not in COUNTRIES:
        return []
    if kind == "TollFree":
        codes = [AreaCode(code, country, "", "") for code in TOLL_FREE_CODES]
    else:
        area, region = query.get("AreaCode", ""), query.get("InRegion", "")
        codes = [
            c
            for c in LOCAL
            if c.country == country and (not area or c.code == area) and (not region or c.region == region)
        ]
    found: dict[str, AvailableNumber] = {}
    for number in _candidates(codes, pattern_of(query.get("Contains", "")), limit):
        if number.phone_number not in found and not taken(number.phone_number):
            found[number.phone_number] = number
            if len(found) == limit:
                break
    return list(found.values())


def _candidates(codes: list[AreaCode], pattern: str, limit: int) -> Iterator[AvailableNumber]:
    """Numbers of *codes* with *pattern* written at their end (a long one reaches into the area code)."""
    if len(pattern) > 10:
        return
    head = pattern[: max(len(pattern) - 7, 0)]
    tail = pattern[len(head) :]
    for serial in range(limit * 4):  # room for numbers already taken and a pattern with no wildcard
        for code in codes:
            if not code.code.endswith(head):
                continue
            filled = "".join(str((serial + i) % 10) if c == "*" else c for i, c in enumerate(tail))
            free = 7 - len(filled)  # the digits before the pattern count the serial up
            counted = f"{FIRST_SUBSCRIBER // 10 ** len(filled) + serial:07d}"[-free:] if free else ""
            subscriber = counted + filled
            yield _number(code, f"+1{code.code}{subscriber}")


def offer(phone_number: str) -> AvailableNumber | None:
    """*phone_number* as the inventory sells it, or None when it is not one of its area codes."""
    found = _NANP.match(phone_number)
    if found is None:
        return None
    if found.group(1) in TOLL_FREE_CODES:
        return AvailableNumber(phone_number, "US")
    code = next((c for c in LOCAL if c.code == found.group(1)), None)
    return None if code is None else _number(code, phone_number)


def _number(code: AreaCode, phone_number: str) -> AvailableNumber:
    return AvailableNumber(
        phone_number,
        iso_country=code.country,
        region=code.region or None,
        rate_center=code.rate_center or None,
    )
