"""Reading the spec's text dump: tables, JSON examples and curl commands, with the dump's quirks.

The spec (``compatibility-rest-api.txt``) is the Compatibility API's web documentation flattened to text:
tables become ``Header | |`` / ``---|---|`` followed by alternating key and description lines that end in
`` |``; examples keep trailing commas and ``{...}`` placeholders. These helpers read those shapes and
nothing else, so :mod:`migrate.contract.derive` can speak of resources and operations.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

TABLE_RULE = "---|---|"
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_PLACEHOLDER_ITEM = re.compile(r",?\s*\{\.\.\.\}")
_KEY_LINE = re.compile(r"^([A-Za-z][\w.<>-]*(?: [\w*-]+(?: [\w']+)*)?) \|$")


@dataclass
class Table:
    """A two-column table: its header word (``Parameter``, ``Attribute``, …) and (key, description) rows."""

    header: str
    line: int  #: 1-based line of the header
    rows: list[tuple[str, str]] = field(default_factory=list)
    end: int = 0  #: 0-based index of the first line after the table


def read_table(lines: list[str], start: int) -> Table | None:
    """The table whose header is ``lines[start]`` (``Word | |`` then ``---|---|``), or None."""
    header = lines[start]
    if not header.endswith(" | |") or start + 1 >= len(lines) or lines[start + 1] != TABLE_RULE:
        return None
    table = Table(header=header[: -len(" | |")].strip(), line=start + 1)
    index = start + 2
    while index + 1 < len(lines):
        key_match = _KEY_LINE.match(lines[index])
        description = lines[index + 1]
        if key_match is None or not description.endswith("|"):
            break
        table.rows.append((key_match.group(1), description[:-1].strip()))
        index += 2
    table.end = index
    return table


def json_block_end(lines: list[str], start: int) -> int:
    """Index after the JSON value that opens at ``lines[start]`` (``{`` or ``[``), by bracket balance."""
    depth = 0
    for index in range(start, len(lines)):
        depth += _bracket_delta(lines[index])
        if depth <= 0:
            return index + 1
    return len(lines)


def _bracket_delta(line: str) -> int:
    delta, in_string, escaped = 0, False, False
    for char in line:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = in_string
        elif char == '"':
            in_string = not in_string
        elif not in_string and char in "{[":
            delta += 1
        elif not in_string and char in "}]":
            delta -= 1
    return delta


def lenient_json(text: str) -> Any:
    """Parse an example as the docs print it: ``{...}`` placeholders and trailing commas removed."""
    cleaned = _PLACEHOLDER_ITEM.sub("", text)
    while True:
        fixed = _TRAILING_COMMA.sub(r"\1", cleaned)
        if fixed == cleaned:
            break
        cleaned = fixed
    return json.loads(cleaned)


@dataclass
class Curl:
    """One ``curl`` example: method, URL (path + query), the form or query parameters it sends."""

    line: int  #: 0-based index of the ``curl`` line
    method: str
    url: str
    data: list[tuple[str, str]]


_DATA = re.compile(r"""^(?:--data-urlencode|-d|--data)\s+(["'])(?P<pair>.*)\1""")


def read_curl(lines: list[str], start: int) -> Curl:
    """The curl command at ``lines[start]`` and its continuation lines (until the first non-option line)."""
    words = lines[start].split()
    url = next(word for word in words[1:] if word.startswith("http"))
    method, data = "GET", []
    index = start + 1
    while index < len(lines) and lines[index].startswith("-"):
        line = lines[index].rstrip("\\").strip()
        if line.startswith("-X "):
            method = line.split()[1].upper()
        match = _DATA.match(line)
        if match:
            name, _, value = match.group("pair").partition("=")
            data.append((name, value))
        index += 1
    return Curl(line=start, method=method, url=url, data=data)
