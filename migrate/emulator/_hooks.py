"""Operations that do more than store what they are sent (registered over the generic ones in ``HOOKS``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from migrate.emulator import _inventory as inventory
from migrate.emulator import _records as rec
from migrate.emulator._handlers import HOOKS, Handler, Handlers, Request
from migrate.emulator._inventory import AvailableNumber
from migrate.emulator._state import ApiFailure, EmulatedAccount

#: What every number for sale can do (the spec's sample: voice, SMS, MMS; no fax).
CAPABILITY_FILTERS = {"VoiceEnabled": True, "SmsEnabled": True, "MmsEnabled": True, "FaxEnabled": False}


def hook(resource: str, action: str) -> Callable[[Handler], Handler]:
    def register(function: Handler) -> Handler:
        HOOKS[(resource, action)] = function
        return function

    return register


# -- Accounts ----------------------------------------------------------------------------------------


def account_body(handlers: Handlers, account: EmulatedAccount) -> dict[str, Any]:
    """The Account as both APIs print it; SignalWire's absent subresources are null, as its sample shows."""
    dialect = handlers.dialect
    base = f"{dialect.prefix}/Accounts/{account.sid}"
    sample = handlers.resource("Accounts").example["subresource_uris"]
    uris = {
        key: None if value is None and dialect.name == "signalwire" else f"{base}/{_camel(key)}.json"
        for key, value in sample.items()
    }
    date = dialect.rfc2822(account.created)
    body = {
        # Twilio really returns the token here; SignalWire documents it as "redacted".
        "auth_token": account.token if dialect.name == "twilio" else "redacted",
        "date_created": date,
        "date_updated": date,
        "friendly_name": account.friendly_name,
        "sid": account.sid,
        "status": account.status,
        "subresource_uris": uris,
        "type": account.type,
        "uri": f"{base}.json",
    }
    if dialect.name == "twilio":
        body["owner_account_sid"] = account.sid
    return body


def _camel(snake: str) -> str:
    return "".join(part.capitalize() if part != "phone" else "Phone" for part in snake.split("_"))


def _own_account(handlers: Handlers, request: Request) -> EmulatedAccount:
    if request.params.get("Sid") != request.account.sid:
        raise handlers.not_found(f"Account {request.params.get('Sid')}")
    return request.account


@hook("Accounts", "fetch")
def fetch_account(handlers: Handlers, request: Request) -> tuple[int, Any]:
    return 200, account_body(handlers, _own_account(handlers, request))


@hook("Accounts", "update")
def update_account(handlers: Handlers, request: Request) -> tuple[int, Any]:
    account = _own_account(handlers, request)
    if request.value("FriendlyName"):
        account.friendly_name = request.value("FriendlyName")
    return 200, account_body(handlers, account)


@hook("Accounts", "list")
def list_accounts(handlers: Handlers, request: Request) -> tuple[int, Any]:
    body = account_body(handlers, request.account)
    wanted = request.query.get("FriendlyName")
    items = [body] if not wanted or wanted == body["friendly_name"] else []
    base = f"{handlers.dialect.prefix}/Accounts.json"
    return 200, handlers.state.page(request.operation, base, items, request.query)


# -- AvailablePhoneNumbers ---------------------------------------------------------------------------


def _countries(handlers: Handlers) -> list[str]:
    """The countries with numbers for sale: the seeded ones', else the generated inventory's."""
    seeded = sorted({n.iso_country for n in handlers.state.available})
    return seeded or sorted(inventory.COUNTRIES)


def _country_body(handlers: Handlers, account: EmulatedAccount, country: str) -> dict[str, Any]:
    base = f"{handlers.dialect.prefix}/Accounts/{account.sid}/AvailablePhoneNumbers/{country}"
    return {
        "beta": False,
        "country": inventory.COUNTRIES.get(country, country),
        "country_code": country,
        "subresource_uris": {"local": f"{base}/Local.json", "toll_free": f"{base}/TollFree.json"},
        "uri": f"{base}.json",
    }


@hook("AvailablePhoneNumbers", "fetch")
def fetch_country(handlers: Handlers, request: Request) -> tuple[int, Any]:
    country = request.params["IsoCountry"]
    if country not in _countries(handlers):
        raise handlers.not_found(f"AvailablePhoneNumbers/{country}")
    return 200, _country_body(handlers, request.account, country)


@hook("AvailablePhoneNumbers", "list")
def list_available(handlers: Handlers, request: Request) -> tuple[int, Any]:
    path = request.operation.path
    account = request.account
    if path.endswith("/AvailablePhoneNumbers.json"):
        countries = _countries(handlers)
        base = f"{handlers.dialect.prefix}/Accounts/{account.sid}/AvailablePhoneNumbers.json"
        return 200, {"countries": [_country_body(handlers, account, c) for c in countries], "uri": base}
    country = request.params["IsoCountry"]
    kind = "TollFree" if path.endswith("/TollFree.json") else "Local"
    page_size = handlers.state.page_size(request.query)
    pool = handlers.state.available or inventory.search(
        country, kind, request.query, page_size, handlers.state.owned
    )
    numbers = [n for n in pool if _wanted(n, country, kind, request.query)]
    uri = f"{handlers.dialect.prefix}/Accounts/{account.sid}/AvailablePhoneNumbers/{country}/{kind}.json"
    entries = [available_entry(handlers, n) for n in numbers[:page_size]]
    return 200, {"uri": uri, "available_phone_numbers": entries}


def _wanted(number: AvailableNumber, country: str, kind: str, query: dict[str, str] | Any) -> bool:
    if number.iso_country != country or rec.is_toll_free(number.phone_number) != (kind == "TollFree"):
        return False
    area = query.get("AreaCode", "")
    if area and not number.phone_number.startswith(f"+1{area}"):
        return False
    region = query.get("InRegion", "")
    if region and number.region != region:
        return False
    beta = query.get("Beta", "")
    if beta.lower() == "false" and number.beta:
        return False
    for name, capable in CAPABILITY_FILTERS.items():
        if query.get(name, "").lower() in ("true", "false") and (query[name].lower() == "true") != capable:
            return False
    return inventory.contains(number.phone_number, query.get("Contains", ""))


def available_entry(handlers: Handlers, number: AvailableNumber) -> dict[str, Any]:
    """One search result, with every field of the spec's sample."""
    sample = handlers.resource("AvailablePhoneNumbers").example
    entry: dict[str, Any] = {name: None for name in sample}
    entry.update(
        {
            "friendly_name": rec.friendly_number(number.phone_number),
            "phone_number": number.phone_number,
            "region": number.region,
            "rate_center": number.rate_center,
            "iso_country": number.iso_country,
            "capabilities": dict(sample["capabilities"]),
            "beta": number.beta,
        }
    )
    if handlers.dialect.name == "twilio":
        entry.update({"locality": None, "address_requirements": "none"})
        entry["capabilities"] = {**entry["capabilities"], "fax": False}
    return handlers.state.render("AvailablePhoneNumbers", entry)


# -- IncomingPhoneNumbers ----------------------------------------------------------------------------


def number_record(handlers: Handlers, account: EmulatedAccount, e164: str, **fields: Any) -> dict[str, Any]:
    """A number of the account, with the defaults a new one has."""
    values = {
        "friendly_name": rec.friendly_number(e164),
        "phone_number": e164,
        "origin": handlers.dialect.name,
        "type": "tollfree" if rec.is_toll_free(e164) else "local",
        **fields,
    }
    return handlers.new(account, "IncomingPhoneNumbers", **values)


@hook("IncomingPhoneNumbers", "create")
def buy_number(handlers: Handlers, request: Request) -> tuple[int, Any]:
    """A number is configured, never conjured: it must be for sale (seeded, or the generated inventory's)."""
    wanted, area = request.value("PhoneNumber"), request.value("AreaCode")
    found = _for_sale(handlers, wanted, area)
    if found is None:
        raise handlers.invalid(21422, f"PhoneNumber {wanted or area} is not available", "PhoneNumber")
    record = number_record(handlers, request.account, found.phone_number)
    handlers.apply(request, record)
    if found in handlers.state.available:
        handlers.state.available.remove(found)
    record["date_updated"] = record["date_created"]
    return handlers.status_of(request.operation), handlers.store(
        "IncomingPhoneNumbers", request.account, record
    )


def _for_sale(handlers: Handlers, wanted: str, area: str) -> AvailableNumber | None:
    """The number *wanted* (or the first of area code *area*) if it is for sale."""
    pool = handlers.state.available
    if pool:
        if wanted:
            return next((n for n in pool if n.phone_number == wanted), None)
        return next((n for n in pool if n.phone_number.startswith(f"+1{area}")), None)
    if wanted:
        return None if handlers.state.owned(wanted) else inventory.offer(wanted)
    query = {"AreaCode": area}
    found = inventory.search("US", "Local", query, 1, handlers.state.owned) or inventory.search(
        "CA", "Local", query, 1, handlers.state.owned
    )
    return found[0] if found else None


# -- Applications ------------------------------------------------------------------------------------


@hook("Applications", "delete")
def delete_application(handlers: Handlers, request: Request) -> tuple[int, Any]:
    """SignalWire refuses to delete an application numbers still use (409); Twilio detaches them."""
    sid = request.params["Sid"]
    if handlers.dialect.name == "signalwire":
        numbers = request.account.resources["IncomingPhoneNumbers"].values()
        users = [
            n["phone_number"]
            for n in numbers
            if sid in (n.get("voice_application_sid"), n.get("sms_application_sid"))
        ]
        if users:
            message = f"Application is in use by {', '.join(users)}"
            raise ApiFailure(409, {"errors": [{"code": "409", "message": message}]})
    return handlers.delete(request)


# -- Messages ----------------------------------------------------------------------------------------


@hook("Messages", "create")
def send_message(handlers: Handlers, request: Request) -> tuple[int, Any]:
    """Validate as the APIs do, then record the message as ``queued`` with its media.

    Nothing is delivered; the record is the proof a client sent it. ``From`` must be an SMS-capable number
    of the account (seed it first), as both APIs insist — unless ``MessagingServiceSid`` picks the sender.
    Required parameters, the 1600-character body and the 10-media limit were checked from the contract.
    """
    to, sender, body = request.value("To"), request.value("From"), request.value("Body")
    service = request.value("MessagingServiceSid")
    media_urls = [url for url in request.form.get("MediaUrl", []) if url]
    if not rec.is_e164(to):
        raise handlers.invalid(21211, f"Invalid 'To' Phone Number: {to}", "To")
    if any(rec.invalid_field("media_url", url) for url in media_urls):
        raise handlers.invalid(21620, "Invalid media URL(s).", "MediaUrl")
    callback = request.value("StatusCallback")
    if rec.invalid_field("status_callback", callback):
        raise handlers.invalid(21609, f"Invalid StatusCallback URL: {callback}", "StatusCallback")
    account = request.account
    numbers = account.resources["IncomingPhoneNumbers"].values()
    if sender and not any(n["phone_number"] == sender and n["capabilities"].get("sms") for n in numbers):
        message = (
            f"The From phone number {sender} is not a valid, SMS-capable inbound phone number "
            "or short code for your account."
        )
        raise handlers.invalid(21601, message, "From")  # the spec's table (and Twilio's page) for this
    prefix = "MM" if media_urls else "SM"
    record = handlers.new(
        account,
        "Messages",
        sid=handlers.dialect.sid(prefix),
        to=to,
        body=body,
        num_media=len(media_urls),
        num_segments=rec.segments(body),
        messaging_service_sid=service or None,
        _media_urls=media_urls,
        _status_callback=callback or None,
        **{"from": sender or None},
    )
    handlers.refresh_uris("Messages", record)
    for url in media_urls:
        media = handlers.new(account, "Media", parent_sid=record["sid"], _url=url)
        handlers.store("Media", account, media)
    answer = handlers.store("Messages", account, record)
    handlers.callbacks.message_created(account, record)
    return handlers.status_of(request.operation), answer


@hook("Messages", "update")
def update_message(handlers: Handlers, request: Request) -> tuple[int, Any]:
    """Only the body changes (``Body=""`` redacts it)."""
    record = dict(handlers.find(request))
    record["body"] = request.value("Body")
    record["date_updated"] = handlers.state.now("Messages")
    return 200, handlers.store("Messages", request.account, record)
