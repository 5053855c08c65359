"""The emulator a test talks to: a threaded werkzeug server on 127.0.0.1, with seeding and inspection."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from migrate.accounts import Account, Secret
from migrate.emulator._app import EmulatorApp, LoggedRequest, RequestLog
from migrate.emulator._callbacks import Callback
from migrate.emulator._dialects import DIALECTS
from migrate.emulator._faults import Fault, FaultPlan
from migrate.emulator._hooks import number_record
from migrate.emulator._inventory import AvailableNumber
from migrate.emulator._state import EmulatedAccount, State


class _QuietHandler(WSGIRequestHandler):
    """No access log on stderr during tests (the request log is the record)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A throwaway certificate and key for ``127.0.0.1``/``localhost``, valid for a day.

    Made with the ``openssl`` CLI rather than ``cryptography`` so TLS adds no dependency; an EC key is
    generated in milliseconds. The certificate is its own CA: trust it with ``REQUESTS_CA_BUNDLE``.
    """
    openssl = shutil.which("openssl")
    if openssl is None:
        raise RuntimeError("Emulator(tls=True) needs the openssl command")
    certificate, key = directory / "emulator-cert.pem", directory / "emulator-key.pem"
    options = {
        "-days": "1",
        "-newkey": "ec",
        "-pkeyopt": "ec_paramgen_curve:prime256v1",
        "-subj": "/CN=sw-migrate-emulator",
        "-addext": "subjectAltName=IP:127.0.0.1,DNS:localhost",
        "-keyout": str(key),
        "-out": str(certificate),
    }
    command = [openssl, "req", "-x509", "-nodes", *(part for pair in options.items() for part in pair)]
    subprocess.run(command, check=True, capture_output=True)  # noqa: S603 (fixed argv, no shell)
    return certificate, key


class Emulator:
    """A Compatibility API on ``http://127.0.0.1:<ephemeral port>`` with in-memory state.

    ``dialect`` is ``"twilio"`` or ``"signalwire"``; ``paging`` selects the list shape (``"flat"`` or
    SignalWire's ``"meta"``). Use as a context manager, or call :meth:`start` / :meth:`stop`.
    ``tls=True`` serves ``https://`` with a fresh self-signed certificate (:attr:`ca_bundle`), for SDKs
    that force https, such as ``signalwire.rest.Client``. ``live=True`` leaves out the fields the live
    SignalWire API does not return (:mod:`migrate.emulator._live`). The spec's required parameters are
    always enforced (``FriendlyName`` on Update an Application, ``AccountSid`` on Update an
    IncomingPhoneNumber …), except where Twilio's own API is lenient in the Twilio dialect
    (:attr:`migrate.emulator._dialects.Dialect.optional`).
    """

    def __init__(
        self,
        dialect: str = "twilio",
        *,
        paging: str = "flat",
        space: str = "example.signalwire.com",
        port: int = 0,
        quiet: bool = True,
        tls: bool = False,
        live: bool = False,
        certificate: tuple[Path, Path] | None = None,
    ) -> None:
        if dialect not in DIALECTS:
            raise ValueError(f"dialect must be one of {sorted(DIALECTS)}")
        self.dialect = DIALECTS[dialect]
        self.state = State(self.dialect, paging=paging, space=space, live=live)
        self.faults = FaultPlan()
        self.log = RequestLog()
        self.app = EmulatorApp(self.state, self.faults, self.log)
        self._port = port
        self._quiet = quiet
        self._tls = tls or certificate is not None
        self._certificate = certificate
        self._tls_dir: tempfile.TemporaryDirectory[str] | None = None
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------------------

    def start(self) -> Emulator:
        app = self.app
        handler = _QuietHandler if self._quiet else WSGIRequestHandler
        context = self._tls_context() if self._tls else None
        self._server = make_server(
            "127.0.0.1", self._port, app, threaded=True, request_handler=handler, ssl_context=context
        )
        self._server.daemon_threads = True  # type: ignore[attr-defined]
        # A short poll interval: stop() waits for the serve loop to notice, once per test.
        server = self._server
        self._thread = threading.Thread(
            target=lambda: server.serve_forever(poll_interval=0.02), name="emulator", daemon=True
        )
        self._thread.start()
        return self

    def _tls_context(self) -> ssl.SSLContext:
        if self._certificate is not None:
            certificate, key = self._certificate
        else:
            self._tls_dir = tempfile.TemporaryDirectory(prefix="emulator-tls-")
            certificate, key = self_signed_certificate(Path(self._tls_dir.name))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certificate, key)
        return context

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._tls_dir is not None:
            self._tls_dir.cleanup()
            self._tls_dir = None

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def host(self) -> str:
        """``127.0.0.1:PORT``: what ``SIGNALWIRE_SPACE_URL`` should be for an SDK that adds ``https://``."""
        if self._server is None:
            raise RuntimeError("emulator not started")
        return f"127.0.0.1:{self._server.server_port}"

    @property
    def url(self) -> str:
        """``http(s)://127.0.0.1:PORT`` — the origin (what a SignalWire ``space_url`` may be set to)."""
        return f"{'https' if self._tls else 'http'}://{self.host}"

    @property
    def ca_bundle(self) -> Path:
        """The self-signed certificate of a ``tls=True`` emulator, to trust (``REQUESTS_CA_BUNDLE``)."""
        if self._tls_dir is None:
            raise RuntimeError("ca_bundle exists only while a tls=True emulator runs")
        return Path(self._tls_dir.name) / "emulator-cert.pem"

    @property
    def base_url(self) -> str:
        """Everything before ``/Accounts``: what a profile's ``base_url`` should be."""
        return self.url + self.dialect.prefix

    # -- seeding ---------------------------------------------------------------------------------------

    def add_account(
        self,
        friendly_name: str = "Emulated account",
        *,
        token: str | None = None,
        sid: str | None = None,
        signing_key: str | None = None,
    ) -> EmulatedAccount:
        """A new account with its own SID (``AC…`` or a UUID, unless given) and token.

        *signing_key* is what the SignalWire dialect signs webhooks with, as the platform uses the
        project's signing key (the token when not given); the Twilio dialect always signs with the token.
        """
        sid = sid or self.dialect.sid("AC")
        account = EmulatedAccount(
            sid=sid,
            token=token or self.dialect.sid("").replace("-", ""),
            friendly_name=friendly_name,
            signing_key=signing_key,
        )
        with self.state.lock:
            self.state.accounts[sid] = account
        return account

    def add_available(self, *numbers: str, iso_country: str = "US", region: str | None = None) -> None:
        """Put E.164 numbers up for sale: only these can be created (bought) through the API."""
        with self.state.lock:
            known = {n.phone_number for n in self.state.available}
            self.state.available.extend(
                AvailableNumber(n, iso_country=iso_country, region=region) for n in numbers if n not in known
            )

    def seed(self, account: EmulatedAccount, resource: str, **fields: Any) -> dict[str, Any]:
        """Create a record directly (no request logged), fields by their response names.

        ``seed(acct, "IncomingPhoneNumbers", phone_number="+1…")`` models a number already in the account
        (bought or ported earlier); fields such as ``trunk_sid`` that the API would not let you write are
        allowed here on purpose, and so are records the API cannot create (calls, conferences,
        participants — give ``conference_sid`` — queue members — give ``queue_sid`` — recordings …).
        """
        handlers = self.app.handlers
        with self.state.lock:
            if resource == "IncomingPhoneNumbers":
                record = number_record(handlers, account, fields.pop("phone_number"), **fields)
            else:
                if resource == "QueueMembers" and "queue_sid" in fields:
                    fields["_queue_sid"] = fields["queue_sid"]
                record = handlers.new(account, resource, **fields)
            return handlers.store(resource, account, record)

    def add_twiml_bin(self, account: EmulatedAccount, contents: str) -> str:
        """A Twilio TwiML Bin; returns its real-looking ``https://handler.twilio.com/twiml/EH…`` URL.

        The emulator serves it at ``{url}/twiml/EH…`` (pass ``handler_origin=emu.url`` to the client).
        """
        if self.dialect.name != "twilio":
            raise ValueError("TwiML Bins exist only on Twilio")
        sid = self.dialect.sid("EH")
        with self.state.lock:
            account.twiml_bins[sid] = contents
        return f"https://handler.twilio.com/twiml/{sid}"

    # -- inspection ------------------------------------------------------------------------------------

    def records(self, account: EmulatedAccount, resource: str) -> list[dict[str, Any]]:
        """The account's current records of *resource*, as the API would render them."""
        with self.state.lock:
            return [self.state.render(resource, r) for r in account.resources[resource].values()]

    @property
    def callbacks(self) -> list[Callback]:
        """Every request the emulator made to an application (documents, status and recording callbacks)."""
        return self.app.handlers.callbacks.entries

    def wait_for_callbacks(self, timeout: float = 10.0, *, sid: str | None = None) -> list[Callback]:
        """Wait until the work started so far is done; :attr:`callbacks` (only *sid*'s, if given)."""
        entries = self.app.handlers.callbacks.wait(timeout)
        return [entry for entry in entries if sid is None or entry.sid == sid]

    def incoming_call(self, account: EmulatedAccount, to: str, from_: str = "+15550009999") -> dict[str, Any]:
        """A call from *from_* comes in to the account's number *to*: its voice settings run.

        The number's ``voice_url`` (or its ``voice_application_sid``'s), with the fallback and status
        callback configured there; returns the call as the API shows it. ``LookupError`` for a number
        the account does not have.
        """
        return self.app.handlers.voice.incoming(account, to, from_)

    def incoming_message(
        self,
        account: EmulatedAccount,
        to: str,
        from_: str = "+15550009999",
        body: str = "",
        media_urls: tuple[str, ...] = (),
    ) -> dict[str, Any]:
        """A message from *from_* comes in to the account's number *to*: its ``sms_url`` is requested.

        The number's (or its ``sms_application_sid``'s) SMS settings, with the fallback; the answer's
        ``<Message>`` verbs become outbound messages. Returns the incoming message as the API shows it;
        ``LookupError`` for a number the account does not have.
        """
        return self.app.handlers.messaging.incoming(account, to, from_, body, list(media_urls))

    @property
    def requests(self) -> list[LoggedRequest]:
        return self.log.entries()

    def writes(self) -> list[LoggedRequest]:
        """Every POST/PUT/DELETE received (whatever its outcome): "a dry run made no writes" is ``== []``."""
        return [entry for entry in self.log.entries() if entry.is_write]

    # -- faults ----------------------------------------------------------------------------------------

    def inject(self, fault: Fault) -> Fault:
        return self.faults.add(fault)

    def fail(self, status: int, *, retry_after: str | None = None, body: Any = None, **match: Any) -> Fault:
        """Answer matching requests with *status* (``method=``, ``path=``, ``after=``, ``times=``)."""
        return self.inject(Fault(status=status, retry_after=retry_after, body=body, **match))

    def drop_connections(self, **match: Any) -> Fault:
        """Close matching connections before handling them (``after=N``: after N requests went through)."""
        return self.inject(Fault(drop=True, **match))

    def lose_responses(self, **match: Any) -> Fault:
        """Handle matching requests, then close the connection: the change happens, the client never hears."""
        return self.inject(Fault(lose_response=True, **match))

    # -- clients ---------------------------------------------------------------------------------------

    def account_for(self, account: EmulatedAccount, name: str = "emulated") -> Account:
        """A :class:`migrate.accounts.Account` pointing at this emulator, for ``RestClient``."""
        return Account(
            name=name,
            kind="twilio" if self.dialect.name == "twilio" else "signalwire",
            account_sid=account.sid,
            token=Secret(account.token),
            base_url=self.base_url,
            credential_source="emulator",
        )

    def profile_toml(self, name: str, account: EmulatedAccount, token_env: str) -> str:
        """An ``[accounts.NAME]`` table for a config file; the token stays in *token_env*."""
        kind = "twilio" if self.dialect.name == "twilio" else "signalwire"
        return (
            f"[accounts.{name}]\n"
            f'kind = "{kind}"\n'
            f'account_sid = "{account.sid}"\n'
            f'token_env = "{token_env}"\n'
            f'base_url = "{self.base_url}"\n'
        )
