"""Helpers for the codemod tests (a uniquely named module: ``conftest`` is ambiguous across test folders)."""

from __future__ import annotations

import tempfile
import textwrap
from pathlib import Path

from codemods import Finding, Target, migrate_source

SPACE = "example.signalwire.com"
#: Golden sources are migrated as a file in a folder with no isort/ruff configuration (the defaults apply),
#: wherever pytest runs from.
GOLDEN_PATH = str(Path(tempfile.mkdtemp(prefix="sw-golden-")) / "app.py")


def migrate(
    source: str, target: Target = "signalwire-sdk", space_url: str | None = None, path: str = GOLDEN_PATH
) -> tuple[str, list[Finding]]:
    """Migrate dedented *source*; the result must be stable under a second run (idempotency everywhere)."""
    data = textwrap.dedent(source).encode()
    new, findings = migrate_source(data, path, target, space_url)
    again, _ = migrate_source(new, path, target, space_url)
    assert again == new, "second run changed the file"
    return new.decode(), findings


def codes(findings: list[Finding]) -> list[str]:
    return [finding.code for finding in findings]
