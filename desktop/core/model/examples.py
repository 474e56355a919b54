"""Few-shot examples for the B1 prompt: the expert rewrites closest to the sentence at hand.

resources/prompts/b1-voorbeelden.tsv holds City of Amsterdam expert rewrites (EUPL-1.2) from the tuning
documents only (scripts/b1_examples.py builds it; :func:`is_held_out` names the documents the evaluation
keeps apart). For a sentence the closest examples are those sharing the most content-word lemmas,
then those closest in length; the prompt shows one of at most 30 words.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktop.core import paths
from desktop.core.model.guards.content import content_lemmas

EXAMPLES_FILE = "b1-voorbeelden.tsv"
# One example: each costs its tokens in prompt evaluation for every sentence (no shared prefix), about
# 2 s on two shared cores.
EXAMPLE_COUNT = 1
MAX_EXAMPLE_WORDS = 30


def is_held_out(document: int) -> bool:
    """True for an Amsterdam document kept apart for the evaluation (never an example, never tuned on)."""
    return document % 3 == 0


@dataclass(frozen=True)
class Example:
    """An expert's rewrite of one complex sentence."""

    document: int
    complex: str
    simple: str
    lemmas: frozenset[str]


def examples_path() -> Path:
    """The shipped examples file."""
    return paths.resources_dir() / "prompts" / EXAMPLES_FILE


@lru_cache(maxsize=1)
def load_examples() -> tuple[Example, ...]:
    """Every example in the shipped file (a missing file is an installation error, not a prompt without
    examples that would quietly write worse rewrites)."""
    with examples_path().open(encoding="utf-8") as handle:
        rows = [row for row in csv.reader(handle, delimiter="\t") if row and not row[0].startswith("#")]
    return tuple(Example(int(d), c, s, frozenset(content_lemmas(c))) for d, c, s in rows)


def closest_examples(text: str, count: int = EXAMPLE_COUNT) -> list[Example]:
    """The ``count`` examples closest to ``text``: most shared content lemmas, then nearest in length."""
    lemmas = set(content_lemmas(text))
    length = len(text.split())

    def distance(example: Example) -> tuple[float, int]:
        shared = len(lemmas & example.lemmas) / (len(lemmas | example.lemmas) or 1)
        return -shared, abs(len(example.complex.split()) - length)

    candidates = (e for e in load_examples() if e.complex != text and len(e.complex.split()) <= MAX_EXAMPLE_WORDS)
    return sorted(candidates, key=distance)[:count]


def render_examples(examples: list[Example]) -> str:
    """The examples as they appear in the prompt (empty when there are none)."""
    if not examples:
        return ""
    parts = ["Voorbeelden van goede herschrijvingen:"]
    for example in examples:
        parts.append(f"Tekst: {example.complex}\nAntwoord: {json.dumps({'tekst': example.simple}, ensure_ascii=False)}")
    return "\n\n".join(parts) + "\n\n"
