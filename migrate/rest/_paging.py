"""List pages in both documented shapes: flat ``next_page_uri`` and SignalWire's ``meta.next_page_url``,
and the guard that makes a listing end even when the server's ``next_page_uri`` never does."""

from __future__ import annotations

from typing import Any

from migrate.rest._errors import ApiError

#: Most pages one listing follows (10 million items at the API's 1,000-item maximum page size).
MAX_PAGES = 10_000

#: Keys of a list page that are paging metadata, never the items (as twilio-python's ``page.py`` knows them).
PAGING_KEYS = frozenset(
    {
        "meta",
        "uri",
        "first_page_uri",
        "next_page_uri",
        "previous_page_uri",
        "last_page_uri",
        "page",
        "page_size",
        "start",
        "end",
        "total",
        "num_pages",
        "account_sid",
    }
)


def page_items(payload: dict[str, Any], expected_key: str) -> list[dict[str, Any]]:
    """The items of one page: *expected_key* if present, else the one list-valued non-paging key.

    The fallback matters because documented examples disagree with themselves (a LamlBins page whose
    ``meta.key`` says ``faxes``); a page with no recognisable list is an error, not an empty page.
    """
    value = payload.get(expected_key)
    if not isinstance(value, list):
        candidates = [v for k, v in payload.items() if k not in PAGING_KEYS and isinstance(v, list)]
        if len(candidates) != 1:
            raise ValueError(f"list response has no {expected_key!r} list (keys: {sorted(payload)})")
        value = candidates[0]
    return [item for item in value if isinstance(item, dict)]


def next_page_uri(payload: dict[str, Any]) -> str | None:
    """Where the next page is, or ``None`` on the last page, in either shape."""
    uri = payload.get("next_page_uri")
    meta = payload.get("meta")
    if not uri and isinstance(meta, dict):
        uri = meta.get("next_page_url")
    return str(uri) if uri else None


class PageTrail:
    """The pages one listing has requested: a page asked for twice means the paging loops, and a listing
    stops after :data:`MAX_PAGES` pages, so a server whose ``next_page_uri`` never ends cannot hang a run."""

    def __init__(self, resource: str) -> None:
        self.resource = resource
        self.seen: set[str] = set()

    def follow(self, url: str) -> None:
        """Record that *url* is about to be read; raise :class:`ApiError` when it must not be."""
        if url in self.seen:
            raise ApiError(
                method="GET",
                resource=self.resource,
                message=f"next_page_uri leads back to a page already read ({url}): the listing loops",
            )
        if len(self.seen) >= MAX_PAGES:
            raise ApiError(
                method="GET", resource=self.resource, message=f"listing stopped after {MAX_PAGES:,} pages"
            )
        self.seen.add(url)
