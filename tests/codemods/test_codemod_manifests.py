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
