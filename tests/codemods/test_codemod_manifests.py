"""Dependency manifests: the twilio requirement follows the target, every other byte stays."""

from __future__ import annotations

import pytest

from codemods._manifests import migrate_manifest


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        (
            "requirements.txt",
            b"flask==3\r\ntwilio==9.0.1  # sms\r\n",
            b"flask==3\r\nsignalwire>=2.1.1  # sms\r\n",
        ),
        ("requirements-dev.txt", b"twilio\n", b"signalwire>=2.1.1\n"),
        (
            "pyproject.toml",
            b'dependencies = ["twilio>=8", "flask"]\n',
            b'dependencies = ["signalwire>=2.1.1", "flask"]\n',
        ),
        (
            "pyproject.toml",
            b'[tool.poetry.dependencies]\ntwilio = "^9.0"\n',
            b'[tool.poetry.dependencies]\nsignalwire = ">=2.1.1"\n',
        ),
        (
            "setup.py",
            b"install_requires=['twilio>=6.3.0', 'Django']\n",
            b"install_requires=['signalwire>=2.1.1', 'Django']\n",
        ),
        ("setup.cfg", b"install_requires =\n    twilio>=6\n", b"install_requires =\n    signalwire>=2.1.1\n"),
        ("Pipfile", b'[packages]\ntwilio = "*"\n', b'[packages]\nsignalwire = ">=2.1.1"\n'),
    ],
)
def test_signalwire_target_replaces_the_twilio_requirement(name: str, before: bytes, after: bytes) -> None:
    result = migrate_manifest(name, before, "signalwire-sdk")
    assert result.data == after
    assert [finding.code for finding in result.findings] == ["SW200"]
    assert migrate_manifest(name, after, "signalwire-sdk").data is None  # idempotent


def test_lookalike_packages_are_left_alone() -> None:
    assert (
        migrate_manifest("requirements.txt", b"twilio-stubs==1\ndjango-twilio\n", "signalwire-sdk").data
        is None
    )


def test_twilio_target_only_moves_legacy_pins() -> None:
    assert migrate_manifest("requirements.txt", b"twilio>=8\n", "twilio-sdk").data is None
    result = migrate_manifest("requirements.txt", b"twilio==5.7.0\n", "twilio-sdk")
    assert result.data == b"twilio>=9\n"


def test_signalwire_sdk_distribution_is_reported() -> None:
    result = migrate_manifest(
        "requirements.txt", b"signalwire>=2.1.1\nsignalwire-sdk>=3\ntwilio\n", "signalwire-sdk"
    )
    assert result.data is None
    assert [(finding.line, finding.code) for finding in result.findings] == [(2, "SW201")]


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        pytest.param(
            "requirements.txt",
            b"twilio[async]>=9.0\n",
            b"signalwire>=2.1.1\n",
            id="extras-are-part-of-the-requirement",
        ),
        pytest.param("requirements.txt", b"Twilio==9.2\n", b"signalwire>=2.1.1\n", id="name-case"),
        pytest.param(
            "requirements.txt",
            b'twilio >= 9 ; python_version >= "3.8"  # sms\n',
            b'signalwire>=2.1.1 ; python_version >= "3.8"  # sms\n',
            id="marker-and-comment-kept",
        ),
        pytest.param("constraints.txt", b"twilio==9.2.3\n", b"signalwire>=2.1.1\n", id="constraints"),
        pytest.param(
            "pyproject.toml",
            b'[project.optional-dependencies]\nsms = [\n  "Twilio[async]~=9.1",\n]\n',
            b'[project.optional-dependencies]\nsms = [\n  "signalwire>=2.1.1",\n]\n',
            id="pep621-extra",
        ),
        pytest.param(
            "pyproject.toml",
            b'[tool.poetry.group.dev.dependencies]\nTwilio = { version = "^9", extras = ["async"] }  # x\n',
            b'[tool.poetry.group.dev.dependencies]\nsignalwire = ">=2.1.1"  # x\n',
            id="poetry-group-inline-table",
        ),
        pytest.param(
            "Pipfile",
            b'[dev-packages]\n"twilio" = ">=9"\n',
            b'[dev-packages]\nsignalwire = ">=2.1.1"\n',
            id="pipfile-quoted-key",
        ),
        pytest.param(
            "setup.cfg",
            b"[options.extras_require]\nsms = twilio>=9\n",
            b"[options.extras_require]\nsms = signalwire>=2.1.1\n",
            id="setup-cfg-extra",
        ),
    ],
)
def test_requirements_are_parsed_not_pattern_matched(name: str, before: bytes, after: bytes) -> None:
    result = migrate_manifest(name, before, "signalwire-sdk")
    assert result.data == after
    assert [finding.code for finding in result.findings] == ["SW200"]
    assert migrate_manifest(name, after, "signalwire-sdk").data is None


@pytest.mark.parametrize(
    "content",
    [
        b"# twilio>=9 is what we used to use\n",
        b"twilio-stubs>=1\n",
        b"-r twilio.txt\n",
        b'[tool.poetry.dependencies]\ntwilio-client = "^1"\n',
    ],
)
def test_only_the_twilio_distribution_is_touched(content: bytes) -> None:
    name = "pyproject.toml" if content.startswith(b"[") else "requirements.txt"
    assert migrate_manifest(name, content, "signalwire-sdk").data is None


def test_twilio_target_keeps_extras_and_markers_when_moving_a_legacy_pin() -> None:
    result = migrate_manifest("requirements.txt", b'Twilio[async]<6 ; python_version > "3"\n', "twilio-sdk")
    assert result.data == b'twilio[async]>=9 ; python_version > "3"\n'
    poetry = b'[tool.poetry.dependencies]\ntwilio = "^5.7"\n'
    assert migrate_manifest("pyproject.toml", poetry, "twilio-sdk").data == (
        b'[tool.poetry.dependencies]\ntwilio = ">=9"\n'
    )
    assert migrate_manifest("pyproject.toml", poetry.replace(b"^5.7", b"^9"), "twilio-sdk").data is None


def test_hashed_requirement_says_the_hashes_must_be_regenerated() -> None:
    result = migrate_manifest("requirements.txt", b"twilio==9.2 --hash=sha256:abc\n", "signalwire-sdk")
    assert result.data == b"signalwire>=2.1.1 --hash=sha256:abc\n"
    assert "regenerate them" in result.findings[0].message


def test_requirement_folders_constraints_and_includes_are_found(tmp_path, monkeypatch) -> None:
    from click.testing import CliRunner

    from migrate.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "requirements").mkdir()
    (tmp_path / "deps").mkdir()
    (tmp_path / "requirements" / "base.txt").write_bytes(b"flask==3.0\r\nTwilio==9.2\r\n")
    (tmp_path / "requirements" / "prod.txt").write_bytes(b"-r base.txt\n-c ../constraints.txt\ngunicorn\n")
    (tmp_path / "constraints.txt").write_bytes(b"twilio<10\n")
    (tmp_path / "requirements-dev.txt").write_bytes(b"-r deps/common.in\n")
    (tmp_path / "deps" / "common.in").write_bytes(b"twilio[async]>=9.0  # the SDK\n")
    result = CliRunner().invoke(main, ["codemod", "."])
    assert result.exit_code == 1, result.output  # SW200 findings: a requirement changed
    assert (tmp_path / "requirements" / "base.txt").read_bytes() == b"flask==3.0\r\nsignalwire>=2.1.1\r\n"
    assert (tmp_path / "constraints.txt").read_bytes() == b"signalwire>=2.1.1\n"
    assert (tmp_path / "deps" / "common.in").read_bytes() == b"signalwire>=2.1.1  # the SDK\n"
    assert "deps/common.in:1:1: SW200 'twilio[async]>=9.0': requirement changed to signalwire>=2.1.1" in (
        result.stdout
    )
    again = CliRunner().invoke(main, ["codemod", "--check", "."])
    assert again.exit_code == 0, again.output
