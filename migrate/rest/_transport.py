"""HTTP for the Compatibility API: one pooled session, Basic auth, the retry policy and the safety checks.

The retry loop is ours rather than urllib3's ``Retry`` because whether a request may be repeated depends on
the *operation*, not the HTTP method: a POST may be an idempotent update-by-SID or a create that must never
be repeated blindly. urllib3 still pools the connections; its own retries are switched off.

Every call is bounded in time whatever the server does: each HTTP attempt has an overall deadline (a server
trickling one byte at a time never trips a per-read timeout), and a call gives up rather than start a retry
that would take it past :attr:`RetryPolicy.max_call_seconds` (``Retry-After`` included), saying so.
"""

from __future__ import annotations

import email.utils
import json
import logging
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

import requests
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from migrate import __version__
from migrate.accounts import Account, AccountError, check_base_url
from migrate.rest._deadline import DeadlineAdapter, Exchange, deadline
from migrate.rest._errors import REQUEST_ID_HEADERS, ApiError, CreateOutcomeUnknown, parse_error_body
from migrate.rest._network import describe
from migrate.rest._proxies import HostEnvironments

log = logging.getLogger("migrate.rest")

Operation = Literal["read", "create", "update", "delete"]

USER_AGENT = f"signalwire-migrate/{__version__} python-requests/{requests.__version__}"
#: Largest response body accepted; a 1000-item page of numbers is ~1.5 MB.
MAX_RESPONSE_BYTES = 16 * 1024 * 1024
#: Statuses that mean "not processed, try again later" for any operation.
THROTTLED = frozenset({429})
#: Failures of the exchange itself (no usable response): retried unless a create may have been received.
TRANSIENT = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError)
#: Server errors: safe to repeat for reads, deletes and updates by SID; a create's outcome is unknown.
SERVER_ERRORS = frozenset({500, 502, 503, 504})
#: Longest one HTTP attempt may take from sending to the last body byte.
ATTEMPT_DEADLINE = 120.0


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter, capped attempts, ``Retry-After`` honoured.

    ``sleep`` and ``random`` are injectable so tests assert the waits instead of taking them.
    """

    max_attempts: int = 6
    base_delay: float = 0.5
    max_delay: float = 30.0
    max_retry_after: float = 300.0
    #: No retry starts if the call's attempts and waits would then exceed this many seconds.
    max_call_seconds: float = 300.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    random: Callable[[], float] = field(default=random.random, repr=False)

    def backoff(self, retry_number: int) -> float:
        """Delay before retry *retry_number* (1-based): half fixed, half jitter, so waits never collapse."""
        ceiling = min(self.max_delay, self.base_delay * 2.0 ** (retry_number - 1))
        return ceiling / 2 + self.random() * ceiling / 2

    def delay(self, retry_number: int, retry_after: str | None) -> float:
        """The server's ``Retry-After`` when it sent a usable one, else :meth:`backoff`."""
        seconds = parse_retry_after(retry_after)
        if seconds is None:
            return self.backoff(retry_number)
        return min(seconds, self.max_retry_after)


def parse_retry_after(value: str | None, now: Callable[[], datetime] | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date); ``None`` if absent/garbled."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    current = now() if now else datetime.now(timezone.utc)
    return max(0.0, (when - current).total_seconds())


def _never_sent(error: requests.RequestException) -> bool:
    """True when the connection failed before the request left (refused, DNS, connect timeout)."""
    if isinstance(error, requests.ConnectTimeout):
        return True
    reason = error.args[0] if error.args else None
    inner = getattr(reason, "reason", reason)
    return isinstance(inner, (NewConnectionError, ConnectTimeoutError))


@dataclass(frozen=True)
class Call:
    """One logical API call (possibly several HTTP attempts); names what to put in an :class:`ApiError`."""

    method: str
    url: str
    operation: Operation
    resource: str
    sid: str | None = None
    params: Mapping[str, str] | None = None
    data: Mapping[str, str] | None = None
    headers: Mapping[str, str] | None = None
    #: False for requests authenticated otherwise (a signed TwiML Bin fetch): no Basic credentials.
    basic_auth: bool = True


def _no_auth(request: requests.PreparedRequest) -> requests.PreparedRequest:
    """Overrides the session's Basic auth for one request (``auth=None`` would fall back to it)."""
    return request


class Transport:
    """Sends :class:`Call` s for one account and returns decoded JSON objects."""

    def __init__(
        self,
        account: Account,
        *,
        retry: RetryPolicy | None = None,
        timeout: tuple[float, float] = (10.0, 60.0),
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        attempt_deadline: float = ATTEMPT_DEADLINE,
    ) -> None:
        try:
            self.base_url = check_base_url(account.base_url, f"account {account.name!r}")
        except AccountError as error:
            raise ValueError(str(error)) from None
        origin = urlsplit(self.base_url)
        self.origin = f"{origin.scheme}://{origin.netloc}"
        self.retry = retry or RetryPolicy()
        self.timeout = timeout
        self.max_response_bytes = max_response_bytes
        self.attempt_deadline = attempt_deadline
        self.session = requests.Session()
        self.session.auth = (account.account_sid, account.token.reveal())
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
        # Proxies and CA bundles are chosen per request host (_proxies), not once for the whole session.
        self.session.trust_env = False
        self.environments = HostEnvironments()
        adapter = DeadlineAdapter(pool_connections=4, pool_maxsize=32, max_retries=0)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)

    def __repr__(self) -> str:
        return f"Transport(base_url={self.base_url!r})"

    def close(self) -> None:
        self.session.close()

    def absolute(self, uri: str) -> str:
        """Resolve a (usually host-relative) paging URI; refuse other origins: credentials go with it."""
        url = urljoin(self.origin + "/", uri)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            raise ApiError(method="GET", resource=uri, message=f"refusing to follow a URL off {self.origin}")
        return url

    def send(self, call: Call) -> dict[str, Any]:
        """Perform *call* with the retry policy; return the JSON object (``{}`` for 204)."""
        body = self.send_bytes(call)
        if not body.strip():
            return {}
        try:
            payload = json.loads(body)
        except ValueError:
            payload = None
        if isinstance(payload, dict):
            return payload
        if call.operation == "create":  # it was created; only its SID is unknown
            raise self._unknown(call, "response is not a JSON object")
        raise self._error(call, None, "response is not a JSON object")

    def send_bytes(self, call: Call) -> bytes:
        """Perform *call* with the retry policy; return the response body (for non-JSON documents)."""
        attempt = 1
        spent = 0.0  # seconds of attempts plus requested waits (injected sleeps count as waited)
        while True:
            started = time.monotonic()
            outcome = self._attempt(call)
            spent += time.monotonic() - started
            if isinstance(outcome, bytes):
                return outcome
            failure, retry_after = outcome
            tries = f"{attempt} attempt{'' if attempt == 1 else 's'}"
            if attempt >= self.retry.max_attempts:
                failure.message = f"{failure.message} (gave up after {tries})"
                raise failure
            delay = self.retry.delay(attempt, retry_after)
            if spent + delay > self.retry.max_call_seconds:
                failure.message = (
                    f"{failure.message} (gave up after {tries}: waiting {delay:.3g} s more would "
                    f"pass the {self.retry.max_call_seconds:g} s allowed per request)"
                )
                raise failure
            spent += delay
            log.debug(
                "retrying %s %s (attempt %d of %d) in %.2fs after: %s",
                call.method,
                call.resource,
                attempt + 1,
                self.retry.max_attempts,
                delay,
                failure.message if failure.status is None else f"HTTP {failure.status}",
            )
            self.retry.sleep(delay)
            attempt += 1

    def _attempt(self, call: Call) -> bytes | tuple[ApiError, str | None]:
        """One HTTP exchange: the body, or a retryable failure with its ``Retry-After``.

        Raises what must not be retried: client errors, and any doubt about a create.
        """
        exchange = Exchange()
        try:
            with deadline(self.attempt_deadline) as exchange, self._request(call) as response:
                if response.status_code < 300:
                    try:
                        body = self._read(call, response)
                    except ApiError as unreadable:
                        if call.operation == "create":  # it was created; we just cannot tell its SID
                            raise self._unknown(call, unreadable.message, response.status_code) from None
                        raise
                    if not exchange.expired:  # a cut connection can look like the end of the body
                        return body
                    raise requests.ConnectionError("deadline passed")
                failure = self._http_error(call, response)
                retry_after = response.headers.get("Retry-After")
        except TRANSIENT as error:  # refused, reset, dropped mid-body, timed out
            host = urlsplit(call.url).netloc
            if exchange.expired:
                reason, retryable = (
                    f"no complete response from {host} within {self.attempt_deadline:g} s",
                    True,
                )
            else:
                reason, retryable = describe(error, host, self.timeout)
            if call.operation == "create" and not _never_sent(error):
                raise self._unknown(call, f"connection lost after sending: {reason}") from None
            if not retryable:
                raise self._error(call, None, reason) from None
            return self._error(call, None, reason), None
        except requests.RequestException as error:  # malformed request: retrying cannot help
            raise self._error(call, None, f"request failed: {type(error).__name__}") from None
        if failure.status in SERVER_ERRORS and call.operation == "create":
            raise self._unknown(call, failure.message, failure.status, failure)
        if failure.status not in THROTTLED | SERVER_ERRORS:
            raise failure
        return failure, retry_after

    def _request(self, call: Call) -> requests.Response:
        return self.session.request(
            call.method,
            call.url,
            params=call.params,
            data=call.data,
            headers=call.headers,
            auth=None if call.basic_auth else _no_auth,
            timeout=self.timeout,
            stream=True,
            allow_redirects=False,
            **self.environments.for_url(call.url),
        )

    def _read(self, call: Call, response: requests.Response) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_response_bytes:
            raise self._error(
                call, response, f"response of {declared} bytes refused (limit {self.max_response_bytes})"
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_content(chunk_size=65536):
            size += len(chunk)
            if size > self.max_response_bytes:
                raise self._error(call, response, f"response over {self.max_response_bytes} bytes refused")
            chunks.append(chunk)
        return b"".join(chunks)

    def _http_error(self, call: Call, response: requests.Response) -> ApiError:
        try:
            body = self._read(call, response)
        except ApiError as oversized:
            return oversized
        code, message, more_info = parse_error_body(body, response.reason or "error")
        return self._error(call, response, message, code=code, more_info=more_info)

    def _error(
        self,
        call: Call,
        response: requests.Response | None,
        message: str,
        *,
        code: int | str | None = None,
        more_info: str | None = None,
    ) -> ApiError:
        request_id = None
        if response is not None:
            request_id = next(
                (response.headers[h] for h in REQUEST_ID_HEADERS if h in response.headers), None
            )
        return ApiError(
            method=call.method,
            resource=call.resource,
            sid=call.sid,
            status=response.status_code if response is not None else None,
            code=code,
            message=message,
            more_info=more_info,
            request_id=request_id,
        )

    def _unknown(
        self, call: Call, message: str, status: int | None = None, cause: ApiError | None = None
    ) -> CreateOutcomeUnknown:
        details = (
            cause.to_dict() if cause else {"method": call.method, "resource": call.resource, "status": status}
        )
        details["message"] = f"{message}; the create may have happened: re-list before retrying"
        return CreateOutcomeUnknown(**details)
