"""The committed contract through its public interface (no spec needed: the package carries the data)."""

from __future__ import annotations

import pytest

from migrate.contract import absent_account_subresources, error_code, error_codes, load

RESOURCES = [
    "Accounts",
    "Applications",
    "AvailablePhoneNumbers",
    "Calls",
    "Participants",
    "Conferences",
    "Faxes",
    "FaxMedia",
    "IncomingPhoneNumbers",
    "LamlBins",
    "Messages",
    "Media",
    "Recordings",
    "Transcriptions",
    "Queues",
    "QueueMembers",
]


def test_error_code_table() -> None:
    codes = error_codes()
    assert (min(codes), max(codes), len(codes)) == (10002, 30010, 26)
    assert error_code(12100) == (12100, "Generic", "Document parse failure")
    assert error_code(21602).message == "Message body is required"
    assert error_code(30004).type == "Messaging"
    assert error_code(99999) is None


def test_absent_account_subresources_are_the_null_ones() -> None:
    assert absent_account_subresources() == {
        "notifications",
        "addresses",
        "signing_keys",
        "connect_apps",
        "sip",
        "authorized_connect_apps",
        "usage",
        "keys",
        "short_codes",
    }


def test_sixteen_resources_each_with_operations_in_both_dialects() -> None:
    contract = load()
    assert [r.name for r in contract.resources] == RESOURCES
    for operation in contract.operations:
        assert operation.paths["signalwire"] == "/api/laml/2010-04-01" + operation.path
        expected_twilio = None if operation.resource == "LamlBins" else "/2010-04-01" + operation.path
        assert operation.paths["twilio"] == expected_twilio
        assert operation.status in (200, 201, 204)
    assert len(contract.operations) == 68


@pytest.mark.parametrize(
    ("resource", "action", "required"),
    [
        ("Applications", "create", ["FriendlyName"]),
        ("Applications", "update", ["FriendlyName"]),  # the table says so; its example omits it
        ("IncomingPhoneNumbers", "update", ["AccountSid"]),
        (
            "Messages",
            "create",
            ["To"],
        ),  # From: required unless MessagingServiceSid (a recorded contradiction)
        ("Calls", "create", ["From", "To"]),
        ("LamlBins", "create", ["Name"]),
        ("Recordings", "update", ["Status"]),
    ],
)
def test_required_parameters_follow_the_tables(resource: str, action: str, required: list[str]) -> None:
    operation = load().resource(resource).operation(action)
    assert sorted(p.name for p in operation.required) == sorted(required)


def test_values_limits_and_conditions() -> None:
    contract = load()
    send = contract.resource("Messages").operation("create")
    media = send.parameter("MediaUrl")
    assert media is not None and (media.max_count, media.required_unless) == (10, "Body")
    sender = send.parameter("From")
    assert sender is not None and sender.required_unless == "MessagingServiceSid"
    assert contract.resource("Messages").operation("list").order == "newest_first"
    body = send.parameter("Body")
    assert body is not None and body.required_unless == "MediaUrl"
    call = contract.resource("Calls").operation("create")
    url = call.parameter("Url")
    assert url is not None and url.required_unless == "ApplicationSid"
    status = contract.resource("Recordings").operation("update").parameter("Status")
    assert status is not None and status.values == ("paused", "in-progress", "stopped")
    app = contract.resource("Applications").operation("create").parameter("FriendlyName")
    assert app is not None and app.max_length == 64


def test_statuses_list_keys_and_paging_shapes() -> None:
    contract = load()
    assert contract.resource("Applications").operation("create").status == 200
    assert contract.resource("IncomingPhoneNumbers").operation("create").status == 201
    assert contract.resource("Messages").operation("create").status == 201
    keys = {r.name: r.list_key for r in contract.resources}
    assert keys["IncomingPhoneNumbers"] == "incoming_phone_numbers"
    assert keys["QueueMembers"] == "queue_members"
    shapes = {r.name: r.operation("list").response for r in contract.resources if r.name != "Accounts"}
    assert shapes["LamlBins"].paging == shapes["Faxes"].paging == "meta"  # type: ignore[union-attr]
    assert shapes["Messages"].paging == "flat"  # type: ignore[union-attr]
    message = contract.resource("Messages").fields
    assert (message["num_media"], message["num_segments"], message["price"]) == (
        "integer",
        "integer",
        "number",
    )


def test_match_finds_operations_in_both_dialects() -> None:
    contract = load()
    found = contract.match("POST", "/api/laml/2010-04-01/Accounts/P1/Applications/A1")
    assert found is not None
    operation, dialect, params = found
    assert (operation.id, dialect, params) == (
        "POST /Accounts/{AccountSid}/Applications/{Sid}.json",
        "signalwire",
        {"AccountSid": "P1", "Sid": "A1"},
    )
    front = contract.match("POST", "/2010-04-01/Accounts/AC1/Queues/QU1/Members/Front.json")
    assert front is not None and front[0].path.endswith("/Members/Front.json")
    assert contract.match("GET", "/2010-04-01/Accounts/AC1/LamlBins.json") is None  # SignalWire only
    assert contract.match("GET", "/2010-04-01/Accounts/AC1/Calls") is None  # Twilio needs .json
    assert contract.match("PATCH", "/2010-04-01/Accounts/AC1/Calls.json") is None


def test_contradictions_are_recorded() -> None:
    whats = [c.what for c in load().contradictions]
    assert "the table requires FriendlyName; its example omits it" in whats
    assert any("meta.key is 'faxes'" in what for what in whats)


def test_laml_bins_update_answers_put_as_the_text_says_and_post_as_the_example_does() -> None:
    contract = load()
    path = "/api/laml/2010-04-01/Accounts/P1/LamlBins/B1"
    put, post = contract.match("PUT", path), contract.match("POST", path)
    assert put is not None and post is not None and put[0] is post[0]
    assert (put[0].resource, put[0].action, put[0].method, put[0].also_methods) == (
        "LamlBins",
        "update",
        "POST",
        ("PUT",),
    )
    assert any("make a PUT" in c.what and c.where.startswith("LamlBins") for c in contract.contradictions)
    assert contract.match("PUT", "/api/laml/2010-04-01/Accounts/P1/Applications/A1") is None


def test_codes_the_spec_lacks_are_twilio_s_documented_ones_recorded_once() -> None:
    contract = load()
    calls = contract.resource("Calls").operation("create")
    to, sender = calls.parameter("To"), calls.parameter("From")
    assert to is not None and sender is not None
    assert (to.missing_code, sender.missing_code) == (21201, 21213)
    messages = contract.resource("Messages").operation("create")
    assert [messages.parameter(n).missing_code for n in ("To", "From", "Body")] == [21604, 21603, 21602]  # type: ignore[union-attr]
    applications = contract.resource("Applications").operation("create").parameter("FriendlyName")
    assert applications is not None and applications.missing_code is None  # Twilio's generic 400
    gaps = {gap.code: gap for gap in contract.gaps}
    assert {400, 21201, 21213} <= gaps.keys()
    assert not gaps.keys() & contract.error_codes.keys()
    assert gaps[21201].source == "https://www.twilio.com/docs/api/errors/21201"
    assert contract.meaning(21601) == contract.error_codes[21601]  # unowned From: the spec's own code
    assert contract.meaning(21606) is None
