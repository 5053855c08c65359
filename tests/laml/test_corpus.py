"""Twilio's own published documents are the ground truth for the twiml dialect."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import xmlschema

import laml

#: Every warning the corpus may produce under --dialect twiml, with why Twilio itself would object.
EXPECTED_TWIML_WARNINGS = {
    # Twilio documents <Sms> as deprecated in favour of <Message> / the Messages API.
    "LAML209": 6,
}


def test_corpus_has_no_errors_under_twiml(corpus_documents: dict[str, bytes]) -> None:
    errors = [
        str(d)
        for name, data in corpus_documents.items()
        for d in laml.validate(data, dialect="twiml", path=name)
        if d.severity is laml.Severity.ERROR
    ]
    assert errors == []


def test_corpus_warnings_under_twiml_are_only_the_listed_ones(corpus_documents: dict[str, bytes]) -> None:
    codes = Counter(
        d.code
        for name, data in corpus_documents.items()
        for d in laml.validate(data, dialect="twiml", path=name)
    )
    assert dict(codes) == EXPECTED_TWIML_WARNINGS


def test_corpus_under_laml_flags_twilio_features_but_nothing_else_breaks(
    corpus_documents: dict[str, bytes],
) -> None:
    """Under --dialect laml they only draw dialect findings, deprecations and SignalWire's own rules."""
    codes = Counter(
        d.code
        for name, data in corpus_documents.items()
        for d in laml.validate(data, dialect="laml", path=name)
    )
    assert set(codes) <= {"LAML210", "LAML209", "LAML207"}
    assert codes["LAML207"] == 1  # twiml__voice__sip__sip-11 mixes <Number> with <Sip>: SignalWire refuses it
    assert codes["LAML210"] > 0  # <Client>, <Conversation>, <Pay paymentConnector> ...


@pytest.fixture(scope="module")
def twilio_schema(twilio_xsd: Path) -> xmlschema.XMLSchema:
    """Twilio's 2018 XSD compiled offline (xmlschema ships xml.xsd, so no network is needed)."""
    return xmlschema.XMLSchema(str(twilio_xsd), allow="local")


def test_every_document_twilios_xsd_accepts_we_accept(
    corpus_documents: dict[str, bytes], twilio_schema: xmlschema.XMLSchema
) -> None:
    accepted = {
        name: data for name, data in corpus_documents.items() if twilio_schema.is_valid(data.decode())
    }
    assert len(accepted) > 100  # the XSD is old and rejects about half of Twilio's own examples
    rejected_by_us = {
        name: [str(d) for d in laml.validate(data, dialect="twiml", path=name)]
        for name, data in accepted.items()
        if any(d.severity is laml.Severity.ERROR for d in laml.validate(data, dialect="twiml"))
    }
    assert rejected_by_us == {}


def test_every_corpus_document_round_trips_through_parse(corpus_documents: dict[str, bytes]) -> None:
    from lxml import etree

    def canonical(data: bytes) -> bytes:
        return etree.tostring(etree.fromstring(data), method="c14n2")

    for name, data in corpus_documents.items():
        assert canonical(str(laml.parse(data)).encode()) == canonical(data), name


def test_validating_from_many_threads_gives_the_same_answers(corpus_documents: dict[str, bytes]) -> None:
    """Each thread parses with its own lxml parsers; sharing one would corrupt results under load."""
    from concurrent.futures import ThreadPoolExecutor

    documents = sorted(corpus_documents.items()) * 5

    def check(item: tuple[str, bytes]) -> list[laml.Diagnostic]:
        name, data = item
        return laml.validate(data, dialect="laml", path=name) + laml.validate(data.decode(), dialect="twiml")

    expected = [check(item) for item in documents]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(check, documents)) == expected
