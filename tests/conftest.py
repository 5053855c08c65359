"""Shared fixtures: where the read-only material beside the project lives."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "twiml" / "api-snippets"
TWILIO_XSD = SHARED / "reference" / "twilio-twiml-xsd" / "twiml_v20100401_twilioRealtimeCallSchema.xsd"
PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def corpus_documents() -> dict[str, bytes]:
    """The 202 TwiML documents Twilio published (../shared), by file name."""
    files = sorted(CORPUS.iterdir())
    assert len(files) == 202, f"expected Twilio's 202 published documents in {CORPUS}"
    return {path.name: path.read_bytes() for path in files}
