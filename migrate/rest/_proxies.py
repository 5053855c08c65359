"""Environment proxies and CA bundles, decided per request host rather than once per session.

One run talks to several hosts: the API origin (possibly a loopback emulator or local proxy) and
``https://handler.twilio.com`` for TwiML Bins. ``requests`` can only switch its environment handling
(``trust_env``) for a whole session, so the session ignores the environment and every request gets the
proxies and CA bundle its own host calls for: ``HTTPS_PROXY``/``NO_PROXY`` for real hosts, never a proxy
for a loopback host, and ``REQUESTS_CA_BUNDLE``/``CURL_CA_BUNDLE`` wherever TLS is verified.
"""

from __future__ import annotations

import os
from typing import TypedDict
from urllib.parse import urlsplit

from requests.utils import get_environ_proxies

from migrate.accounts import is_loopback_host

#: Variables naming the CA bundle to verify TLS with, in the order ``requests`` itself reads them.
CA_BUNDLE_VARIABLES = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE")


class RequestEnvironment(TypedDict):
    """Keyword arguments for ``requests.Session.request``."""

    proxies: dict[str, str]
    verify: bool | str


def request_environment(url: str) -> RequestEnvironment:
    """The proxies and TLS verification for one request to *url*, read from the environment now."""
    bundle = next((os.environ[name] for name in CA_BUNDLE_VARIABLES if os.environ.get(name)), None)
    verify: bool | str = bundle if bundle else True
    host = urlsplit(url).hostname or ""
    if is_loopback_host(host):  # an emulator or a local proxy: never through another proxy
        return {"proxies": {}, "verify": verify}
    return {"proxies": dict(get_environ_proxies(url)), "verify": verify}


class HostEnvironments:
    """:func:`request_environment` decided once per scheme and host for one client's lifetime.

    Reading the proxy settings costs ~0.5 ms (``NO_PROXY`` matching); a sync sends thousands of requests to
    two or three hosts, and the environment does not change during a run.
    """

    def __init__(self) -> None:
        self._decided: dict[str, RequestEnvironment] = {}

    def for_url(self, url: str) -> RequestEnvironment:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        decided = self._decided.get(origin)
        if decided is None:  # two threads may both decide: the same answer, so no lock is needed
            decided = self._decided[origin] = request_environment(origin + "/")
        return decided
