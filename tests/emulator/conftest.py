"""Fixtures of the emulator tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.emulator._webapp import WebApp


@pytest.fixture
def web() -> Iterator[WebApp]:
    """A stand-in application on 127.0.0.1 (see :mod:`tests.emulator._webapp`), closed after the test."""
    app = WebApp()
    yield app
    app.close()
