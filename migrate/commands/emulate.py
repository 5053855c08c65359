"""``sw-migrate emulate``: the Compatibility API on 127.0.0.1, for rehearsals and a migrated app's tests.

One project (``--project``) with the token from ``SW_MIGRATE_EMULATE_TOKEN`` (a random one, printed, when
unset), optionally seeded from a fixture; every operation of the spec, in either dialect. Nothing leaves
the machine: the server listens on loopback only, and callbacks go only to loopback URLs.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import ssl
import threading
from pathlib import Path
from types import FrameType

import click

from migrate.emulator import EmulatedAccount, Emulator, Fault
from migrate.emulator._faults import RULE_SYNTAX, parse_rule
from migrate.emulator._fixture import FixtureError, load_fixture

TOKEN_ENV = "SW_MIGRATE_EMULATE_TOKEN"  # noqa: S105 (the variable's name, not a secret)
SIGNING_KEY_ENV = "SW_MIGRATE_EMULATE_SIGNING_KEY"  # webhooks' X-SignalWire-Signature key (default: token)


def _fault_rules(ctx: click.Context, param: click.Parameter, rules: tuple[str, ...]) -> list[Fault]:
    """``--fault`` texts → faults; a bad rule is a usage error (exit 2) saying what is wrong with it."""
    faults = []
    for rule in rules:
        try:
            faults.append(parse_rule(rule))
        except ValueError as error:
            raise click.BadParameter(f"{rule!r}: {error} (syntax: {RULE_SYNTAX})", ctx, param) from None
    return faults


@click.command()
@click.option("--port", type=click.IntRange(1, 65535), required=True, help="TCP port on 127.0.0.1.")
@click.option(
    "--dialect", type=click.Choice(["signalwire", "twilio"]), default="signalwire", show_default=True
)
@click.option("--project", "project_id", required=True, help="The Project ID (AccountSid) to serve.")
@click.option(
    "--fixture",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON seed: the API's list keys, or `sw-migrate inventory --format json` output.",
)
@click.option(
    "--tls-cert", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="PEM certificate."
)
@click.option(
    "--tls-key", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="PEM private key."
)
@click.option("--live", is_flag=True, help="Leave out the fields the live SignalWire API does not return.")
@click.option(
    "--paging",
    type=click.Choice(["spec", "flat", "meta"]),
    default="spec",
    show_default=True,
    help="List shape: per resource as the spec shows it, or one shape everywhere.",
)
@click.option(
    "--fault",
    "faults",
    metavar="RULE",
    multiple=True,
    callback=_fault_rules,
    help=f"Misbehave on purpose (repeatable): {RULE_SYNTAX}. E.g. 429,retry-after=2,method=POST,times=3.",
)
@click.option(
    "--latency",
    type=click.FloatRange(0, 60),
    default=0.0,
    show_default=True,
    help="Seconds to wait before handling each request.",
)
@click.option("--space", default="example.signalwire.com", show_default=True, help="Host of LamlBin URLs.")
@click.option("--access-log", is_flag=True, help="Print one line per request on stderr.")
def emulate(
    port: int,
    dialect: str,
    project_id: str,
    fixture: Path | None,
    tls_cert: Path | None,
    tls_key: Path | None,
    live: bool,
    paging: str,
    faults: list[Fault],
    latency: float,
    space: str,
    access_log: bool,
) -> None:
    """Serve the Compatibility API on 127.0.0.1 until interrupted.

    Clients use HTTP Basic auth PROJECT:TOKEN and form-encoded bodies. The token is read from
    SW_MIGRATE_EMULATE_TOKEN (when unset, a random one is generated and printed); webhooks are signed with
    SW_MIGRATE_EMULATE_SIGNING_KEY (the token when unset). The line "listening on http://127.0.0.1:PORT"
    says it is ready.

    Exit codes: 0 stopped by Ctrl-C or SIGTERM; 2 usage error (a bad fixture, TLS certificate or key, the
    port in use, a bad --fault rule or --latency).
    """
    if (tls_cert is None) != (tls_key is None):
        raise click.UsageError("--tls-cert and --tls-key go together")
    certificate = (tls_cert, tls_key) if tls_cert is not None and tls_key is not None else None
    if certificate is not None:
        _check_tls(*certificate)
    emulator = Emulator(
        dialect,
        paging=paging,
        space=space,
        port=port,
        quiet=not access_log,
        live=live,
        certificate=certificate,
    )
    for fault in faults:
        emulator.inject(fault)
    emulator.faults.latency = latency
    token = os.environ.get(TOKEN_ENV) or ""
    generated = not token
    account = emulator.add_account(
        "Emulated project",
        token=token or secrets.token_hex(16),
        sid=project_id,
        signing_key=os.environ.get(SIGNING_KEY_ENV) or None,
    )
    if fixture is not None:
        counts = _seed(emulator, account, fixture)
        seeded = ", ".join(f"{count} {key}" for key, count in counts.items()) or "nothing"
        click.echo(f"seeded from {fixture}: {seeded}")
    _check_port(port)
    emulator.start()
    if generated:
        click.echo(f"token (random; set {TOKEN_ENV} to choose one): {account.token}")
    click.echo(f"{dialect} API base URL: {emulator.base_url}  project: {account.sid}")
    if faults or latency:
        click.echo(f"misbehaving on purpose: {len(faults)} fault rule(s), {latency:g} s latency per request")
    click.echo(f"listening on {emulator.url}")
    _serve_until_stopped(emulator)


def _check_port(port: int) -> None:
    """Fail as a usage error when the port is taken (werkzeug would exit 1 with its own message)."""
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            raise click.UsageError(f"cannot listen on 127.0.0.1:{port}: {error.strerror or error}") from None


def _check_tls(certificate: Path, key: Path) -> None:
    """Fail as a usage error when the pair cannot serve TLS (ssl would end the command with a traceback)."""
    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).load_cert_chain(certificate, key)
    except (ssl.SSLError, OSError) as error:
        raise click.UsageError(
            f"--tls-cert {certificate} / --tls-key {key}: not a PEM certificate and its private key ({error})"
        ) from None


def _seed(emulator: Emulator, account: EmulatedAccount, fixture: Path) -> dict[str, int]:
    try:
        document = json.loads(fixture.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise click.BadParameter(f"{fixture}: not readable JSON ({error})", param_hint="--fixture") from None
    try:
        return load_fixture(emulator, account, document)
    except FixtureError as error:
        raise click.BadParameter(f"{fixture}: {error}", param_hint="--fixture") from None


def _serve_until_stopped(emulator: Emulator) -> None:
    """Block until Ctrl-C or SIGTERM, then stop the server cleanly (exit 0 either way)."""
    stopped = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        stopped.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while not stopped.wait(3600):
            pass
    finally:
        emulator.stop()
