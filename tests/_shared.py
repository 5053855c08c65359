"""Material the suite reads from outside the project: the folder ``shared`` beside the clone.

The public TwiML corpus, Twilio's XSD and Twilio's OpenAPI description are oracles the project must not copy.
A user's clone has nothing beside it, so a test that needs one of them is skipped with a reason naming the
missing file and the variable that points the suite at the folder (``SW_MIGRATE_SHARED``). CI sets
``SW_MIGRATE_REQUIRE_SHARED=1``: there a missing file fails the test, so the oracles cannot drop out of CI
unnoticed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_ENV = "SW_MIGRATE_SHARED"
REQUIRE_ENV = "SW_MIGRATE_REQUIRE_SHARED"
#: Where a checkout keeps the material when nothing says otherwise: ``../shared`` beside the project.
DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_folder() -> Path:
    """The folder holding the shared material: ``$SW_MIGRATE_SHARED`` when set, else ``../shared``."""
    named = os.environ.get(SHARED_ENV)
    return Path(named) if named else DEFAULT_SHARED


def shared_path(relative: str, what: str) -> Path:
    """*relative* inside the shared folder; skips the calling test (fails it under CI) when it is absent."""
    path = shared_folder() / relative
    if path.exists():
        return path
    reason = f"{what} not found: {path} is missing; set {SHARED_ENV} to the folder that holds {relative}"
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"{reason} ({REQUIRE_ENV} is set: CI requires it)", pytrace=False)
    pytest.skip(reason)
