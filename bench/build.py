"""Builder throughput: the same documents built with ``laml`` and with twilio-python, in the same run.

Target (issue #2): laml builds at least as many documents per second as twilio-python (ratio ≥ 1).
The documents are Twilio's published corpus, parsed once into a recipe of builder calls that both libraries
replay. Run: ``python bench/build.py [--seconds N]`` (needs the ``twilio`` package from the test extra).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from twilio.twiml import messaging_response as twilio_messaging
from twilio.twiml import voice_response as twilio_voice

import laml
from laml import messaging_response, voice_response
from laml.vocabulary import ELEMENTS

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "twiml" / "api-snippets"
Recipe = tuple[str, str | None, dict[str, str], list[Any]]


def recipe(node: laml.TwiML) -> Recipe:
    """(class name, text, attributes, children) — what a program would call to build this element."""
    children = [
        recipe(child)
        for child in node.verbs
        if isinstance(child, laml.TwiML) and not isinstance(child, laml.Comment)
    ]
    text = node.value.strip() if isinstance(node.value, str) and node.value.strip() else None
    return type(node).__name__, text, dict(node.attrs), children


def replay(module: Any, step: Recipe) -> Any:
    name, text, attrs, children = step
    text_parameter = ELEMENTS[name].text
    if text_parameter and text is not None:
        attrs = {text_parameter: text, **attrs}
    element = getattr(module, name)(**attrs)
    for child in children:
        element.append(replay(module, child))
    return element


def throughput(build: Callable[[], object], count: int, seconds: float) -> float:
    done, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        build()
        done += count
    return done / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    recipes = []
    for path in sorted(CORPUS.iterdir()):
        document = laml.parse(path.read_bytes())
        if all(type(n).__name__ != "GenericNode" for n in document.verbs if isinstance(n, laml.TwiML)):
            recipes.append(recipe(document))
    # Keep the documents twilio-python can build too (it lacks SignalWire's and a few mixed-dialect ones).
    usable = []
    for step in recipes:
        try:
            str(replay(twilio_voice if step[0] == "VoiceResponse" else twilio_messaging, step))
            usable.append(step)
        except (AttributeError, TypeError):
            continue

    def modules(step: Recipe, voice: Any, messaging: Any) -> Any:
        return voice if step[0] == "VoiceResponse" else messaging

    ours = throughput(
        lambda: [str(replay(modules(s, voice_response, messaging_response), s)) for s in usable],
        len(usable),
        args.seconds,
    )
    theirs = throughput(
        lambda: [str(replay(modules(s, twilio_voice, twilio_messaging), s)) for s in usable],
        len(usable),
        args.seconds,
    )
    print(f"documents replayed: {len(usable)} of {len(recipes)}")
    print(f"laml builder:   {ours:10,.0f} documents/s")
    print(f"twilio-python:  {theirs:10,.0f} documents/s")
    print(f"ratio:          {ours / theirs:10.2f} x")


if __name__ == "__main__":
    main()
