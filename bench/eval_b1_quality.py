"""Quality of guarded B1 rewrites on held-out City of Amsterdam pairs, side by side with the expert.

Run: flock /work/tools/model.lock .venv/bin/python bench/eval_b1_quality.py [--pairs 40] [--seed 7] [--all]
     [--save tests/data/b1-rewrites/rewrites.jsonl]

The pairs of the held-out documents (desktop.core.model.examples.is_held_out: never a few-shot example,
never tuned on) whose complex side has at least 12 words are the long sentences. For a seeded sample, the
embedded model rewrites each through run_task (the app's candidates, early stop and budget). Printed,
with the expert's simple side and LanguageTool alone (its style suggestions applied) beside it:

- the share of long sentences that get a rewrite (target >= 0.60);
- the readability gain (drop in the difficulty score) of the offered rewrites, and the share of offered
  pairs whose gain is at least the expert's (target >= 60%);
- the content-word recall of the offered rewrites (the guard's lemmas and listed alternatives: the B1 list and
  LanguageTool's officialese suggestions, as the content guard counts them; target 1.00);
- rewrites the independent checker (tests/independent_check.py, written apart from the guards) flags
  (target 0);
- seconds per sentence: the average (target <= 6 s) and the slowest sentence without a rewrite (<= 15 s),
  and the process's CPU seconds divided by the engine's threads (what an idle machine would take: the
  two cores here are shared by other developers' work);
- refused candidates by guard;
- the share of the expert's own simple sides (all long pairs of the part, not only the sample) that the
  level guard accepts: the guard is fair when it lets the experts' B1 rewrites through (target >= 0.95).

--save writes every candidate the guards judged (source, output, verdict) for the tests that check the
guards on real model outputs.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import time
from collections import Counter
from pathlib import Path

from _shared import DATA, REPO, load_engine

from desktop.core.analysis import LanguageTools
from desktop.core.findings import Category
from desktop.core.language.readability import difficulty, measure_paragraph
from desktop.core.model.examples import is_held_out
from desktop.core.model.guards import Task, check_output
from desktop.core.model.guards.check import style_alternatives
from desktop.core.model.guards.content import content_recall
from desktop.core.model.guards.level import level_guard
from desktop.core.model.jobs import ModelJob
from desktop.core.model.tasks import run_task
from desktop.core.policy.settings import load_settings
from tests.independent_check import independent_flags

MIN_WORDS = 12


def _gain(source: str, output: str) -> float:
    return difficulty(measure_paragraph("p", source).counts) - difficulty(measure_paragraph("p", output).counts)


def _languagetool_alone(tools: LanguageTools, text: str) -> str:
    """``text`` with the first suggestion of every LanguageTool style finding applied (the rules' B1 baseline)."""
    findings = [f for f in tools.grammar.check("p", text) if f.category is Category.STYLE and f.suggestions]
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        text = text[: finding.start] + finding.suggestions[0] + text[finding.end :]
    return text


def main() -> None:
    """Run the evaluation and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--all", action="store_true")
    parser.add_argument("--save", type=Path)
    parser.add_argument(
        "--tuning", action="store_true", help="sample the tuning documents (for setting thresholds; never report these)"
    )
    args = parser.parse_args()
    with (DATA / "simplification" / "amsterdam-complex-simple.csv").open(encoding="utf-8") as handle:
        rows = [
            r
            for r in csv.DictReader(handle)
            if is_held_out(int(r["Document ID"])) != args.tuning
            and r["Complex"] != r["Simple"]
            and len(r["Complex"].split()) >= MIN_WORDS
        ]
    sample = rows if args.all else random.Random(args.seed).sample(rows, min(args.pairs, len(rows)))
    settings = load_settings()
    tools = LanguageTools.from_settings(settings)
    tools.grammar.load()
    context = tools.guard_context(settings)
    engine = load_engine()
    part = "TUNING (not an evaluation)" if args.tuning else "held-out"
    print(f"model {engine.info.name}; {len(sample)} of {len(rows)} long {part} pairs (seed {args.seed})")
    offered = by_rules = 0
    model_gains: list[float] = []
    expert_gains: list[float] = []
    at_least_expert = 0
    recalls: list[float] = []
    flagged: list[tuple[str, str, list[str]]] = []
    refusals: Counter[str] = Counter()
    seconds: list[float] = []
    cpu_seconds: list[float] = []  # CPU time over the engine's threads: the wall time on an idle machine
    no_rewrite_seconds: list[float] = []
    expert_flagged = lt_gains = 0.0
    saved: list[dict[str, object]] = []
    for row in sample:
        source, expert = row["Complex"], row["Simple"]
        started, cpu_started = time.perf_counter(), time.process_time()
        result = run_task(engine, ModelJob(Task.B1, "p", source, 0, len(source)), context)
        elapsed = time.perf_counter() - started
        seconds.append(elapsed)
        cpu_seconds.append((time.process_time() - cpu_started) / engine.info.threads)
        lt_gains += _languagetool_alone(tools, source) != source and _gain(source, _languagetool_alone(tools, source))
        expert_flagged += bool(independent_flags(source, expert))
        for verdict in result.refusals:
            refusals.update(verdict.guards)
        if args.save is not None:
            for completion in result.completions:
                if completion.text:
                    verdict = check_output(Task.B1, source, completion.text, context)
                    saved.append({"source": source, "output": completion.text, "ok": verdict.ok,
                                  "guards": sorted(verdict.guards)})
        if result.text is None:
            no_rewrite_seconds.append(elapsed)
            continue
        offered += 1
        by_rules += result.by_rules
        gain, expert_gain = _gain(source, result.text), _gain(source, expert)
        model_gains.append(gain)
        expert_gains.append(expert_gain)
        at_least_expert += gain >= expert_gain
        kept, total = content_recall(source, result.text, context.alternatives, style_alternatives(source, context))
        recalls.append(kept / total if total else 1.0)
        flags = independent_flags(source, result.text)
        if flags:
            flagged.append((source, result.text, flags))
        made = "rules" if result.by_rules else "model"
        print(f"  + [{made}, {elapsed:.1f} s] {source}\n    → {result.text}")
    count = len(sample)
    print()
    print(f"{'':44}{'model':>10}{'expert':>10}{'LT alone':>10}")
    print(f"{'long sentences with a rewrite (≥ 0.60)':44}{offered / count:>10.2f}{1.0:>10.2f}{'':>10}")
    print(f"{'  of which split by the rules, judged':44}{by_rules / count:>10.2f}")
    if offered:
        print(f"{'mean readability gain, offered pairs':44}{statistics.mean(model_gains):>10.3f}"
              f"{statistics.mean(expert_gains):>10.3f}{'':>10}")
        print(f"{'offered pairs with gain ≥ expert (≥ 60%)':44}{at_least_expert / offered:>10.0%}")
        print(f"{'content-word recall, offered (1.00)':44}{min(recalls):>10.2f}{'':>10}")
    print(f"{'mean readability gain, all sampled pairs':44}{sum(model_gains) / count:>10.3f}"
          f"{statistics.mean(_gain(r['Complex'], r['Simple']) for r in sample):>10.3f}{lt_gains / count:>10.3f}")
    print(f"{'flagged by the independent checker (0)':44}{len(flagged):>10}{int(expert_flagged):>10}")
    print(f"{'seconds a sentence, mean (≤ 6)':44}{statistics.mean(seconds):>10.1f}")
    print(f"{'  CPU seconds / threads (an idle machine)':44}{statistics.mean(cpu_seconds):>10.1f}")
    slowest = max(no_rewrite_seconds, default=0.0)
    print(f"{'seconds, slowest sentence without rewrite (≤ 15)':44}{slowest:>10.1f}")
    accepted = sum(not level_guard(r["Complex"], r["Simple"], context.max_sentence_words) for r in rows)
    print(f"{'expert rewrites the level guard accepts (≥ 0.95)':44}{'':>10}{accepted / len(rows):>10.2f}"
          f"   ({accepted} of {len(rows)} long {part} pairs)")
    print(f"refused candidates by guard: {dict(refusals)}")
    for source, output, flags in flagged:
        print(f"  ! {flags}: {source!r} -> {output!r}")
    if args.save is not None:
        target = args.save if args.save.is_absolute() else REPO / args.save
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8") as handle:
            for item in saved:
                handle.write(json.dumps(item, ensure_ascii=False) + "\n")
        print(f"saved {len(saved)} judged candidates to {target}")


if __name__ == "__main__":
    main()
