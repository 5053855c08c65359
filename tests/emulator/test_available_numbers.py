"""Numbers for sale with no fixture: the generated inventory answers the spec's searches, and sells them."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from werkzeug.test import Client, TestResponse

from migrate.contract import json_type_ok, load
from migrate.emulator import Emulator

SEARCH = load().resource("AvailablePhoneNumbers").operation("list")
TOLL_FREE = ("+1800", "+1833", "+1844", "+1855", "+1866", "+1877", "+1888")


class Project:
    """An emulator with one project and no numbers seeded, driven through its WSGI application."""

    def __init__(self, dialect: str) -> None:
        self.emulator = Emulator(dialect)
        account = self.emulator.add_account("Inventory")
        self.base = f"{self.emulator.dialect.prefix}/Accounts/{account.sid}"
        credentials = base64.b64encode(f"{account.sid}:{account.token}".encode()).decode()
        self.headers = {"Authorization": f"Basic {credentials}"}
        self.client = Client(self.emulator.app)

    def get(self, path: str, **query: str) -> TestResponse:
        return self.client.get(f"{self.base}/{path}", query_string=query, headers=self.headers)

    def search(self, path: str, **query: str) -> list[dict[str, Any]]:
        response = self.get(path, **query)
        assert response.status_code == 200, response.get_data(as_text=True)
        numbers: list[dict[str, Any]] = response.get_json()["available_phone_numbers"]
        return numbers

    def buy(self, **form: str) -> TestResponse:
        return self.client.post(f"{self.base}/IncomingPhoneNumbers.json", data=form, headers=self.headers)


@pytest.fixture(params=["signalwire", "twilio"])
def project(request: pytest.FixtureRequest) -> Project:
    return Project(request.param)


def test_searches_answer_the_spec_s_examples_with_every_field(project: Project) -> None:
    in_washington = project.search("AvailablePhoneNumbers/US/Local.json", InRegion="WA")
    assert len(in_washington) == 50  # a full default page
    assert in_washington[0]["phone_number"] == "+12532186751"  # the spec's own sample number
    assert {n["region"] for n in in_washington} == {"WA"}
    for number in in_washington:
        for name, kind in SEARCH.response.fields.items():  # type: ignore[union-attr]
            assert name in number and json_type_ok(number[name], kind), (name, number)
    pattern = project.search("AvailablePhoneNumbers/US/Local.json", Contains="555", AreaCode="510")
    assert pattern and all(n["phone_number"].startswith("+1510") for n in pattern)
    assert all("555" in n["phone_number"][5:] for n in pattern)
    words = project.search("AvailablePhoneNumbers/US/TollFree.json", Contains="WIN", PageSize="5")
    assert len(words) == 5
    assert all(n["phone_number"].startswith(TOLL_FREE) and "946" in n["phone_number"] for n in words)
    wildcard = project.search("AvailablePhoneNumbers/US/Local.json", Contains="2*9", PageSize="3")
    assert [n["phone_number"][-3] for n in wildcard] == ["2", "2", "2"]
    assert all(n["phone_number"][-1] == "9" for n in wildcard)
    assert project.search("AvailablePhoneNumbers/US/Local.json", FaxEnabled="true") == []
    assert project.search("AvailablePhoneNumbers/US/Local.json", SmsEnabled="true", PageSize="1")
    # The same search, the same answer: a test can rely on the numbers it is offered.
    again = project.search("AvailablePhoneNumbers/US/Local.json", InRegion="WA")
    assert [n["phone_number"] for n in again] == [n["phone_number"] for n in in_washington]


def test_the_countries_the_spec_covers_are_listed_and_others_are_not_found(project: Project) -> None:
    countries = project.get("AvailablePhoneNumbers.json").get_json()["countries"]
    assert {c["country_code"]: c["country"] for c in countries} == {"US": "United States", "CA": "Canada"}
    assert project.get("AvailablePhoneNumbers/US.json").status_code == 200
    toronto = project.search("AvailablePhoneNumbers/CA/Local.json", InRegion="ON", PageSize="2")
    assert [(n["iso_country"], n["phone_number"][:5]) for n in toronto] == [("CA", "+1416")] * 2
    assert project.get("AvailablePhoneNumbers/GB.json").status_code == 404
    assert project.search("AvailablePhoneNumbers/GB/Local.json") == []


def test_a_number_found_is_bought_once_and_leaves_the_inventory(project: Project) -> None:
    (offered,) = project.search("AvailablePhoneNumbers/US/Local.json", Contains="555", PageSize="1")
    bought = project.buy(PhoneNumber=offered["phone_number"], VoiceUrl="https://example.com/voice")
    assert bought.status_code in (200, 201), bought.get_data(as_text=True)
    assert (bought.get_json()["phone_number"], bought.get_json()["voice_url"]) == (
        offered["phone_number"],
        "https://example.com/voice",
    )
    owned = project.get("IncomingPhoneNumbers.json").get_json()["incoming_phone_numbers"]
    assert [n["phone_number"] for n in owned] == [offered["phone_number"]]
    (next_offer,) = project.search("AvailablePhoneNumbers/US/Local.json", Contains="555", PageSize="1")
    assert next_offer["phone_number"] != offered["phone_number"]
    again = project.buy(PhoneNumber=offered["phone_number"])
    assert again.status_code in (400, 422) and "21422" in again.get_data(as_text=True)
    by_area = project.buy(AreaCode="604")
    assert by_area.status_code in (200, 201) and by_area.get_json()["phone_number"].startswith("+1604")
    abroad = project.buy(PhoneNumber="+442071838750")  # not a number of the inventory
    assert abroad.status_code in (400, 422) and "21422" in abroad.get_data(as_text=True)


def test_a_seeded_pool_is_the_only_inventory() -> None:
    project = Project("signalwire")
    project.emulator.add_available("+15550100099")
    assert [n["phone_number"] for n in project.search("AvailablePhoneNumbers/US/Local.json")] == [
        "+15550100099"
    ]
    assert project.buy(PhoneNumber="+12532186751").status_code == 422
