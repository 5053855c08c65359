"""Fixtures for the codemod tests."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest
from codemod_helpers import migrate

from codemods import Finding, Target


@pytest.fixture
def golden() -> Callable[..., list[Finding]]:
    """Assert before → after (both dedented) and return the findings."""

    def check(
        before: str, after: str, target: Target = "signalwire-sdk", space_url: str | None = None
    ) -> list[Finding]:
        result, findings = migrate(before, target, space_url)
        assert result == textwrap.dedent(after)
        return findings

    return check
