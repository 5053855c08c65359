"""Validation throughput vs raw lxml parsing on Twilio's published corpus (same documents, same run).

Target (DESIGN.md, issue 12): validation ≥ 1/3 of raw ``lxml.etree.fromstring`` throughput under either
dialect: ``twiml`` (the corpus's own) and ``laml`` (the default), where a third of Twilio's documents carry
migration findings whose positions are worked out too.
Positions are worked out when a diagnostic's line or column is first read (``laml.Diagnostic``), so
``laml`` measures what ``laml.validate`` returns, and ``laml+pos`` the same with every position read, as the
CLI does when it prints findings.
Run: ``python bench/validate.py [--runs N] [--rounds N]``. Each run measures the four in interleaved rounds
(so a change in machine load hits all of them alike) and keeps each one's fastest pass over the corpus; the
ratios are printed per run and as the range over runs, which is what README quotes.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

import laml

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "twiml" / "api-snippets"


def best_rate(work: Callable[[bytes], object], documents: list[bytes], repeat: int = 20) -> float:
    """Documents per second of the fastest pass over the corpus: the least disturbed by other load."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for document in documents:
            work(document)
        best = min(best, time.perf_counter() - start)
    return len(documents) / best


def one_run(documents: list[bytes], rounds: int) -> tuple[float, float, float, float]:
    """Best rates (raw parse, validate twiml, validate laml, validate laml and read every position) over
    *rounds* interleaved rounds."""
    raw_parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    raw = twiml = lamld = positioned = 0.0
    for _ in range(rounds):
        raw = max(raw, best_rate(lambda d: etree.fromstring(d, raw_parser), documents))
        twiml = max(twiml, best_rate(lambda d: laml.validate(d, dialect="twiml"), documents))
        lamld = max(lamld, best_rate(lambda d: laml.validate(d, dialect="laml"), documents))
        positioned = max(positioned, best_rate(read_positions, documents))
    return raw, twiml, lamld, positioned


def read_positions(document: bytes) -> None:
    for diagnostic in laml.validate(document, dialect="laml"):
        diagnostic.col  # noqa: B018  # reading it works it out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="independent runs to take the range over (5)")
    parser.add_argument("--rounds", type=int, default=4, help="interleaved rounds per run (default 4)")
    args = parser.parse_args()
    documents = [path.read_bytes() for path in sorted(CORPUS.iterdir())]
    average = sum(map(len, documents)) / len(documents)
    with_findings = sum(1 for document in documents if laml.validate(document))
    print(
        f"corpus: {len(documents)} documents, {average:.0f} bytes on average; {with_findings} with findings"
    )
    runs = []
    for number in range(1, args.runs + 1):
        raw, twiml, lamld, positioned = one_run(documents, args.rounds)
        runs.append((raw, twiml, lamld, positioned))
        print(
            f"run {number}: raw parse {raw:9,.0f}/s   twiml {twiml:9,.0f}/s = {twiml / raw:.3f} x"
            f"   laml {lamld:9,.0f}/s = {lamld / raw:.3f} x   laml+pos {positioned / raw:.3f} x"
        )
    labels = ("raw lxml parse", "laml.validate (twiml)", "laml.validate (laml)", "laml, positions read")
    for index, label in enumerate(labels):
        rates = [run[index] for run in runs]
        line = f"{label:22s} {min(rates):9,.0f} - {max(rates):9,.0f} documents/s"
        if index:
            ratios = [run[index] / run[0] for run in runs]
            line += f"   {min(ratios):.2f} - {max(ratios):.2f} x raw parse"
        print(line)


if __name__ == "__main__":
    main()
