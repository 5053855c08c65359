"""Helpers for the codemod tests (a uniquely named module: ``conftest`` is ambiguous across test folders)."""

from __future__ import annotations

import textwrap

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
