"""Lists are followed to the end, lazily, in both documented page shapes."""

from __future__ import annotations

import pytest

from migrate.emulator import Emulator
from migrate.rest import ApiError, RestClient, RetryPolicy


def _seed_applications(emu: Emulator, count: int) -> tuple[RestClient, list[str]]:
    account = emu.add_account()
    names = [f"app-{i:05d}" for i in range(count)]
    for name in names:
        emu.seed(account, "Applications", friendly_name=name)
    return RestClient(emu.account_for(account)), names


@pytest.mark.parametrize(
    ("dialect", "paging"),
    [("twilio", "flat"), ("signalwire", "flat"), ("signalwire", "meta")],
)
def test_paging_over_2500_items_in_both_shapes(dialect: str, paging: str) -> None:
    with Emulator(dialect, paging=paging) as emu:
        client, names = _seed_applications(emu, 2500)
        got = [record["friendly_name"] for record in client.applications.list()]
        assert got == names
        pages = [r for r in emu.requests if r.method == "GET"]
        assert len(pages) == 3  # 1000 + 1000 + 500
        assert pages[0].query["PageSize"] == "1000"
        assert all("PageToken" in p.query for p in pages[1:])  # the next-page URI is followed verbatim


def test_smaller_page_size_and_filters_survive_every_page() -> None:
    with Emulator("twilio") as emu:
        account = emu.add_account()
        for i in range(30):
            emu.seed(account, "Applications", friendly_name="same" if i % 3 == 0 else f"other-{i}")
        client = RestClient(emu.account_for(account), page_size=4)
        found = list(client.applications.list(friendly_name="same"))
        assert len(found) == 10
        assert all(r.query.get("FriendlyName") == "same" for r in emu.requests)
        assert len(emu.requests) == 3


def test_listing_is_lazy() -> None:
    with Emulator("signalwire", paging="meta") as emu:
        client, _ = _seed_applications(emu, 2500)
        first = next(iter(client.applications.list()))
        assert first["friendly_name"] == "app-00000"
        assert len(emu.requests) == 1


def test_laml_bins_page_in_meta_shape_with_substring_filter_and_exact_lookup() -> None:
    with Emulator("signalwire", paging="meta") as emu:
        account = emu.add_account()
        for name in ("Star", "Death Star IVR", "Moon"):
            emu.seed(account, "LamlBins", name=name, contents="<Response/>")
        client = RestClient(emu.account_for(account), page_size=1)
        assert sorted(b["name"] for b in client.laml_bins.list(name="Star")) == ["Death Star IVR", "Star"]
        assert [b["name"] for b in client.laml_bins.lookup("Star")] == ["Star"]


def test_page_size_above_1000_is_refused_by_client_and_emulator() -> None:
    with Emulator("twilio") as emu:
        account = emu.add_account()
        with pytest.raises(ValueError, match="page_size"):
            RestClient(emu.account_for(account), page_size=1001)
        client = RestClient(emu.account_for(account))
        with pytest.raises(ApiError) as caught:
            client.call(
                "GET",
                f"{client.account_url}/Applications.json",
                "read",
                "Applications",
                params={"PageSize": "1001"},
            )
        assert (caught.value.status, caught.value.code) == (400, 20007)


def test_next_page_on_another_host_is_never_followed() -> None:
    """Credentials travel with every request: a page pointing elsewhere is an error, not a redirect."""
    with Emulator("twilio") as emu:
        account = emu.add_account()
        body = {"applications": [], "next_page_uri": "https://evil.example/2010-04-01/Accounts/x.json"}
        emu.fail(200, body=body, method="GET")
        client = RestClient(emu.account_for(account), retry=RetryPolicy(sleep=lambda _s: None))
        with pytest.raises(ApiError, match="refusing to follow"):
            list(client.applications.list())
        assert len(emu.requests) == 1
