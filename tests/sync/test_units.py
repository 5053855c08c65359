"""The pieces alone: Handlebars conversion, bin checks, normalisation, and the journal's crash safety."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate.sync.bins import check_bin, convert_handlebars
from migrate.sync.journal import Entry, Journal, JournalError, JournalMismatch
from migrate.sync.model import canonical_contents, normalise

PAIR = (("twilio", "AC1"), ("signalwire", "p-1"))


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{{#if a}}A{{/if}}", "{{#a}}A{{/a}}"),
        ("{{#if a}}A{{else}}B{{/if}}", "{{#a}}A{{/a}}{{^a}}B{{/a}}"),
        ("{{#unless a}}A{{/unless}}", "{{^a}}A{{/a}}"),
        ("{{#unless a}}A{{else}}B{{/unless}}", "{{^a}}A{{/a}}{{#a}}B{{/a}}"),
        (
            "{{#if a}}{{#unless b}}X{{else}}Y{{/unless}}{{else}}Z{{/if}}",
            "{{#a}}{{^b}}X{{/b}}{{#b}}Y{{/b}}{{/a}}{{^a}}Z{{/a}}",
        ),
        ("<Say>{{From}}</Say>", "<Say>{{From}}</Say>"),
    ],
)
def test_mechanical_handlebars_rewrites(template: str, expected: str) -> None:
    assert convert_handlebars(template) == expected


@pytest.mark.parametrize(
    "template",
    ["{{else}}", "{{#if a}}A", "{{#if a}}A{{/unless}}", "{{/if}}"],
)
def test_unbalanced_blocks_are_not_converted(template: str) -> None:
    assert convert_handlebars(template) is None


def test_helpers_and_each_are_reported_not_converted() -> None:
    check = check_bin("b", "<Response>{{#each items}}<Say>{{this}}</Say>{{/each}}</Response>")
    assert not check.ok and not check.converted
    assert any(d.code == "LAML303" for d in check.diagnostics)
    helper = check_bin("h", "<Response><Say>{{uppercase From}}</Say></Response>")
    assert not helper.ok


def test_converted_bin_is_valid_mustache() -> None:
    check = check_bin("c", "<Response>{{#if From}}<Say>Hi {{From}}</Say>{{else}}<Hangup/>{{/if}}</Response>")
    assert check.ok and check.converted
    assert (
        check.contents
        == "<Response>{{#From}}<Say>Hi {{From}}</Say>{{/From}}{{^From}}<Hangup/>{{/From}}</Response>"
    )


@pytest.mark.parametrize(
    ("name", "raw", "value"),
    [
        ("voice_url", "", None),
        ("voice_url", None, None),
        ("voice_method", None, "POST"),
        ("voice_method", "get", "GET"),
        ("voice_caller_id_lookup", "true", True),
        ("voice_caller_id_lookup", None, False),
        ("voice_receive_mode", "", "voice"),
    ],
)
def test_blank_and_null_are_both_unset(name: str, raw: object, value: object) -> None:
    assert normalise(name, raw) == value


@pytest.mark.parametrize(
    "text",
    [
        "<Response><Say>Hi</Say></Response>\n",
        "\ufeff<Response><Say>Hi</Say></Response>",
        "  <Response><Say>Hi</Say></Response>\r\n\r\n",
    ],
)
def test_bin_contents_compare_canonically(text: str) -> None:
    assert normalise("contents", text) == "<Response><Say>Hi</Say></Response>"
    assert canonical_contents("<Response>\r\n<Say>Hi</Say>\r</Response>") == (
        "<Response>\n<Say>Hi</Say>\n</Response>"
    )


def test_journal_keeps_what_was_written_across_checkpoints_and_restarts(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    journal = Journal.load(state, *PAIR)
    written = {"message_status_callback": "https://example.com/ms", "voice_caller_id_lookup": True}
    journal.record("applications", "AP1", Entry("a-1", None, written))
    journal.close()
    replayed = Journal.load(state, *PAIR)  # from the log
    assert replayed.get("applications", "AP1") == Entry("a-1", None, written)
    replayed.checkpoint([("applications", "AP1", Entry("a-1"))])  # matched again: not a new write
    assert Journal.load(state, *PAIR).get("applications", "AP1") == Entry("a-1", None, written)
    replayed.checkpoint([("applications", "AP1", Entry("a-9"))])  # another target resource now
    assert Journal.load(state, *PAIR).get("applications", "AP1") == Entry("a-9")


def test_journal_replays_its_log_and_discards_a_torn_line(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    journal = Journal.load(state, *PAIR)
    journal.checkpoint([("bins", "EH1", Entry("b-1", "https://x/laml-bins/b-1"))])
    journal.record("applications", "AP1", Entry("a-1"))
    journal.record("applications", "AP2", Entry("a-2"))
    journal.close()
    log = tmp_path / "state.json.log"
    with log.open("a", encoding="utf-8") as handle:
        handle.write('{"kind": "numbers", "source_sid": "PN1", "targ')  # killed mid-write
    again = Journal.load(state, *PAIR)
    assert again.get("bins", "EH1") == Entry("b-1", "https://x/laml-bins/b-1")
    assert again.get("applications", "AP2") == Entry("a-2")
    assert again.get("numbers", "PN1") is None
    again.checkpoint()
    assert not log.exists() and len(Journal.load(state, *PAIR)) == 3
    assert "token" not in state.read_text()


def test_journal_refuses_another_pair_and_garbage(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    Journal.load(state, *PAIR).checkpoint()
    with pytest.raises(JournalMismatch) as mismatch:
        Journal.load(state, ("signalwire", "p-2"), ("signalwire", "p-1"))
    assert str(mismatch.value) == (
        f"state file {state} records a sync from twilio account AC1 to signalwire project p-1, "
        "not from signalwire project p-2 to signalwire project p-1"
    )
    state.write_text("{not json")
    with pytest.raises(JournalError, match="cannot read"):
        Journal.load(state, *PAIR)
