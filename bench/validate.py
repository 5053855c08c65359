"""Validation throughput vs raw lxml parsing on Twilio's published corpus (same documents, same run).

Target (DESIGN.md): validation ≥ 1/3 of raw ``lxml.etree.fromstring`` throughput, measured with the
corpus's own dialect (``twiml``). The ``laml`` pass is printed too: there a third of Twilio's documents
have migration findings, whose positions cost more to work out than the document does to check.
Run: ``python bench/validate.py [--rounds N]``; prints documents/s for both and the ratio. Rates are the
fastest pass over the corpus, measured in interleaved rounds, so background load distorts them little.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=10, help="interleaved rounds (default 10)")
    args = parser.parse_args()
    documents = [path.read_bytes() for path in sorted(CORPUS.iterdir())]
    raw_parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    # Interleave the three measurements round by round so a change in machine load hits all of them alike.
    raw = twiml = lamld = 0.0
    for _ in range(args.rounds):
        raw = max(raw, best_rate(lambda d: etree.fromstring(d, raw_parser), documents))
        twiml = max(twiml, best_rate(lambda d: laml.validate(d, dialect="twiml"), documents))
        lamld = max(lamld, best_rate(lambda d: laml.validate(d, dialect="laml"), documents))
    average = sum(map(len, documents)) / len(documents)
    print(f"corpus: {len(documents)} documents, {average:.0f} bytes on average")
    print(f"raw lxml parse:            {raw:10,.0f} documents/s")
    print(f"laml.validate (twiml):     {twiml:10,.0f} documents/s  ({twiml / raw:.2f} x raw parse)")
    print(f"laml.validate (laml):      {lamld:10,.0f} documents/s  ({lamld / raw:.2f} x raw parse)")


if __name__ == "__main__":
    main()
