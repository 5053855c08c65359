"""Validation throughput vs raw lxml parsing on Twilio's published corpus (same documents, same run).

Target (DESIGN.md): validation ≥ 1/3 of raw ``lxml.etree.fromstring`` throughput.
Run: ``python bench/validate.py [--seconds N]``; prints documents/s for both and the ratio.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

import laml

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "twiml" / "api-snippets"


def throughput(work: Callable[[bytes], object], documents: list[bytes], seconds: float) -> float:
    """Documents per second, repeating the whole corpus until *seconds* have passed."""
    done, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        for document in documents:
            work(document)
        done += len(documents)
    return done / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    documents = [path.read_bytes() for path in sorted(CORPUS.iterdir())]
    raw_parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    raw = throughput(lambda d: etree.fromstring(d, raw_parser), documents, args.seconds)
    twiml = throughput(lambda d: laml.validate(d, dialect="twiml"), documents, args.seconds)
    lamld = throughput(lambda d: laml.validate(d, dialect="laml"), documents, args.seconds)
    average = sum(map(len, documents)) / len(documents)
    print(f"corpus: {len(documents)} documents, {average:.0f} bytes on average")
    print(f"raw lxml parse:            {raw:10,.0f} documents/s")
    print(f"laml.validate (twiml):     {twiml:10,.0f} documents/s  ({twiml / raw:.2f} x raw parse)")
    print(f"laml.validate (laml):      {lamld:10,.0f} documents/s  ({lamld / raw:.2f} x raw parse)")


if __name__ == "__main__":
    main()
