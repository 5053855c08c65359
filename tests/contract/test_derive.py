"""The committed contract is exactly what the derivation makes of the spec, and the script behaves."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from migrate.contract import derive
from tests._shared import shared_path
from tests.conftest import PROJECT


def spec_path() -> Path:
    """The spec in the shared material (skipped with the reason when absent, failed when CI requires it)."""
    return shared_path("spec/compatibility-rest-api.txt", "The Compatibility API spec")


def test_committed_contract_is_regenerated_identically_from_the_spec() -> None:
    fresh = derive.render(derive.derive(spec_path().read_text(encoding="utf-8")))
    committed = derive.DATA_FILE.read_text(encoding="utf-8")
    assert fresh == committed, "run: python -m migrate.contract.derive (the contract is out of date)"


def run_derive(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "migrate.contract.derive", *args], capture_output=True, text=True, cwd=PROJECT
    )


def test_check_fails_on_any_difference_and_write_makes_it_pass(tmp_path: Path) -> None:
    spec = spec_path()
    output = tmp_path / "contract.json"
    output.write_text(derive.DATA_FILE.read_text(encoding="utf-8").replace("21602", "21699", 1))
    stale = run_derive(str(spec), "--check", "--output", str(output))
    assert stale.returncode == 1
    assert "out of date" in stale.stderr
    assert run_derive(str(spec), "--output", str(output)).returncode == 0
    assert output.read_text(encoding="utf-8") == derive.DATA_FILE.read_text(encoding="utf-8")
    assert run_derive(str(spec), "--check", "--output", str(output)).returncode == 0


def test_missing_spec_is_a_usage_error(tmp_path: Path) -> None:
    result = run_derive(str(tmp_path / "nope.txt"), "--output", str(tmp_path / "out.json"))
    assert result.returncode == 2
    assert "spec not found" in result.stderr
    assert not (tmp_path / "out.json").exists()


SNIPPET = """\
API Reference
Widgets
Widgets are made up for this test.
Properties
{
"sid": "x",
"size": 3,
"ok": true,
"tags": null,
}
Attribute | |
---|---|
sid string |
The id. |
tags string |
Labels. |
Create a Widget
Create a Widget
curl https://example.signalwire.com/api/laml/2010-04-01/Accounts/{AccountSid}/Widgets.json \\
-X POST \\
--data-urlencode "Size=3" \\
-u "YourProjectID:YourAuthToken"
Response
200 OK
{
"sid": "x",
"size": 3,
}
Parameter | |
---|---|
Name required |
The name, up to 64 characters long. |
Size optional |
Possible values are 1 , 2 , or 3 . Default is 2 . |
Url required*if ApplicationSid is not present |
Where to go. |
List Widgets
curl https://example.signalwire.com/api/laml/2010-04-01/Accounts/{AccountSid}/Widgets.json \\
-u "YourProjectID:YourAuthToken"
Response
200 OK
{
"meta": {"key": "gadgets", "next_page_url": null},
"widgets": [{"sid": "x", "size": 3}, {...}]
}
"""


def test_derivation_reads_tables_examples_limits_and_records_contradictions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(derive, "RESOURCES", (("Widgets", "Widgets"),))
    lines = SNIPPET.splitlines()
    derivation = derive._Derivation(lines)
    widgets = derivation.resource("Widgets", "Widgets", 1, len(lines))
    # tags: null in the sample, string in the table: the table settles the type
    assert widgets["fields"] == {"sid": "string", "size": "integer", "ok": "boolean", "tags": "string"}
    assert widgets["declared_types"] == {"sid": "string", "tags": "string"}
    create, listing = widgets["operations"]
    assert (create["action"], create["status"], create["paths"]["twilio"]) == (
        "create",
        200,
        "/2010-04-01/Accounts/{AccountSid}/Widgets.json",
    )
    name, size, url = create["parameters"]
    assert (name["required"], name["max_length"], name["in"]) == (True, 64, "form")
    assert (size["values"], size["default"], size["required"]) == (["1", "2", "3"], "2", False)
    assert (url["required"], url["required_unless"]) == (False, "ApplicationSid")
    assert listing["response"]["list_key"] == "widgets"
    assert listing["response"]["paging"] == "meta"
    assert listing["status"] == 200
    assert derivation.contradictions == [
        {
            "where": "Widgets: POST /Accounts/{AccountSid}/Widgets.json",
            "what": "the table requires Name; its example omits it",
        },
        {
            "where": "Widgets: GET /Accounts/{AccountSid}/Widgets.json",
            "what": "the example's meta.key is 'gadgets'; its list is under 'widgets'",
        },
    ]


SAID_PUT = """\
API Reference
Widgets
Properties
{
"sid": "x"
}
Update a Widget
curl https://example.signalwire.com/api/laml/2010-04-01/Accounts/{AccountSid}/Widgets/{Sid} \\
-X POST \\
-u "YourProjectID:YourAuthToken"
To update a Widget, make a PUT
request to the Widget resource.
Delete a Widget
curl https://example.signalwire.com/api/laml/2010-04-01/Accounts/{AccountSid}/Widgets/{Sid} \\
-X DELETE \\
-u "YourProjectID:YourAuthToken"
To delete a Widget, make a DELETE
request.
"""


def test_text_naming_another_method_than_the_example_is_a_contradiction_and_both_are_accepted() -> None:
    lines = SAID_PUT.splitlines()
    derivation = derive._Derivation(lines)
    widgets = derivation.resource("Widgets", "Widgets", 1, len(lines))
    update, delete = widgets["operations"]
    assert (update["method"], update["also_methods"]) == ("POST", ["PUT"])
    assert delete["also_methods"] == []  # the text agrees with its example
    assert derivation.contradictions == [
        {
            "where": "Widgets: POST /Accounts/{AccountSid}/Widgets/{Sid}",
            "what": "the text says make a PUT request; its example sends POST (followed: both accepted)",
        }
    ]


def test_a_gap_the_spec_starts_documenting_stops_the_derivation() -> None:
    table = [{"code": 21201, "type": "Generic", "message": "No 'To' number specified"}]
    with pytest.raises(ValueError, match=r"now documents \[21201\]: remove them from GAPS"):
        derive._gaps(table)
