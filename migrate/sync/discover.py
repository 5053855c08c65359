"""Reading both accounts: applications, numbers and bins, including Twilio TwiML Bins that have no API.

Twilio TwiML Bins can only be found as ``handler.twilio.com/twiml/EH…`` URLs on numbers and applications;
their contents come from a signed GET, or from ``--bins-from DIR`` (``EH….xml`` supplies one bin's contents;
any other ``NAME.xml`` is a bin called NAME). All list reads run concurrently: discovery is a handful of
requests whose latency would otherwise add up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

from migrate.hosted import URL_FIELDS, flags_for, twiml_bin_sid
from migrate.rest import HANDLER_ORIGIN, ApiError, Record, RestClient
from migrate.sync.model import KINDS, Kind, Resource, Side, bin_resource, resource_from

TWIML_BIN_SID = re.compile(r"^EH[0-9a-fA-F]{32}$")
#: Largest bin file read from --bins-from (the platforms cap documents at 64 kB).
MAX_BIN_FILE = 64 * 1024


class BinsDirError(Exception):
    """``--bins-from`` names something unusable; a usage error."""


def read_bins_dir(directory: Path) -> dict[str, str]:
    """``NAME.xml`` files → ``{NAME: contents}`` (UTF-8; a file over 64 kB is refused)."""
    if not directory.is_dir():
        raise BinsDirError(f"--bins-from {directory}: not a directory")
    bins: dict[str, str] = {}
    for path in sorted(directory.glob("*.xml")):
        if path.stat().st_size > MAX_BIN_FILE:
            raise BinsDirError(f"{path}: larger than {MAX_BIN_FILE} bytes")
        try:
            bins[path.stem] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise BinsDirError(f"{path}: cannot read: {error}") from None
    return bins


def _list(client: RestClient, kind: Kind) -> list[Record]:
    if kind == "bins":
        return list(client.laml_bins.list()) if client.account.kind == "signalwire" else []
    if kind == "applications":
        return list(client.applications.list())
    return list(client.incoming_phone_numbers.list())


def submit_reads(client: RestClient, pool: Executor) -> dict[Kind, Future[list[Record]]]:
    """Start reading every application, number and (SignalWire) LaML bin of the account on *pool*."""
    return {kind: pool.submit(_list, client, kind) for kind in KINDS}


def build_side(client: RestClient, records: Mapping[Kind, list[Record]]) -> Side:
    """The comparable view of one account; applications and numbers carry their :func:`flags_for`."""
    side = Side(client.account.kind, client.account.account_sid)
    for kind, items in records.items():
        for record in items:
            flags = tuple(flags_for(record)) if kind != "bins" else ()
            side.add(resource_from(kind, record, flags=flags))
    return side


def twiml_bin_urls(records: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """``{EH SID: URL}`` for every Twilio TwiML Bin URL on the given applications and numbers."""
    found: dict[str, str] = {}
    for record in records:
        for name in URL_FIELDS:
            value = record.get(name)
            sid = twiml_bin_sid(value) if isinstance(value, str) and value else None
            if sid:
                found.setdefault(sid, f"https://handler.twilio.com/twiml/{sid}")
    return found


def _fetch_bin(client: RestClient, sid: str, url: str, handler_origin: str) -> Resource:
    try:
        contents = client.fetch_twiml_bin(url, handler_origin=handler_origin)
    except ApiError as error:
        return bin_resource(sid, sid, None, url=url, problem=str(error))
    return bin_resource(sid, sid, contents, url=url)


def add_twilio_bins(
    side: Side,
    client: RestClient,
    records: Mapping[Kind, list[Record]],
    files: Mapping[str, str],
    pool: Executor,
    *,
    handler_origin: str = HANDLER_ORIGIN,
    fetch: bool = True,
) -> None:
    """Add the TwiML Bins referenced on a Twilio account: from ``EH….xml`` files, else a signed GET.

    A Twilio bin has no name through any API, so its SID is its name in the target: stable across runs,
    and it says where the bin came from. Without *fetch* (bins not being migrated) only their names and
    URLs are known, which is all that remapping references needs.
    """
    urls = twiml_bin_urls([*records["applications"], *records["numbers"]])
    fetches = []
    for sid, url in sorted(urls.items()):
        contents = files.get(sid)
        if contents is not None or not fetch:
            side.add(bin_resource(sid, sid, contents, url=url))
        else:
            fetches.append(pool.submit(_fetch_bin, client, sid, url, handler_origin))
    for future in fetches:
        side.add(future.result())


def add_file_bins(side: Side, files: Mapping[str, str]) -> None:
    """Bins from ``--bins-from`` that are not Twilio bin contents: a file replaces a same-named bin."""
    by_name = {r.key: r for r in side.resources["bins"].values()}
    for name, contents in files.items():
        if TWIML_BIN_SID.match(name) and name in side.resources["bins"]:
            continue  # already used as that Twilio bin's contents
        existing = by_name.get(name)
        sid = existing.sid if existing else f"file:{name}"
        url = existing.url if existing else None
        side.add(bin_resource(sid, name, contents, url=url))
