"""Shared fixtures: the project's own folder, and the read-only material beside it (see tests/_shared.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from tests._shared import shared_path

PROJECT = Path(__file__).resolve().parents[1]

# CI runs with HYPOTHESIS_PROFILE=ci: a failure then prints the @reproduce_failure blob next to the falsifying
# example, so a failure seen once in a CI log can be replayed exactly on any machine.
settings.register_profile("ci", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def corpus_documents() -> dict[str, bytes]:
    """The 202 TwiML documents Twilio published (shared/corpus), by file name."""
    corpus = shared_path("corpus/twiml/api-snippets", "Twilio's published TwiML documents")
    files = sorted(corpus.iterdir())
    assert len(files) == 202, f"expected Twilio's 202 published documents in {corpus}"
    return {path.name: path.read_bytes() for path in files}


@pytest.fixture(scope="session")
def twilio_xsd() -> Path:
    """Twilio's 2018 TwiML schema (shared/reference)."""
    return shared_path(
        "reference/twilio-twiml-xsd/twiml_v20100401_twilioRealtimeCallSchema.xsd", "Twilio's TwiML XSD"
    )


@pytest.fixture(scope="session")
def twilio_openapi() -> Path:
    """Twilio's OpenAPI description of the 2010-04-01 API (shared/reference)."""
    return shared_path("reference/twilio-openapi/twilio_api_v2010.json", "Twilio's OpenAPI description")
