"""Every documented error body shape becomes one ApiError with the facts a person needs."""

from __future__ import annotations

import pytest

from migrate.emulator import EmulatedAccount, Emulator
from migrate.rest import ApiError, RestClient, parse_error_body


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            b'{"code": 20404, "message": "Not found", '
            b'"more_info": "https://www.twilio.com/docs/errors/20404", "status": 404}',
            (20404, "Not found", "https://www.twilio.com/docs/errors/20404"),
        ),
        (
            b'{"errors": [{"code": "21422", "message": "not available", "more_info": "https://x/21422"},'
            b' {"code": "2", "message": "second"}]}',
            (21422, "not available; second", "https://x/21422"),
        ),
        (
            b'{"errors": ["Name can\'t be blank", "Contents is too long"]}',
            (None, "Name can't be blank; Contents is too long", None),
        ),
        (b'{"code": "invalid_parameter", "message": "bad"}', ("invalid_parameter", "bad", None)),
        (
            b"<html><body><h1>502 Bad Gateway</h1></body></html>",
            (None, "<html><body><h1>502 Bad Gateway</h1></body></html>", None),
        ),
        (b"", (None, "Bad Gateway", None)),
        (b"[1, 2]", (None, "Bad Gateway", None)),
    ],
)
def test_parse_error_body_shapes(body: bytes, expected: tuple[object, str, object]) -> None:
    assert parse_error_body(body, "Bad Gateway") == expected


def test_twilio_404_carries_method_resource_sid_status_code_and_request_id(
    emu: Emulator, client: RestClient
) -> None:
    with pytest.raises(ApiError) as caught:
        client.applications.fetch("AP" + "0" * 32)
    error = caught.value
    assert (error.method, error.resource, error.sid, error.status, error.code) == (
        "GET",
        "Applications",
        "AP" + "0" * 32,
        404,
        20404,
    )
    if emu.dialect.name == "twilio":
        assert error.more_info == "https://www.twilio.com/docs/errors/20404"
    else:  # SignalWire's links point at SignalWire's error-code reference, never at twilio.com
        assert error.more_info.startswith("https://developer.signalwire.com/") and "20404" in error.more_info
    assert error.request_id
    assert "GET Applications/AP000" in str(error) and "HTTP 404" in str(error)


def test_validation_error_is_400_on_twilio_and_422_errors_list_on_signalwire(
    emu: Emulator, client: RestClient
) -> None:
    with pytest.raises(ApiError) as caught:
        client.incoming_phone_numbers.create({"phone_number": "+15550009999"})
    error = caught.value
    assert error.code == 21422
    assert "not available" in error.message
    if emu.dialect.name == "twilio":
        assert error.status == 400
        assert error.more_info == "https://www.twilio.com/docs/errors/21422"
    else:
        assert error.status == 422
        assert error.more_info and "21422" in error.more_info


def test_signalwire_list_of_strings_error_and_409_conflict() -> None:
    with Emulator("signalwire") as emu:
        account = emu.add_account()
        emu.add_available("+15551230001")
        client = RestClient(emu.account_for(account))
        emu.fail(422, body={"errors": ["Name can't be blank"]}, method="POST", path="/LamlBins")
        with pytest.raises(ApiError) as blank:
            client.laml_bins.create({"name": "Greeting", "contents": "<Response/>"})
        assert (blank.value.status, blank.value.message) == (422, "Name can't be blank")
        app = client.applications.create({"friendly_name": "IVR"})
        client.incoming_phone_numbers.create(
            {"phone_number": "+15551230001", "voice_application_sid": app["sid"]}
        )
        with pytest.raises(ApiError) as conflict:
            client.applications.delete(app["sid"])
        assert conflict.value.status == 409
        assert "+15551230001" in conflict.value.message


def test_html_error_page_from_a_proxy_is_summarised(emu: Emulator, client: RestClient) -> None:
    emu.fail(502, body="<html><body>\n<h1>Bad gateway</h1>\n</body></html>", method="DELETE", times=None)
    with pytest.raises(ApiError) as caught:
        client.applications.delete("AP" + "1" * 32)
    assert caught.value.status == 502
    assert caught.value.message.startswith("<html><body> <h1>Bad gateway</h1> </body></html>")
    assert caught.value.message.endswith("(gave up after 4 attempts)")


def test_another_accounts_sid_is_404_not_403(
    emu: Emulator, client: RestClient, account: EmulatedAccount
) -> None:
    other = emu.add_account("Other")
    theirs = emu.seed(other, "Applications", friendly_name="theirs")
    with pytest.raises(ApiError) as caught:
        client.applications.fetch(theirs["sid"])
    assert caught.value.status == 404
    foreign = RestClient(emu.account_for(other))
    foreign.account_url = client.account_url  # other's credentials on this account's path
    with pytest.raises(ApiError) as cross:
        foreign.applications.fetch(theirs["sid"])
    assert cross.value.status == 404


def test_bad_credentials_are_401(emu: Emulator, account: EmulatedAccount) -> None:
    wrong = EmulatedAccount(sid=account.sid, token="not-the-token", friendly_name="x")
    with pytest.raises(ApiError) as caught:
        RestClient(emu.account_for(wrong)).fetch_account()
    assert (caught.value.status, caught.value.code) == (401, 20003)
