"""``sw-migrate sync`` with unlucky input: bad output paths refused up front, hostile bins reported."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from migrate.cli import main
from migrate.emulator import Emulator


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator("signalwire") as emulator:
        yield emulator


def sync(emu: Emulator, tmp_path: Path, *args: str) -> Result:
    old, new = emu.add_account("Old"), emu.add_account("New")
    emu.seed(old, "LamlBins", name="Hello", contents="<Response><Say>Hello</Say></Response>")
    config = tmp_path / "sw-migrate.toml"
    config.write_text(emu.profile_toml("old", old, "OLD_TOKEN") + emu.profile_toml("new", new, "NEW_TOKEN"))
    env = {"OLD_TOKEN": old.token, "NEW_TOKEN": new.token, "NO_PROXY": "127.0.0.1"}
    argv = ["sync", "--from", "old", "--to", "new", "--config", str(config), *args]
    return CliRunner().invoke(main, argv, env=env)


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("--report", "--report {tmp}/missing/r.json: folder {tmp}/missing does not exist"),
        ("--state", "--state {tmp}/missing/r.json: folder {tmp}/missing does not exist"),
    ],
)
def test_unwritable_output_path_is_refused_before_any_write(
    emu: Emulator, tmp_path: Path, option: str, message: str
) -> None:
    result = sync(emu, tmp_path, "--yes", option, str(tmp_path / "missing" / "r.json"))
    assert result.exit_code == 2
    assert result.output == f"Error: {message.format(tmp=tmp_path)}\n"
    assert emu.writes() == []


def test_deeply_nested_bin_from_folder_is_reported_not_a_crash(emu: Emulator, tmp_path: Path) -> None:
    bins = tmp_path / "bins"
    bins.mkdir()
    (bins / "Deep.xml").write_text("<Response><Say>" + "{{^a}}" * 600 + "{{/a}}" * 600 + "</Say></Response>")
    result = sync(emu, tmp_path, "--dry-run", "--bins-from", str(bins))
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "LAML304" in result.output
