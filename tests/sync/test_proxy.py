"""A user behind a corporate TLS-inspecting proxy: real API hosts, ``HTTPS_PROXY`` and ``REQUESTS_CA_BUNDLE``.

The profiles carry no ``base_url``: the CLI talks to ``https://api.twilio.com``, ``https://SPACE.signalwire.com``
and ``https://handler.twilio.com`` as it would in production, and every one of those connections goes
through the proxy (which forwards to the emulators), TwiML Bin fetches included.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from migrate.cli import main
from migrate.emulator import Emulator
from tests._tls_proxy import TlsProxy
from tests.sync.conftest import (
    Scenario,
    assert_target_is,
    expected_twilio_to_signalwire,
    seed_target,
    seed_twilio,
)

SPACE = "corp-example.signalwire.com"
HOSTS = ("api.twilio.com", "handler.twilio.com", SPACE)


def port(emulator: Emulator) -> int:
    return int(emulator.host.rsplit(":", 1)[1])


@pytest.fixture
def behind_proxy(tmp_path: Path) -> Iterator[tuple[Scenario, TlsProxy]]:
    with (
        Emulator("twilio", tls=True) as twilio,
        Emulator("signalwire", tls=True, space=SPACE, paging="meta") as signalwire,
    ):
        source, target = twilio.add_account("Old Twilio"), signalwire.add_account("New SignalWire")
        bins, sids = seed_twilio(twilio, source)
        seed_target(signalwire, target)
        routes = {"api.twilio.com": port(twilio), "handler.twilio.com": port(twilio), SPACE: port(signalwire)}
        with TlsProxy(routes, tmp_path) as proxy:
            yield Scenario(twilio, source, signalwire, target, bins, sids), proxy


def sync(scenario: Scenario, proxy: TlsProxy, tmp_path: Path) -> Result:
    config = tmp_path / "sw-migrate.toml"
    config.write_text(
        f'[accounts.old]\nkind = "twilio"\naccount_sid = "{scenario.source.sid}"\ntoken_env = "OLD_TOKEN"\n'
        f'[accounts.new]\nkind = "signalwire"\naccount_sid = "{scenario.target.sid}"\n'
        f'token_env = "NEW_TOKEN"\nspace_url = "{SPACE}"\n'
    )
    env = {
        "OLD_TOKEN": scenario.source.token,
        "NEW_TOKEN": scenario.target.token,
        "HTTPS_PROXY": proxy.url,
        "https_proxy": proxy.url,
        "REQUESTS_CA_BUNDLE": str(proxy.ca),
    }
    argv = ["sync", "--from", "old", "--to", "new", "--config", str(config), "--yes"]
    return CliRunner().invoke(main, [*argv, "--state", str(tmp_path / "state.json")], env=env)


def test_sync_through_a_tls_inspecting_proxy(behind_proxy: tuple[Scenario, TlsProxy], tmp_path: Path) -> None:
    scenario, proxy = behind_proxy
    result = sync(scenario, proxy, tmp_path)
    assert result.exit_code == 0, result.output
    assert "Applied 11 of 11 changes; 0 failed" in result.output
    assert_target_is(scenario, expected_twilio_to_signalwire(scenario))
    assert {seen.host for seen in proxy.seen} == set(HOSTS)

    fetches = [r for r in scenario.source_emu.requests if r.path.startswith("/twiml/")]
    assert len(fetches) == 3 and all(r.status == 200 for r in fetches)  # signed, and accepted
    for fetch in fetches:
        assert fetch.headers["Host"] == "handler.twilio.com"
        assert fetch.query == {"AccountSid": scenario.source.sid} and fetch.headers["X-Twilio-Signature"]
    assert {r.headers["Host"] for r in scenario.target_emu.requests} == {SPACE}

    writes = scenario.target_writes()
    again = sync(scenario, proxy, tmp_path)
    assert again.exit_code == 0, again.output
    assert "Applied 0 of 0 changes" in again.output and scenario.target_writes() == writes
