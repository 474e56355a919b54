"""Prompt-lookup decoding: corrections and B1 rewrites with and without drafts from the prompt.

Run: .venv/bin/python bench/bench_prompt_lookup.py [--rounds 2]

Same engine, same prompts (the shipped correction and B1 prompts on real sentences from
../shared/data), greedy, JSON-constrained output as the app uses it; only `prompt_lookup` differs.
Runs alternate; the speed-up is the median time without lookup divided by the median time with it
(target ≥ 1.5× on corrections). Outputs must be identical: the drafts only change speed.
"""

from __future__ import annotations

import argparse
import csv

from _shared import DATA, load_engine, median

from desktop.core.llm import LlamaEngine, Request
from desktop.core.prompts import load_prompt

CORRECTIONS = [
    ("Het besluit word u binnen zes weken na de datum van deze brief per post toegestuurd.", "‘word’: persoonsvorm"),
    ("Wij hebben uw aanvraag voor een omgevingsvergunning op 12 maart 2024 ontvangen en zullen deze zo snel mogelijk "
     "behandellen.", "‘behandellen’: spelfout"),
    ("Indien u het niet eens bent met dit besluit, kan u binnen zes weken een bezwaarschrift indienen bij het college "
     "van burgemeester en wethouders.", "‘kan u’: bij ‘u’ hoort ‘kunt’"),
]


def b1_sentences(count: int) -> list[str]:
    """The first long complex sentences of the Amsterdam corpus."""
    with (DATA / "simplification" / "amsterdam-complex-simple.csv").open(encoding="utf-8") as handle:
        rows = [row["Complex"] for row in csv.DictReader(handle) if 25 <= len(row["Complex"].split()) <= 40]
    return rows[:count]


def timed(engine: LlamaEngine, request: Request) -> tuple[float, str, int]:
    engine._truncate(0)
    completion = engine.complete(request)
    return completion.seconds, completion.raw, completion.completion_tokens


def run(engine: LlamaEngine, name: str, requests: list[Request], rounds: int) -> float:
    """Print and return the speed-up for one task."""
    with_lookup: list[float] = []
    without: list[float] = []
    tokens = 0
    for _round in range(rounds):
        for request in requests:
            plain_seconds, plain_raw, produced = timed(engine, Request(**{**request.__dict__, "prompt_lookup": False}))
            lookup_seconds, lookup_raw, _ = timed(engine, Request(**{**request.__dict__, "prompt_lookup": True}))
            if plain_raw != lookup_raw:
                raise SystemExit(f"outputs differ with and without lookup:\n{plain_raw}\n{lookup_raw}")
            without.append(plain_seconds / produced)
            with_lookup.append(lookup_seconds / produced)
            tokens += produced
    speedup = median(without) / median(with_lookup)
    print(f"{name:>11}: {len(requests)} texts × {rounds}, {tokens // (2 * rounds)} tokens a round;  "
          f"without lookup {1 / median(without):5.2f} tok/s, with {1 / median(with_lookup):5.2f} tok/s, "
          f"speed-up {speedup:.2f}×")
    return speedup


def main() -> None:
    """Print the speed-up for corrections and B1 rewrites."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--b1", type=int, default=3, help="number of Amsterdam sentences for the B1 task")
    args = parser.parse_args()
    engine = load_engine()
    print(f"model {engine.info.name}, {engine.info.threads} threads")
    correction, b1 = load_prompt("correctie"), load_prompt("b1")
    corrections = []
    for text, problems in CORRECTIONS:
        system, user = correction.render(text=text, problems=problems)
        corrections.append(Request(system=system, user=user, max_tokens=160))
    rewrites = []
    for text in b1_sentences(args.b1):
        system, user = b1.render(text=text)
        rewrites.append(Request(system=system, user=user, max_tokens=160))
    timed(engine, corrections[0])  # warm up
    speedup = run(engine, "correcties", corrections, args.rounds)
    run(engine, "B1", rewrites, args.rounds)
    print(f"target ≥ 1.5× on corrections -> {'OK' if speedup >= 1.5 else 'BELOW TARGET'}")


if __name__ == "__main__":
    main()
