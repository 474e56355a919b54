"""Quality of guarded B1 rewrites on the City of Amsterdam pairs, with the embedded model.

Run: .venv/bin/python bench/eval_b1_quality.py [--pairs 40] [--seed 7] [--all]

For a seeded sample of pairs whose complex side has at least 12 words, the model rewrites the
complex sentence through the guards (run_task, the app's two-attempt budget). Printed:
- the share of sentences for which a guarded rewrite was offered;
- the readability gain (drop in our difficulty score) of the offered rewrites, next to the
  expert's gain on the same sentences (the expert's simple side);
- refusals by guard (facts, language, purpose), the fact-guard refusals counted separately;
- fact changes that reached the user, by an independent check (every digit group and every
  capitalised word of the source must be in the offered text, compared as plain strings, without
  the guard's normalisation). Target: zero.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import time
from collections import Counter

from _shared import DATA, load_engine

from desktop.core.analysis import LanguageTools
from desktop.core.language.readability import difficulty, measure_paragraph
from desktop.core.model.jobs import ModelJob
from desktop.core.model.tasks import ATTEMPTS, run_task
from desktop.core.policy.settings import load_settings

DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w-]+")


def independent_fact_changes(source: str, output: str) -> list[str]:
    """Digit groups and mid-sentence capitalised words of ``source`` missing from ``output`` (plain strings)."""
    missing = [d for d in DIGITS.findall(source) if d not in output]
    missing += [w for w in CAPITALISED.findall(source) if w not in output and w not in ("U", "Uw")]
    return missing


def main() -> None:
    """Run the evaluation and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--all", action="store_true")
    args = parser.parse_args()
    with (DATA / "simplification" / "amsterdam-complex-simple.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["Complex"] != r["Simple"] and len(r["Complex"].split()) >= 12]
    sample = rows if args.all else random.Random(args.seed).sample(rows, min(args.pairs, len(rows)))
    settings = load_settings()
    tools = LanguageTools.from_settings(settings)
    context = tools.guard_context(settings)
    engine = load_engine()
    print(f"model {engine.info.name}; {len(sample)} of {len(rows)} pairs; attempts {len(ATTEMPTS[:2])}")
    offered = 0
    model_gain: list[float] = []
    expert_gain: list[float] = []
    refusals: Counter[str] = Counter()
    fact_refusals = 0
    leaked: list[tuple[str, str, list[str]]] = []
    started = time.perf_counter()
    for row in sample:
        source = row["Complex"]
        result = run_task(engine, ModelJob.b1_rewrite("p", source), context, attempts=ATTEMPTS[:2])
        for verdict in result.refusals:
            refusals.update(verdict.guards)
            fact_refusals += "feiten" in verdict.guards
        if result.text is None:
            continue
        offered += 1
        base = difficulty(measure_paragraph("p", source).counts)
        model_gain.append(base - difficulty(measure_paragraph("p", result.text).counts))
        expert_gain.append(base - difficulty(measure_paragraph("p", row["Simple"]).counts))
        changes = independent_fact_changes(source, result.text)
        if changes:
            leaked.append((source, result.text, changes))
    seconds = time.perf_counter() - started
    share = offered / len(sample)
    print(f"guarded rewrite offered: {offered}/{len(sample)} = {share:.0%} ({seconds / len(sample):.1f} s a sentence)")
    if offered:
        mean_model = sum(model_gain) / offered
        mean_expert = sum(expert_gain) / offered
        print(f"readability gain on those sentences: model {mean_model:.3f}, expert {mean_expert:.3f} "
              f"(model/expert = {mean_model / mean_expert if mean_expert else float('nan'):.2f})")
    print(f"refused attempts by guard: {dict(refusals)}; fact-guard refusals: {fact_refusals}")
    print(f"fact changes that reached the user (independent check): {len(leaked)} (target 0)")
    for source, output, changes in leaked:
        print(f"  - {changes}: {source!r} -> {output!r}")


if __name__ == "__main__":
    main()
