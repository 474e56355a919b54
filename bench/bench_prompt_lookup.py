"""Prompt-lookup decoding: corrections and B1 rewrites with and without drafts from the prompt.

Run: .venv/bin/python bench/bench_prompt_lookup.py [--rounds 2]

Same engine, same prompts (the shipped correction and B1 prompts on real sentences from
tests/data), greedy, JSON-constrained output as the app uses it; only `prompt_lookup` differs.
Each request starts as in the app, with the task's system prompt already in the KV cache. Runs
alternate; the speed-up is the median over requests of the time per token without lookup divided
by the time per token with it, for the whole request and for the decoding alone (target ≥ 1.5×
on corrections). The drafts are meant to change only the speed, but a draft is
verified in one batch, and llama.cpp's batch kernels round differently from its one-token kernel:
where two tokens are nearly tied the choice can flip. The number of identical outputs is printed;
either output goes through the same guards in the app.
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import replace

from _shared import DATA, load_engine, median

from desktop.core.model.engine import LlamaEngine, Request, common_prefix_length
from desktop.core.model.prompts import load_prompt

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


def system_prefix(engine: LlamaEngine, request: Request) -> int:
    """Tokens the app has cached before this request: the system prompt, shared by every sentence."""
    other = engine.prompt_tokens(Request(system=request.system, user="…"))
    return common_prefix_length(engine.prompt_tokens(request), other)


def timed(engine: LlamaEngine, request: Request) -> tuple[float, float, str, int]:
    """(seconds for the request with the system prompt cached, seconds decoding, output, tokens)."""
    engine._truncate(0)
    engine._eval(engine.prompt_tokens(request)[: system_prefix(engine, request)], all_logits=False)
    completion = engine.complete(request)
    decode = completion.seconds - completion.prompt_seconds
    return completion.seconds, decode, completion.raw, completion.completion_tokens


def run(engine: LlamaEngine, name: str, requests: list[Request], rounds: int) -> float:
    """Print and return the speed-up for one task."""
    request_ratios: list[float] = []
    decode_ratios: list[float] = []
    without: list[float] = []
    with_lookup: list[float] = []
    tokens = 0
    identical = 0
    for _round in range(rounds):
        for request in requests:
            plain, plain_decode, plain_raw, produced = timed(engine, replace(request, prompt_lookup=False))
            lookup, lookup_decode, lookup_raw, lookup_produced = timed(engine, replace(request, prompt_lookup=True))
            identical += plain_raw == lookup_raw
            # Per token, so a different output of another length still compares fairly.
            request_ratios.append((plain / produced) / (lookup / lookup_produced))
            decode_ratios.append((plain_decode / produced) / (lookup_decode / lookup_produced))
            without.append(produced / plain_decode)
            with_lookup.append(lookup_produced / lookup_decode)
            tokens += produced
    speedup = median(request_ratios)
    print(f"{name:>11}: {len(requests)} texts × {rounds}, {tokens // rounds} tokens a round; decoding "
          f"{median(without):5.2f} tok/s without lookup, {median(with_lookup):5.2f} with; speed-up: "
          f"whole request {speedup:.2f}×, decoding {median(decode_ratios):.2f}×; "
          f"identical outputs {identical} of {len(requests) * rounds}")
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
