"""Fetching a Twilio TwiML Bin's contents: the only way to read them, since TwiML Bins have no REST API.

A bin's URL (``https://handler.twilio.com/twiml/EH…``) answers the owning account only: the one recipe
known to work (twilio-ruby issue #268; Twilio's support article "Not Authorized error when trying to view
TwiML Bin URL") appends ``?AccountSid=AC…`` to the URL and signs that full URL like a webhook request,
``X-Twilio-Signature`` = base64(HMAC-SHA1(auth token, URL)), before the GET. The origin is overridable so
tests can point it at the emulator (``http://`` only on loopback, as for the API).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import urlencode

from migrate.accounts import AccountError, check_base_url
from migrate.hosted import twiml_bin_sid

HANDLER_ORIGIN = "https://handler.twilio.com"


def twilio_signature(token: str, url: str) -> str:
    """The ``X-Twilio-Signature`` of a GET to *url*, query included (no POST parameters to append)."""
    digest = hmac.new(token.encode("utf-8"), url.encode("utf-8"), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


def twiml_bin_url(url: str, account_sid: str, handler_origin: str = HANDLER_ORIGIN) -> str:
    """The URL to sign and fetch for a TwiML Bin URL found on a number or application.

    ``https://handler.twilio.com/twiml/EH…?AccountSid=AC…``: without the account the handler answers
    "Not Authorized" however the request is signed. ``ValueError`` if *url* is not a bin URL.
    """
    sid = twiml_bin_sid(url)
    if sid is None:
        raise ValueError(f"not a TwiML Bin URL: {url!r}")
    try:
        origin = check_base_url(handler_origin, "handler_origin")
    except AccountError as error:
        raise ValueError(str(error)) from None
    return f"{origin}/twiml/{sid}?{urlencode({'AccountSid': account_sid})}"
