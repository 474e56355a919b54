"""An independent check of B1 rewrites, written apart from desktop/core/model/guards on purpose.

Its own simple rules, as plain strings, without the guards' normalisation, lemmas or compound logic:

- every digit group of the source is in the rewrite;
- every date ("8 april", "13-01-2024") of the source is in the rewrite;
- every capitalised word of the source that is not the first word of a sentence is in the rewrite;
- every longer word of the source (6 letters or more, not a function word) is in the rewrite, as the
  start of a word (a crude stem: "gerealiseerd" ~ "gerealiseerde"), inside a word, or replaced by an
  alternative that resources/wordlists/b1-woorden.toml names for it (read here with tomllib);
- the rewrite has as many "niet", "geen" and "nooit" as the source.

bench/eval_b1_quality.py runs it over every offered rewrite; tests/core/model/test_independent_check.py
runs it over the captured rewrites in tests/data/b1-rewrites. A rewrite it flags that the guards let
through fails the test.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache

from tests import REPO

DIGITS = re.compile(r"\d+")
DATE = re.compile(
    r"\b\d{1,2}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\b"
    r"|\b\d{1,2}-\d{1,2}-\d{2,4}\b",
    re.I,
)
WORD = re.compile(r"[A-Za-zÀ-ÿ]+")
SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n)\s*[\"'‘“(]?$")
STOP = frozenset(
    {
        "daarom", "daarvan", "daarmee", "daarbij", "hiervan", "hiervoor", "waarvan", "waarbij", "waarmee", "zonder",
        "tussen", "tijdens", "volgens", "omdat", "doordat", "wanneer", "terwijl", "hoewel", "zodra", "voordat",
        "nadat", "waardoor", "worden", "werden", "geweest", "hebben", "hadden", "zullen", "zouden", "kunnen",
        "moeten", "mogen", "alsmede", "betreffende", "inzake", "omtrent",
    }
)  # fmt: skip
NEGATIONS = ("niet", "geen", "nooit")
STEM = 5


@lru_cache(maxsize=1)
def listed_alternatives() -> dict[str, set[str]]:
    """Each word of a B1-list term or form (lower case) with the words of its alternatives."""
    data = tomllib.loads((REPO / "resources" / "wordlists" / "b1-woorden.toml").read_text(encoding="utf-8"))
    table: dict[str, set[str]] = {}
    for entry in data["woord"]:
        words = {w.lower() for a in entry["alternatieven"] for w in WORD.findall(a)}
        for form in [entry["term"], *entry.get("vormen", [])]:
            for word in WORD.findall(form):
                table.setdefault(word.lower(), set()).update(words)
    return table


def _present(word: str, output_words: list[str], output: str) -> bool:
    lowered = word.lower()
    if lowered in output.lower():
        return True
    stem = lowered[:STEM]
    if any(w.startswith(stem) for w in output_words):
        return True
    return any(a in output_words for a in listed_alternatives().get(lowered, ()))


def independent_flags(source: str, output: str) -> list[str]:
    """What this check finds missing or changed in ``output`` (empty when nothing)."""
    flags = [f"getal {d}" for d in DIGITS.findall(source) if d not in DIGITS.findall(output)]
    flags += [f"datum {d}" for d in DATE.findall(source) if d.lower() not in output.lower()]
    for match in re.finditer(r"\b[A-Z][\w-]+", source):
        at_start = SENTENCE_START.search(source[: match.start()])
        if not at_start and match[0] not in output and match[0] not in ("U", "Uw"):
            flags.append(f"naam {match[0]}")
    output_words = [w.lower() for w in WORD.findall(output)]
    for word in WORD.findall(source):
        if len(word) >= 6 and word.lower() not in STOP and not _present(word, output_words, output):
            flags.append(f"woord {word}")
    for negation in NEGATIONS:
        before = len(re.findall(rf"\b{negation}\b", source, re.I))
        after = len(re.findall(rf"\b{negation}\b", output, re.I))
        if before != after:
            flags.append(f"{negation}: {before} → {after}")
    return flags
