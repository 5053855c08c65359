"""Webhook signatures as both platforms compute them (``X-Twilio-Signature`` / ``X-SignalWire-Signature``).

base64(HMAC-SHA1(auth token, URL + each POST parameter's name and value, sorted by name)). The emulator
checks them on TwiML Bin fetches and sends them on the callbacks it makes; a test cross-checks this function
against twilio-python's ``RequestValidator``, so the emulator cannot share a bug with the client's signer.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable


def compute(token: str, url: str, params: Iterable[tuple[str, str]] = ()) -> str:
    """The signature of a request to *url* with form *params* (none for a GET)."""
    payload = url + "".join(name + value for name, value in sorted(params))
    digest = hmac.new(token.encode("utf-8"), payload.encode("utf-8"), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


def valid(token: str, url: str, signature: str, params: Iterable[tuple[str, str]] = ()) -> bool:
    """Whether *signature* signs *url* (+ *params*) with *token*; constant-time comparison."""
    return hmac.compare_digest(compute(token, url, params), signature)
