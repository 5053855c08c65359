"""Project settings ([tool.sw-migrate] / sw-migrate.toml), suppression comments in documents, and
--select/--ignore, as users of ``validate`` and ``codemod`` see them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrate.cli import main

UNKNOWN_ATTRIBUTE = b'<Response>\n  <Say lenguage="en-US">Hello</Say>\n</Response>\n'
GOOGLE = b'<Response>\n  <Say voice="Google.en-US-Standard-C">Hello</Say>\n</Response>\n'
TWILIO = b"from twilio.rest import Client\nclient = Client(sid, token)\n"


def run(where: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(where)
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def codes(stdout: str) -> list[str]:
    return [d["code"] for d in json.loads(stdout)["diagnostics"]]


def test_pyproject_settings_apply_and_the_command_line_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.sw-migrate]\nignore = ["LAML105"]\n'
    )
    (tmp_path / "doc.xml").write_bytes(UNKNOWN_ATTRIBUTE)
    code, out, _ = run(tmp_path, monkeypatch, "validate", "--format", "json", "doc.xml")
    assert (code, codes(out)) == (0, [])
    code, out, _ = run(tmp_path, monkeypatch, "validate", "--format", "json", "--ignore", "LAML2", "doc.xml")
    assert codes(out) == ["LAML105"]  # --ignore replaced the settings' ignore


def test_the_nearest_settings_win_and_files_without_settings_are_passed_by(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.sw-migrate]\ndialect = "twiml"\n')
    app = tmp_path / "app"
    app.mkdir()
    (app / "pyproject.toml").write_text('[project]\nname = "app"\n')  # no [tool.sw-migrate]: not settings
    (app / "sw-migrate.toml").write_text('[accounts.old]\nkind = "twilio"\n')  # profiles only: not settings
    (app / "doc.xml").write_bytes(GOOGLE)
    assert codes(run(app, monkeypatch, "validate", "--format", "json", "doc.xml")[1]) == []  # twiml
    (app / "sw-migrate.toml").write_text('dialect = "laml"\n\n[accounts.old]\nkind = "twilio"\n')
    assert codes(run(app, monkeypatch, "validate", "--format", "json", "doc.xml")[1]) == ["LAML211"]
    out = run(app, monkeypatch, "validate", "--format", "json", "--dialect", "twiml", "doc.xml")[1]
    assert codes(out) == []


def test_exclude_settings_are_anchored_at_their_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.sw-migrate]\nexclude = ["/app/vendor"]\nextend-exclude = ["generated/"]\n'
    )
    for relative in ["app/vendor/a.xml", "app/generated/b.xml", "app/c.xml", "vendor/d.xml"]:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_bytes(UNKNOWN_ATTRIBUTE)
    out = run(tmp_path / "app", monkeypatch, "validate", "--format", "json", ".")[1]
    assert sorted(d["path"] for d in json.loads(out)["diagnostics"]) == ["c.xml"]
    out = run(tmp_path / "app", monkeypatch, "validate", "--format", "json", "--exclude", "c.xml", ".")[1]
    assert sorted(d["path"] for d in json.loads(out)["diagnostics"]) == [
        "vendor/a.xml"
    ]  # extend-exclude stays


def test_codemod_takes_target_and_space_url_from_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sw-migrate.toml").write_text('space-url = "example.signalwire.com"\ntarget = "twilio-sdk"\n')
    (tmp_path / "app.py").write_bytes(TWILIO)
    code, out, _ = run(tmp_path, monkeypatch, "codemod", "--diff", ".")
    assert code == 0
    assert "from signalwire_space import Client" in out  # the twilio-sdk target's helper
    assert "example.signalwire.com" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[tool.sw-migrate]\nexclued = ["x"]\n', "exclued is not a known setting"),
        ('[tool.sw-migrate]\nexclude = "vendor"\n', "exclude must be a list of strings"),
        ('[tool.sw-migrate]\ndialect = "cxml"\n', "dialect must be one of laml, twiml, not 'cxml'"),
        ("[tool.sw-migrate\n", "cannot read settings"),
    ],
)
def test_a_broken_settings_file_stops_the_run_with_one_line_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, message: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(content)
    (tmp_path / "doc.xml").write_bytes(UNKNOWN_ATTRIBUTE)
    for command in ("validate", "codemod"):
        code, _, err = run(tmp_path, monkeypatch, command, "doc.xml")
        assert code == 2
        [line] = err.splitlines()  # the file is wrong, not the command line: no usage text
        assert line.startswith(f"Error: {tmp_path / 'pyproject.toml'}: ") and message in line


SUPPRESSED = b"""<Response>
  <!-- sw-migrate: ignore LAML210 -->
  <Dial>
    <Client>alice</Client>
  </Dial>
  <Dial><Client>bob</Client></Dial>
  <!-- sw-migrate: ignore LAML105, LAML211 -->
  <Say lenguage="en-US" voice="Google.en-US-Standard-C">Hi</Say>
  <Say lenguage="en-US">Hi</Say>
</Response>
"""


def test_an_ignore_comment_covers_the_next_element_and_only_its_codes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "doc.xml").write_bytes(SUPPRESSED)
    out = run(tmp_path, monkeypatch, "validate", "--format", "json", "doc.xml")[1]
    found = [(d["line"], d["code"]) for d in json.loads(out)["diagnostics"]]
    assert found == [(6, "LAML210"), (9, "LAML105")]
    (tmp_path / "doc.xml").write_bytes(b"<!-- sw-migrate: ignore -->\n" + SUPPRESSED)
    code, out, _ = run(tmp_path, monkeypatch, "validate", "doc.xml")
    assert (code, out) == (0, "Checked 1 document: no problems.\n")


#: Three unknown attributes on one line after characters outside the BMP: the comment covers the middle one.
ONE_LINE = (
    "<Response><Say>h\u00e9llo \U0001f600</Say><!-- sw-migrate: ignore LAML105 -->"
    '<Say lenguage="x">a</Say><Say lenguage="y">b</Say></Response>\n'
)


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-16"),  # with a BOM
        lambda text: text.encode("utf-32"),
        lambda text: ('<?xml version="1.0" encoding="UTF-16"?>' + text).encode("utf-16-be"),  # no BOM
        lambda text: ('<?xml version="1.0" encoding="UTF-32"?>' + text).encode("utf-32-le"),
        lambda text: text.encode("utf-8-sig"),
    ],
    ids=["utf-16", "utf-32", "utf-16-be-declared", "utf-32-le-declared", "utf-8-bom"],
)
def test_ignore_comments_work_in_every_encoding_the_validator_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encode: Callable[[str], bytes]
) -> None:
    (tmp_path / "doc.xml").write_bytes(encode(SUPPRESSED.decode()))
    out = run(tmp_path, monkeypatch, "validate", "--format", "json", "doc.xml")[1]
    assert [(d["line"], d["code"]) for d in json.loads(out)["diagnostics"]] == [
        (6, "LAML210"),
        (9, "LAML105"),
    ]
    # Columns: the comment covers exactly the element after it, wherever the validator places the findings.
    (tmp_path / "doc.xml").write_bytes(encode(ONE_LINE.replace("ignore", "ignorf")))
    every = json.loads(run(tmp_path, monkeypatch, "validate", "--format", "json", "doc.xml")[1])[
        "diagnostics"
    ]
    (tmp_path / "doc.xml").write_bytes(encode(ONE_LINE))
    out = run(tmp_path, monkeypatch, "validate", "--format", "json", "doc.xml")[1]
    assert len(every) == 2 and json.loads(out)["diagnostics"] == every[1:]


def test_select_and_ignore_for_validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "doc.xml").write_bytes(SUPPRESSED)
    out = run(tmp_path, monkeypatch, "validate", "--format", "json", "--select", "LAML1", "doc.xml")[1]
    assert set(codes(out)) == {"LAML105"}
    out = run(
        tmp_path, monkeypatch, "validate", "--format", "json", "--ignore", "LAML105,LAML210", "doc.xml"
    )[1]
    assert codes(out) == []


def test_only_call_control_passes_over_named_files_for_pre_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pom.xml").write_bytes(b"<project><modelVersion>4.0.0</modelVersion></project>\n")
    (tmp_path / "doc.xml").write_bytes(UNKNOWN_ATTRIBUTE)
    code, out, _ = run(tmp_path, monkeypatch, "validate", "--only-call-control", "pom.xml", "doc.xml")
    assert code == 0
    assert "pom.xml" not in out.split("Checked")[0] and "doc.xml:2:8: LAML105" in out
    assert "Passed over 1 XML file that is not call-control" in out


def _nested(root: Path) -> None:
    """A repository whose ``app/`` has its own settings: twiml at the top, laml and an exclude in app/."""
    root.mkdir(exist_ok=True)
    (root / "pyproject.toml").write_text('[tool.sw-migrate]\ndialect = "twiml"\nextend-exclude = ["skip/"]\n')
    (root / "app").mkdir()
    (root / "app" / "sw-migrate.toml").write_text('dialect = "laml"\nexclude = ["/vendor"]\n')
    for relative in ["top.xml", "app/doc.xml", "app/vendor/v.xml", "vendor/v.xml", "app/skip/s.xml"]:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(GOOGLE)


def _found(out: str) -> list[tuple[str, str]]:
    return sorted((Path(d["path"]).as_posix(), d["code"]) for d in json.loads(out)["diagnostics"])


def test_each_file_gets_the_settings_nearest_to_it_wherever_the_command_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _nested(tmp_path / "repo")
    # app/vendor is excluded by app's own pattern (anchored at app/), the top vendor/ is not; app's
    # settings replace the top ones (not merged), so the top extend-exclude does not reach app/skip.
    expected = [("app/doc.xml", "LAML211"), ("app/skip/s.xml", "LAML211")]
    code, out, _ = run(tmp_path / "repo", monkeypatch, "validate", "--format", "json", ".")
    assert (code, _found(out)) == (0, expected)  # LAML211 is a warning
    code, out, _ = run(tmp_path, monkeypatch, "validate", "--format", "json", "repo")
    assert _found(out) == [(f"repo/{path}", found) for path, found in expected]
    code, out, _ = run(tmp_path / "repo" / "app", monkeypatch, "validate", "--format", "json", "../top.xml")
    assert (code, _found(out)) == (0, [])  # the top settings (twiml), though run from app/
    # --exclude replaces every settings file's exclude (app/vendor is checked again); extend-exclude stays.
    out = run(tmp_path / "repo", monkeypatch, "validate", "--format", "json", "--exclude", "doc.xml", ".")[1]
    assert _found(out) == [("app/skip/s.xml", "LAML211"), ("app/vendor/v.xml", "LAML211")]
    # Standard input has no folder of its own: the working directory's settings apply.
    monkeypatch.chdir(tmp_path / "repo" / "app")
    result = CliRunner().invoke(main, ["validate", "--format", "json", "-"], input=GOOGLE)
    assert _found(result.stdout) == [("<stdin>", "LAML211")]
    monkeypatch.chdir(tmp_path / "repo")
    result = CliRunner().invoke(main, ["validate", "--format", "json", "-"], input=GOOGLE)
    assert _found(result.stdout) == []


def test_codemod_takes_each_files_own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hosted = b'from twilio.rest import Client\nURL = "https://demo-1.twil.io/x"\n'
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "sw-migrate.toml").write_text('ignore = ["SW110"]\nmax-file-size = 100\n')
    (tmp_path / "app" / "hosted.py").write_bytes(hosted)
    (tmp_path / "app" / "big.py").write_bytes(hosted + b"#" * 100 + b"\n")
    (tmp_path / "hosted.py").write_bytes(hosted)
    code, out, _ = run(tmp_path, monkeypatch, "codemod", ".")
    assert code == 1
    assert out.splitlines() == [
        "app/big.py:1:1: SW906 larger than 100 bytes (--max-file-size): not migrated",
        "hosted.py:2:7: SW110 Twilio-hosted URL https://demo-1.twil.io/x (a Twilio Function or Asset): host"
        " what it serves yourself",
    ]
    assert (tmp_path / "app" / "hosted.py").read_bytes() == hosted.replace(b"twilio.rest", b"signalwire.rest")
    assert b"# sw-migrate: SW110" in (tmp_path / "hosted.py").read_bytes()
    code, out, _ = run(tmp_path, monkeypatch, "codemod", "--max-file-size", "1000", "app/big.py")
    assert (code, out) == (0, "")  # the command line wins over the settings' max-file-size


def test_config_names_one_settings_file_for_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _nested(tmp_path)
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "lint.toml").write_text('dialect = "twiml"\n')
    code, out, _ = run(tmp_path, monkeypatch, "validate", "--format", "json", "--config", "ci/lint.toml", ".")
    assert (code, _found(out), json.loads(out)["files"]) == (0, [], 5)  # twiml everywhere, app's unused
    # Patterns are anchored at the settings file's folder: in ci/ they name ci/vendor and ci/app.
    (tmp_path / "ci" / "lint.toml").write_text('exclude = ["/vendor", "app/"]\n')
    out = run(tmp_path, monkeypatch, "validate", "--format", "json", "--config", "ci/lint.toml", ".")[1]
    assert len(_found(out)) == 5
    (tmp_path / "lint.toml").write_text('exclude = ["/vendor", "app/"]\n')
    out = run(tmp_path, monkeypatch, "validate", "--format", "json", "--config", "lint.toml", ".")[1]
    assert _found(out) == [("top.xml", "LAML211")]
    out = run(
        tmp_path / "app", monkeypatch, "validate", "--format", "json", "--config", "../lint.toml", ".."
    )[1]
    assert _found(out) == [("../top.xml", "LAML211")]


@pytest.mark.parametrize("command", ["validate", "codemod"])
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.toml", None, "missing.toml: no such settings file"),
        ("ci.toml", 'dialect = "laml"\nmax-file-size = 0\n', "ci.toml: max-file-size must be a whole number"),
        ("ci.toml", "max-file-size = true\n", "ci.toml: max-file-size must be a whole number"),
        ("ci.toml", 'space-url = "a\\"b"\n', "ci.toml: space-url must be a host name without quotes"),
        ("ci.toml", 'selct = ["SW1"]\n', "ci.toml: selct is not a known setting"),
        ("pyproject.toml", '[project]\nname = "x"\n', "pyproject.toml: has no [tool.sw-migrate] table"),
    ],
)
def test_a_missing_or_bad_config_file_exits_2_naming_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    name: str,
    content: str | None,
    message: str,
) -> None:
    if content is not None:
        (tmp_path / name).write_text(content)
    (tmp_path / "doc.xml").write_bytes(GOOGLE)
    code, _, err = run(tmp_path, monkeypatch, command, "--config", name, "doc.xml")
    [line] = err.splitlines()
    assert code == 2 and line.startswith("Error: ") and message in line, err


def test_a_broken_settings_file_deep_in_the_tree_stops_the_run_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.py").write_bytes(TWILIO)
    (tmp_path / "z" / "deep").mkdir(parents=True)
    (tmp_path / "z" / "deep" / "pyproject.toml").write_text("[tool.sw-migrate]\ntarget = 3\n")
    (tmp_path / "z" / "deep" / "b.py").write_bytes(TWILIO)
    code, _, err = run(tmp_path, monkeypatch, "codemod", ".")
    assert code == 2 and f"{tmp_path / 'z' / 'deep' / 'pyproject.toml'}: target must be a string" in err
    assert (tmp_path / "a.py").read_bytes() == TWILIO


@pytest.mark.parametrize("command", ["validate", "codemod"])
@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--select", "LAML-106", "Invalid value for '--select': names no sw-migrate code: LAML-106"),
        ("--select", "", "Invalid value for '--select': no code given"),
        ("--ignore", "SW110,W291", "Invalid value for '--ignore': names no sw-migrate code: W291"),
    ],
)
def test_a_code_that_names_nothing_is_a_usage_error_not_a_green_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, option: str, value: str, message: str
) -> None:
    """A typo in a CI gate's --select would select nothing and pass every document, as ruff refuses it."""
    (tmp_path / "doc.xml").write_bytes(UNKNOWN_ATTRIBUTE)
    code, _, err = run(tmp_path, monkeypatch, command, option, value, "doc.xml")
    assert code == 2 and f"Error: {message}" in err.splitlines(), err


@pytest.mark.parametrize("key", ["select", "ignore"])
def test_a_settings_code_that_names_nothing_stops_the_run_naming_file_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    (tmp_path / "sw-migrate.toml").write_text(f'{key} = ["SW1", "laml2", "LAML 105"]\n')
    (tmp_path / "doc.xml").write_bytes(UNKNOWN_ATTRIBUTE)
    for command in ("validate", "codemod"):
        code, _, err = run(tmp_path, monkeypatch, command, "doc.xml")
        assert (code, err) == (
            2,
            f"Error: {tmp_path / 'sw-migrate.toml'}: {key} names no sw-migrate code: LAML 105\n",
        )


@pytest.mark.parametrize(("command", "name"), [("validate", "vendor/doc.xml"), ("codemod", "vendor/app.py")])
def test_a_named_file_the_exclude_patterns_drop_is_said_to_be_excluded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, name: str
) -> None:
    """pre-commit names excluded files too: the warning says why nothing was checked, not "no .xml files"."""
    (tmp_path / "pyproject.toml").write_text('[tool.sw-migrate]\nexclude = ["vendor/"]\n')
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "doc.xml").write_bytes(UNKNOWN_ATTRIBUTE)
    (tmp_path / "vendor" / "app.py").write_bytes(TWILIO)
    code, out, err = run(tmp_path, monkeypatch, command, name, f"./{name}")
    assert code == 0 and "LAML" not in out and "would" not in out
    assert err.splitlines()[0] == (
        f"warning: {name}: matched by exclude patterns (settings or --exclude): nothing to check"
    )
