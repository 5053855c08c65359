"""Fetching a document the way the platform does: the URL, else its fallback; parsed for its verbs.

Shared by calls (:mod:`migrate.emulator._voice`) and incoming messages (:mod:`migrate.emulator._messaging`).
When the URL fails (not 2xx, no connection, a document ``laml`` rejects) the fallback URL is requested with
the same parameters plus ``ErrorCode`` (the spec's 11200 / 12100) and ``ErrorUrl``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple
from urllib.parse import urljoin

import laml
from migrate.emulator._callbacks import Callback, CallbackRunner, method_of
from migrate.emulator._state import EmulatedAccount

#: The emulator's own bound on consecutive ``<Redirect>``s (the spec gives none): a loop must end.
MAX_REDIRECTS = 20


class Fetched(NamedTuple):
    """A document request's outcome: the parsed document (None when unusable) and the request made."""

    document: laml.TwiML | None
    entry: Callback


@dataclass(frozen=True)
class Target:
    """A document to fetch, and where to turn if it fails."""

    url: str
    method: str = "POST"
    fallback_url: str | None = None
    fallback_method: str = "POST"


def target_of(settings: Mapping[str, Any], prefix: str = "") -> Target:
    """A number's or application's ``voice_*`` / ``sms_*`` URL settings (by *prefix*) as a :class:`Target`."""
    return Target(
        settings.get(f"{prefix}url") or "",
        method_of(settings.get(f"{prefix}method")),
        settings.get(f"{prefix}fallback_url") or None,
        method_of(settings.get(f"{prefix}fallback_method")),
    )


def redirect_target(verb: laml.TwiML, current: str) -> Target:
    """Where a ``<Redirect>`` goes: its URL relative to the current one (empty: the same), its method."""
    return Target(urljoin(current, str(verb.value or "").strip()), method_of(verb.attrs.get("method")))


def incoming_settings(account: EmulatedAccount, to: str, kind: str) -> dict[str, Any]:
    """The ``voice_*`` / ``sms_*`` settings for a *kind* arriving at *to*: its application's, or its own.

    Raises LookupError when *to* is not a number of the account; the number record is under ``"_number"``.
    """
    numbers = account.resources["IncomingPhoneNumbers"].values()
    number = next((n for n in numbers if n.get("phone_number") == to), None)
    if number is None:
        raise LookupError(f"{to} is not a number of account {account.sid}")
    application = account.resources["Applications"].get(number.get(f"{kind}_application_sid") or "")
    return {**(application if application is not None else number), "_number": number}


def fetch_document(
    runner: CallbackRunner,
    account: EmulatedAccount,
    resource: str,
    sid: str,
    kind: str,
    target: Target,
    params: dict[str, str],
) -> Fetched:
    """The document at *target*, or at its fallback when that fails; the request that answered."""
    entry = runner.send(account, resource, sid, kind, target.url, target.method, params)
    if entry.outcome not in ("ok", "skipped") and target.fallback_url:
        errors = {"ErrorCode": str(entry.error_code), "ErrorUrl": target.url}
        url, method = target.fallback_url, target.fallback_method
        entry = runner.send(account, resource, sid, "fallback_url", url, method, {**params, **errors})
    if not entry.ok:
        return Fetched(None, entry)
    try:
        return Fetched(laml.parse(entry.body), entry)
    except laml.LamlParseError:
        return Fetched(None, entry)
