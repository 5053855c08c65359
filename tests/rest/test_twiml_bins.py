"""Twilio TwiML Bins have no API: their contents come from a GET of ``URL?AccountSid=AC…``, signed whole."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from twilio.request_validator import RequestValidator

from migrate.emulator import Emulator
from migrate.rest import ApiError, RestClient, RetryPolicy, twilio_signature
from tests._tls_proxy import TlsProxy

XML = "<Response><Say>{{Greeting}}</Say></Response>"


def test_signature_matches_twilio_pythons_validator() -> None:
    url = "https://handler.twilio.com/twiml/EH" + "a" * 32 + "?AccountSid=AC" + "1" * 32
    assert RequestValidator("secret-token").validate(url, {}, twilio_signature("secret-token", url))


def test_fetch_twiml_bin_appends_the_account_and_signs_the_full_url() -> None:
    with Emulator("twilio") as emu:
        owner, stranger = emu.add_account("Owner"), emu.add_account("Stranger")
        url = emu.add_twiml_bin(owner, XML)
        assert url.startswith("https://handler.twilio.com/twiml/EH")
        assert RestClient(emu.account_for(owner)).fetch_twiml_bin(url, handler_origin=emu.url) == XML
        entry = emu.requests[-1]
        assert entry.query == {"AccountSid": owner.sid}
        assert "Authorization" not in entry.headers  # Basic credentials are not sent to the bin host
        signed = f"{emu.url}{entry.path}?AccountSid={owner.sid}"
        assert RequestValidator(owner.token).validate(signed, {}, entry.headers["X-Twilio-Signature"])
        with pytest.raises(ApiError) as caught:  # another account: its SID and token do not own the bin
            RestClient(emu.account_for(stranger)).fetch_twiml_bin(url, handler_origin=emu.url)
        assert caught.value.status == 403


def test_the_handler_refuses_a_fetch_without_the_account_even_if_signed() -> None:
    with Emulator("twilio") as emu:
        owner = emu.add_account()
        bin_url = emu.url + urlsplit(emu.add_twiml_bin(owner, XML)).path
        signature = twilio_signature(owner.token, bin_url)
        answer = requests.get(bin_url, headers={"X-Twilio-Signature": signature}, timeout=5)
        assert answer.status_code == 403 and "Not Authorized" in answer.text


def test_fetch_twiml_bin_retries_and_refuses_non_bins_and_plain_http() -> None:
    with Emulator("twilio") as emu:
        owner = emu.add_account()
        url = emu.add_twiml_bin(owner, XML)
        client = RestClient(emu.account_for(owner), retry=RetryPolicy(sleep=lambda _s: None))
        emu.fail(503, path="/twiml/")
        assert client.fetch_twiml_bin(url, handler_origin=emu.url) == XML
        assert [r.query for r in emu.requests] == [{"AccountSid": owner.sid}] * 2  # retried, same URL
        with pytest.raises(ValueError, match="not a TwiML Bin URL"):
            client.fetch_twiml_bin("https://example.com/twiml/EH" + "0" * 32, handler_origin=emu.url)
        with pytest.raises(ValueError, match="only allowed for loopback"):
            client.fetch_twiml_bin(url, handler_origin="http://handler.twilio.com")


def test_a_loopback_api_origin_still_fetches_bins_through_the_environment_proxy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Proxies are chosen per request host: the emulator directly, handler.twilio.com via HTTPS_PROXY."""
    with Emulator("twilio", tls=True) as emu:
        owner = emu.add_account()
        url = emu.add_twiml_bin(owner, XML)
        with TlsProxy({"handler.twilio.com": int(emu.host.rsplit(":", 1)[1])}, tmp_path) as proxy:
            bundle = tmp_path / "bundle.pem"  # the proxy's CA and the emulator's own certificate
            bundle.write_text(proxy.ca.read_text() + emu.ca_bundle.read_text())
            for name in ("HTTPS_PROXY", "https_proxy"):
                monkeypatch.setenv(name, proxy.url)
            monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(bundle))
            with RestClient(emu.account_for(owner), retry=RetryPolicy(max_attempts=1)) as client:
                client.fetch_account()
                assert client.fetch_twiml_bin(url) == XML  # the real handler origin
            assert [(s.host, s.method) for s in proxy.seen] == [("handler.twilio.com", "GET")]
        hosts = [r.headers["Host"] for r in emu.requests]
        assert hosts == [emu.host, "handler.twilio.com"]
