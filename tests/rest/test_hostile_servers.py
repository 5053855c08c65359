"""Servers that misbehave on purpose: endless paging, trickled bytes, long Retry-After, unreachable hosts.

Each test runs its own tiny server on 127.0.0.1 (or none), and checks the one line a user would read.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrate.accounts import Account, Secret
from migrate.cli import main
from migrate.emulator import Emulator
from migrate.rest import ApiError, RestClient, RetryPolicy, _paging
from migrate.rest._transport import Call, Transport
from tests.rest.conftest import RecordedSleeps

SID = "AC" + "0" * 32


@contextmanager
def json_server(reply: Callable[[str], dict[str, object]]) -> Iterator[str]:
    """An HTTP server answering every GET with ``reply(path)`` as JSON; yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = json.dumps(reply(self.path)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/2010-04-01"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def trickle_server(head: bytes, interval: float) -> Iterator[str]:
    """Sends *head* one byte every *interval* seconds, then keeps trickling spaces: never a read timeout."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                connection.recv(65536)
                data = iter(head + b" " * 10_000)
                while not stop.wait(interval):
                    try:
                        connection.sendall(bytes([next(data)]))
                    except (OSError, StopIteration):
                        break

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/2010-04-01"
    finally:
        stop.set()
        listener.close()


def client_for(base_url: str, **policy: object) -> RestClient:
    account = Account("hostile", "twilio", SID, Secret("t"), base_url, "test")
    retry = RetryPolicy(sleep=RecordedSleeps(), random=lambda: 0.5, **policy)  # type: ignore[arg-type]
    return RestClient(account, retry=retry)


def test_next_page_uri_back_to_a_page_already_read_is_an_error() -> None:
    page = f"/2010-04-01/Accounts/{SID}/Applications.json?Page=1&PageSize=50"
    reply = {"applications": [{"sid": "AP1"}], "next_page_uri": page}
    with json_server(lambda _path: reply) as url, pytest.raises(ApiError) as caught:
        list(client_for(url).applications.list())
    assert "next_page_uri leads back to a page already read (http://127.0.0.1:" in str(caught.value)
    assert "the listing loops" in str(caught.value)


def test_next_page_uri_that_never_ends_stops_at_the_page_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_paging, "MAX_PAGES", 5)
    counter = iter(range(1, 1_000))

    def endless(_path: str) -> dict[str, object]:
        return {
            "applications": [],
            "next_page_uri": f"/2010-04-01/Accounts/{SID}/Applications.json?Page={next(counter)}",
        }

    with json_server(endless) as url, pytest.raises(ApiError) as caught:
        list(client_for(url).applications.list())
    assert "listing stopped after 5 pages" in str(caught.value)


@pytest.mark.parametrize(
    "head",
    [
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Slow: ",  # headers never end
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 99999\r\n\r\n{",  # body
    ],
)
def test_a_server_trickling_bytes_hits_the_attempt_deadline(head: bytes) -> None:
    """One byte every 0.1 s never trips the 60 s read timeout; the 1 s deadline for the attempt does."""
    with trickle_server(head, 0.1) as url:
        account = Account("hostile", "twilio", SID, Secret("t"), url, "test")
        policy = RetryPolicy(max_attempts=2, sleep=RecordedSleeps())
        transport = Transport(account, retry=policy, attempt_deadline=1.0)
        with pytest.raises(ApiError) as caught:
            transport.send(Call("GET", f"{url}/Accounts/{SID}.json", "read", "Accounts", SID))
    host = url.split("/")[2]
    assert caught.value.message == f"no complete response from {host} within 1 s (gave up after 2 attempts)"


def test_total_retry_after_wait_per_request_is_bounded(emu: Emulator) -> None:
    """A server asking for 250 s again and again gets one wait; the next would pass the 300 s budget."""
    account = emu.add_account("Primary")
    sleeps = RecordedSleeps()
    client = RestClient(emu.account_for(account), retry=RetryPolicy(max_attempts=6, sleep=sleeps))
    emu.fail(429, retry_after="250", method="GET", times=None)
    with pytest.raises(ApiError) as caught:
        client.fetch_account()
    assert sleeps == [250.0]
    assert "gave up after 2 attempts: waiting 250 s more would pass the 300 s allowed per request" in str(
        caught.value
    )


def test_a_jittered_wait_that_would_pass_the_budget_is_said_in_three_digits_and_a_sentence(
    emu: Emulator,
) -> None:
    """The wait named in the give-up line is for people: ``0.329 s``, not the jitter's ``0.328539...``."""
    account = emu.add_account("Primary")
    sleeps = RecordedSleeps()
    policy = RetryPolicy(max_call_seconds=0.3, sleep=sleeps, random=lambda: 0.3141592)
    emu.fail(503, method="GET", times=None)
    with pytest.raises(ApiError) as caught:
        RestClient(emu.account_for(account), retry=policy).fetch_account()
    assert sleeps == []
    assert "(gave up after 1 attempt: waiting 0.329 s more would pass the 0.3 s allowed per request)" in str(
        caught.value
    )


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_refused_connection_names_the_host() -> None:
    port = _closed_port()
    with pytest.raises(ApiError) as caught:
        client_for(f"http://127.0.0.1:{port}/2010-04-01", max_attempts=2).fetch_account()
    assert caught.value.message == f"connection refused by 127.0.0.1:{port} (gave up after 2 attempts)"


def test_dns_failure_is_reported_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dns(*_args: object, **_kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    client = client_for("https://api.example.invalid/2010-04-01")
    with pytest.raises(ApiError) as caught:
        client.fetch_account()
    assert caught.value.message == "cannot resolve host api.example.invalid (DNS lookup failed)"
    assert client.transport.retry.sleep == []  # type: ignore[comparison-overlap]


def test_tls_verification_failure_is_reported_at_once() -> None:
    with Emulator("twilio", tls=True) as emu:
        account = emu.add_account("Primary")
        sleeps = RecordedSleeps()
        client = RestClient(emu.account_for(account), retry=RetryPolicy(sleep=sleeps))
        host = emu.host
        with pytest.raises(ApiError) as caught:
            client.fetch_account()
    assert caught.value.message.startswith(f"TLS certificate of {host} does not verify: ")
    assert "self-signed certificate" in caught.value.message
    assert sleeps == []


def test_whoami_prints_one_line_naming_host_and_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_dns(*_args: object, **_kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    config = tmp_path / "sw-migrate.toml"
    config.write_text(
        f'[accounts.far]\nkind = "twilio"\naccount_sid = "{SID}"\ntoken_env = "FAR_TOKEN"\n'
        'base_url = "https://api.example.invalid/2010-04-01"\n'
    )
    result = CliRunner().invoke(
        main, ["whoami", "--account", "far", "--config", str(config)], env={"FAR_TOKEN": "secret-token"}
    )
    assert (result.exit_code, result.output) == (
        1,
        f"Error: account 'far': GET Accounts/{SID}: cannot resolve host api.example.invalid "
        "(DNS lookup failed)\n",
    )
