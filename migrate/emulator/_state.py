"""In-memory accounts and their resources, and the operations the API performs on them.

Operations return ``(status, body)`` or raise :class:`ApiFailure`; the HTTP layer (``_app``) turns both
into responses. All mutation happens under one lock, so concurrent clients see a consistent account.
"""

from __future__ import annotations

import fnmatch
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlencode

from migrate.emulator import _records as rec
from migrate.emulator._dialects import Dialect

SID_PREFIX = {"Applications": "AP", "IncomingPhoneNumbers": "PN", "LamlBins": "LB", "Messages": "SM"}
LIST_KEY = {
    "Applications": "applications",
    "IncomingPhoneNumbers": "incoming_phone_numbers",
    "LamlBins": "laml_bins",
    "Messages": "messages",
}
MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 50


class ApiFailure(Exception):
    """An error response: status, body, extra headers."""

    def __init__(self, status: int, body: Any, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = dict(headers or {})


@dataclass
class EmulatedAccount:
    """One account (Twilio) or project (SignalWire) with its own credentials and resources."""

    sid: str
    token: str = field(repr=False)
    friendly_name: str
    type: str = "Full"
    status: str = "active"
    created: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    resources: dict[str, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: {name: {} for name in SID_PREFIX}
    )
    #: Twilio TwiML Bins (no REST API): ``EH…`` SID → XML, served by signed GET on ``/twiml/EH…``.
    twiml_bins: dict[str, str] = field(default_factory=dict)


class State:
    """Accounts, the pool of numbers for sale, and every resource operation."""

    def __init__(self, dialect: Dialect, *, paging: str, space: str) -> None:
        if paging not in ("flat", "meta"):
            raise ValueError("paging must be 'flat' or 'meta'")
        self.dialect = dialect
        self.paging = paging
        self.space = space
        self.lock = threading.RLock()
        self.accounts: dict[str, EmulatedAccount] = {}
        self.available: list[str] = []

    # -- paths and rendering -------------------------------------------------------------------------

    def _suffix(self, resource: str) -> str:
        return "" if resource == "LamlBins" else ".json"

    def collection_uri(self, account: str, resource: str) -> str:
        return f"{self.dialect.prefix}/Accounts/{account}/{resource}{self._suffix(resource)}"

    def instance_uri(self, account: str, resource: str, sid: str) -> str:
        return f"{self.dialect.prefix}/Accounts/{account}/{resource}/{sid}{self._suffix(resource)}"

    def render(self, resource: str, record: Mapping[str, Any]) -> dict[str, Any]:
        """The record as the API shows it: without the dialect's omitted fields or ``_private`` ones.

        ``_``-prefixed fields keep what a request asked for but the real resource never echoes (a
        Message's ``StatusCallback`` and ``MediaUrl`` list), so tests can still assert on them.
        """
        omitted = self.dialect.omitted.get(resource, frozenset())
        return {k: v for k, v in record.items() if k not in omitted and not k.startswith("_")}

    def account_body(self, account: EmulatedAccount) -> dict[str, Any]:
        base = f"{self.dialect.prefix}/Accounts/{account.sid}"
        date = self.dialect.rfc2822(account.created)
        return {
            # Twilio really returns the token here; SignalWire documents it as "redacted".
            "auth_token": account.token if self.dialect.name == "twilio" else "redacted",
            "date_created": date,
            "date_updated": date,
            "friendly_name": account.friendly_name,
            "owner_account_sid": account.sid,
            "sid": account.sid,
            "status": account.status,
            "subresource_uris": {
                "applications": f"{base}/Applications.json",
                "incoming_phone_numbers": f"{base}/IncomingPhoneNumbers.json",
                "available_phone_numbers": f"{base}/AvailablePhoneNumbers.json",
                "messages": f"{base}/Messages.json",
            },
            "type": account.type,
            "uri": f"{base}.json",
        }

    # -- resource operations ------------------------------------------------------------------------

    def _now(self, resource: str) -> str:
        moment = datetime.now(timezone.utc)
        return self.dialect.iso8601(moment) if resource == "LamlBins" else self.dialect.rfc2822(moment)

    def _find(self, account: EmulatedAccount, resource: str, sid: str) -> dict[str, Any]:
        record = account.resources[resource].get(sid)
        if record is None:
            uri = self.instance_uri(account.sid, resource, sid)
            raise ApiFailure(
                404, self.dialect.error(404, 20404, f"The requested resource {uri} was not found")
            )
        return record

    def fetch(self, account: EmulatedAccount, resource: str, sid: str) -> dict[str, Any]:
        with self.lock:
            return self.render(resource, self._find(account, resource, sid))

    def _apply(
        self, account: EmulatedAccount, resource: str, record: dict[str, Any], form: Mapping[str, str]
    ) -> None:
        """Validate and write form parameters into *record* (all or nothing)."""
        changes: dict[str, Any] = {}
        for param, value in form.items():
            if resource == "LamlBins":
                if param in rec.BIN_PARAMS:
                    changes[rec.BIN_PARAMS[param]] = value
                continue
            allowed = rec.APPLICATION_PARAMS if resource == "Applications" else rec.NUMBER_PARAMS
            if param not in allowed:
                continue  # like the real APIs: unknown parameters are ignored
            name = rec.field_of(param)
            if name in self.dialect.omitted.get(resource, frozenset()):
                continue
            changes[name] = rec.coerce(name, value)
        for name, value in changes.items():
            problem = rec.invalid_field(name, value)
            if problem:
                raise self._invalid(21205 if name.endswith(("_url", "_callback")) else 21201, problem, name)
            is_app_reference = name in ("voice_application_sid", "sms_application_sid")
            if is_app_reference and value is not None and value not in account.resources["Applications"]:
                raise self._invalid(21218, f"{name}: application {value} not found in this account", name)
        record.update(changes)
        record["date_updated"] = self._now(resource)

    def _invalid(self, code: int, message: str, attribute: str) -> ApiFailure:
        status, body = self.dialect.validation_error(code, message, attribute)
        return ApiFailure(status, body)

    def _new(
        self,
        account: EmulatedAccount,
        resource: str,
        defaults: Mapping[str, Any],
        sid_prefix: str | None = None,
    ) -> dict[str, Any]:
        sid = self.dialect.sid(sid_prefix or SID_PREFIX[resource])
        now = self._now(resource)
        record = {
            **defaults,
            "account_sid": account.sid,
            "sid": sid,
            "date_created": now,
            "date_updated": now,
            "uri": self.instance_uri(account.sid, resource, sid),
        }
        if resource == "LamlBins":
            record["request_url"] = f"https://{self.space}/laml-bins/{sid}"
        return record

    def create(self, account: EmulatedAccount, resource: str, form: Mapping[str, str]) -> dict[str, Any]:
        with self.lock:
            if resource == "IncomingPhoneNumbers":
                record = self._new(account, resource, self._claim_number(form))
            elif resource == "Applications":
                if self.dialect.name == "signalwire" and not form.get("FriendlyName"):
                    raise self._invalid(21201, "FriendlyName is required", "FriendlyName")
                record = self._new(account, resource, rec.APPLICATION_DEFAULTS)
            else:
                if not (form.get("Name") or form.get("FriendlyName")):
                    raise ApiFailure(422, {"errors": ["Name can't be blank"]})
                record = self._new(account, resource, rec.BIN_DEFAULTS)
            self._apply(account, resource, record, form)
            record["date_updated"] = record["date_created"]
            account.resources[resource][record["sid"]] = record
            return self.render(resource, record)

    def send_message(
        self, account: EmulatedAccount, form: Mapping[str, str], media_urls: Sequence[str] = ()
    ) -> dict[str, Any]:
        """``POST Messages.json``: validate as the APIs do, then record the message as ``queued``.

        Nothing is delivered; the record is the proof a client sent it. ``From`` must be an SMS-capable
        number of the account (seed it first), as both APIs insist. Messaging Services are not emulated,
        so ``From`` is required.
        """
        to, sender = form.get("To", ""), form.get("From", "")
        body, callback = form.get("Body", ""), form.get("StatusCallback", "")
        if not to:
            raise self._invalid(21604, "A 'To' phone number is required.", "To")
        if not rec.is_e164(to):
            raise self._invalid(21211, f"Invalid 'To' Phone Number: {to}", "To")
        if not sender:
            raise self._invalid(21603, "A 'From' phone number is required.", "From")
        if not body and not media_urls:
            raise self._invalid(21602, "Message body is required.", "Body")
        if len(body) > rec.MAX_BODY:
            message = f"The concatenated message body exceeds the {rec.MAX_BODY} character limit."
            raise self._invalid(21617, message, "Body")
        if any(rec.invalid_field("media_url", url) for url in media_urls):
            raise self._invalid(21620, "Invalid media URL(s).", "MediaUrl")
        if rec.invalid_field("status_callback", callback):
            raise self._invalid(21609, f"Invalid StatusCallback URL: {callback}", "StatusCallback")
        with self.lock:
            numbers = account.resources["IncomingPhoneNumbers"].values()
            if not any(n["phone_number"] == sender and n["capabilities"].get("sms") for n in numbers):
                message = (
                    f"The From phone number {sender} is not a valid, SMS-capable inbound phone number "
                    "or short code for your account."
                )
                raise self._invalid(21606, message, "From")
            record = self._new(account, "Messages", rec.MESSAGE_DEFAULTS, "MM" if media_urls else "SM")
            media = f"{self.dialect.prefix}/Accounts/{account.sid}/Messages/{record['sid']}/Media.json"
            record.update(
                {
                    "to": to,
                    "from": sender,
                    "body": body,
                    "num_media": str(len(media_urls)),
                    "num_segments": str(rec.segments(body)),
                    "subresource_uris": {"media": media},
                    "_media_urls": list(media_urls),
                    "_status_callback": callback or None,
                }
            )
            account.resources["Messages"][record["sid"]] = record
            return self.render("Messages", record)

    def _claim_number(self, form: Mapping[str, str]) -> dict[str, Any]:
        """A number is configured, never conjured: it must come out of the pool of numbers for sale."""
        wanted = form.get("PhoneNumber")
        area = form.get("AreaCode")
        if not wanted and not area:
            raise self._invalid(21451, "PhoneNumber or AreaCode is required", "PhoneNumber")
        if wanted:
            number = wanted if wanted in self.available else None
        else:
            number = next((n for n in self.available if n.startswith(f"+1{area}")), None)
        if number is None:
            raise self._invalid(21422, f"PhoneNumber {wanted or area} is not available", "PhoneNumber")
        self.available.remove(number)
        return self.number_defaults(number)

    def number_defaults(self, e164: str) -> dict[str, Any]:
        return {
            **rec.NUMBER_DEFAULTS,
            "friendly_name": rec.friendly_number(e164),
            "phone_number": e164,
            "origin": self.dialect.name,
            "type": "tollfree" if rec.is_toll_free(e164) else "local",
        }

    def update(
        self, account: EmulatedAccount, resource: str, sid: str, form: Mapping[str, str]
    ) -> dict[str, Any]:
        with self.lock:
            record = dict(self._find(account, resource, sid))
            self._apply(account, resource, record, form)
            account.resources[resource][sid] = record
            return self.render(resource, record)

    def delete(self, account: EmulatedAccount, resource: str, sid: str) -> None:
        with self.lock:
            self._find(account, resource, sid)
            if resource == "Applications" and self.dialect.name == "signalwire":
                users = [
                    n["phone_number"]
                    for n in account.resources["IncomingPhoneNumbers"].values()
                    if sid in (n.get("voice_application_sid"), n.get("sms_application_sid"))
                ]
                if users:
                    message = f"Application is in use by {', '.join(users)}"
                    raise ApiFailure(409, {"errors": [{"code": "409", "message": message}]})
            del account.resources[resource][sid]

    # -- lists -----------------------------------------------------------------------------------------

    def _matches(self, resource: str, record: Mapping[str, Any], query: Mapping[str, str]) -> bool:
        if resource == "LamlBins":
            name = query.get("Name")
            return not name or name.lower() in str(record.get("name", "")).lower()
        if resource == "Messages":
            return all(not query.get(p) or record.get(p.lower()) == query[p] for p in ("To", "From"))
        friendly = query.get("FriendlyName")
        if friendly and record.get("friendly_name") != friendly:
            return False
        number = query.get("PhoneNumber")
        if number and resource == "IncomingPhoneNumbers":
            # Twilio: partial numbers and '*' wildcards are allowed.
            pattern = number if "*" in number else f"*{number}*"
            return fnmatch.fnmatchcase(str(record.get("phone_number", "")), pattern)
        return True

    def list_page(self, account: EmulatedAccount, resource: str, query: Mapping[str, str]) -> dict[str, Any]:
        page_size = self._page_size(query)
        with self.lock:
            items = [r for r in account.resources[resource].values() if self._matches(resource, r, query)]
            rendered = [self.render(resource, r) for r in items]
        page = int(query.get("Page", "0") or 0)
        start = page * page_size
        token = query.get("PageToken", "")
        if token.startswith("PA"):
            after = token[2:]
            position = next((i for i, r in enumerate(rendered) if r["sid"] == after), None)
            if position is not None:
                start = position + 1
        chunk = rendered[start : start + page_size]
        filters = {k: v for k, v in query.items() if k not in ("Page", "PageSize", "PageToken")}
        base = self.collection_uri(account.sid, resource)

        def link(number: int, last_sid: str | None = None) -> str:
            params = {**filters, "PageSize": str(page_size), "Page": str(number)}
            if last_sid:
                params["PageToken"] = f"PA{last_sid}"
            return f"{base}?{urlencode(params)}"

        has_next = start + page_size < len(rendered)
        next_uri = link(page + 1, chunk[-1]["sid"]) if has_next and chunk else None
        previous = link(page - 1) if page > 0 else None
        return self.page_body(
            LIST_KEY[resource], chunk, link(page), link(0), next_uri, previous, page, page_size, start
        )

    def _page_size(self, query: Mapping[str, str]) -> int:
        raw = query.get("PageSize", str(DEFAULT_PAGE_SIZE))
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
            raise ApiFailure(
                400, self.dialect.error(400, 20007, f"PageSize must be 1-{MAX_PAGE_SIZE}, got {raw}")
            )
        return int(raw)

    def page_body(
        self,
        key: str,
        items: list[dict[str, Any]],
        uri: str,
        first: str,
        next_uri: str | None,
        previous: str | None,
        page: int,
        page_size: int,
        start: int,
    ) -> dict[str, Any]:
        """A list page in the flat shape (``next_page_uri``) or SignalWire's ``meta`` shape."""
        if self.paging == "meta":
            meta = {
                "first_page_url": first,
                "key": key,
                "next_page_url": next_uri,
                "page": page,
                "page_size": page_size,
                "previous_page_url": previous,
                "url": uri,
            }
            return {"meta": meta, key: items}
        return {
            key: items,
            "end": start + max(len(items) - 1, 0),
            "first_page_uri": first,
            "next_page_uri": next_uri,
            "page": page,
            "page_size": page_size,
            "previous_page_uri": previous,
            "start": start,
            "uri": uri,
        }

    def available_numbers(
        self, account: EmulatedAccount, kind: str, query: Mapping[str, str]
    ) -> dict[str, Any]:
        page_size = self._page_size(query)
        area = query.get("AreaCode", "")
        contains = query.get("Contains", "")
        with self.lock:
            numbers = [
                n
                for n in self.available
                if rec.is_toll_free(n) == (kind == "TollFree") and n.startswith(f"+1{area}") and contains in n
            ]
        uri = f"{self.dialect.prefix}/Accounts/{account.sid}/AvailablePhoneNumbers/US/{kind}.json"
        return {"uri": uri, "available_phone_numbers": [rec.available_entry(n) for n in numbers[:page_size]]}
