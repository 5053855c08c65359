"""Shared helpers for the codemod tests: golden comparison through the public API."""

from __future__ import annotations

import textwrap

import pytest

from codemods import Finding, Target, migrate_source

SPACE = "example.signalwire.com"


def migrate(
    source: str, target: Target = "signalwire-sdk", space_url: str | None = SPACE
) -> tuple[str, list[Finding]]:
    """Migrate dedented *source*; the result must be stable under a second run (idempotency everywhere)."""
    data = textwrap.dedent(source).encode()
    new, findings = migrate_source(data, "app.py", target, space_url)
    again, _ = migrate_source(new, "app.py", target, space_url)
    assert again == new, "second run changed the file"
    return new.decode(), findings


def codes(findings: list[Finding]) -> list[str]:
    return [finding.code for finding in findings]


@pytest.fixture
def golden():
    """Assert before → after (both dedented) and return the findings."""

    def check(
        before: str, after: str, target: Target = "signalwire-sdk", space_url: str | None = SPACE
    ) -> list[Finding]:
        result, findings = migrate(before, target, space_url)
        assert result == textwrap.dedent(after)
        return findings

    return check
