"""End to end: a document fully reviewed, rules and then the model's stages, each stage timed.

Run: flock /work/tools/model.lock .venv/bin/python bench/bench_end_to_end.py [--pages 2 10] [--max-model-jobs N]

The documents are built from the real letters in tests/data/letters (2 pages: letters 015, 016 and 017;
10 pages: letters 001-018 and 020-024). Each is analysed as `schrijfhulp-cli check` does with the model:
the rule checks (engines warm, LanguageTool's cache emptied), then the confusion stage (the model judges
d/t, de/het and the other twins within its budget per page, language/confusion.py), then the guarded B1
rewrites of the long sentences and corrections of flagged sentences. Printed per document: the seconds
of each stage, the model tasks and how many passed the guards, the model's tokens and CPU time with the
energy estimate (desktop/core/model/energy.py says what it assumes), the KV-cache reuse of the prompt
(tokens taken from the cache / prompt tokens), and the total against the target for the 2-page letter
(≤ 60 s). With --max-model-jobs the rewrite stage stops after N tasks; with --all-tasks it has no time budget
(analysis.MODEL_SECONDS_PER_PAGE), to see what every task of the document costs.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from pathlib import Path

from _shared import letter, load_engine, median

from desktop.core.analysis import (
    LanguageTools,
    ModelReport,
    ParagraphFindings,
    Progress,
    confusion_stage,
    model_stage,
    run_analysis,
)
from desktop.core.document.reader import Document, open_document
from desktop.core.document.samples import text_to_docx
from desktop.core.model.engine import Completion
from desktop.core.policy.settings import load_settings

TWO_PAGES = ["015_brief", "016_brief", "017_brief"]
TEN_PAGES = [f"{n:03d}_{kind}" for n, kind in [(i, "besluit") for i in range(1, 11)]
             + [(i, "brief") for i in range(11, 19)] + [(i, "ambtelijk") for i in range(20, 25)]]
DOCUMENTS = {2: TWO_PAGES, 10: TEN_PAGES}
TARGET_SECONDS = {2: 60.0}
REPORTS_CACHE = hasattr(Completion, "cached_tokens")  # an engine from before issue 19 did not count them


def build(names: list[str], folder: Path, name: str) -> Document:
    text = "\n\n".join(letter(n) for n in names)
    return open_document(text_to_docx(text, folder / f"{name}.docx"))


def main() -> None:
    """Print the time of each stage per document, and the total against the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="*", default=[2], choices=sorted(DOCUMENTS),
                        help="which documents (default: the 2-page letter)")
    parser.add_argument("--max-model-jobs", type=int, default=0, help="stop the model stage after N tasks (0: all)")
    parser.add_argument("--all-tasks", action="store_true",
                        help="no time budget for the rewrites and corrections: how long every task takes")
    args = parser.parse_args()
    if args.all_tasks:
        from desktop.core import analysis

        analysis.MODEL_SECONDS_PER_PAGE = float("inf")
    settings = load_settings()
    tools = LanguageTools.from_settings(settings)
    tools.grammar.load()
    engine = load_engine()
    print(f"model {engine.info.name}, {engine.info.threads} threads")
    with tempfile.TemporaryDirectory() as tmp:
        for pages in args.pages:
            document = build(DOCUMENTS[pages], Path(tmp), f"{pages}-pages")
            list(run_analysis(document, settings, threading.Event(), tools))  # warm the caches' code paths
            tools.grammar._cache.clear()
            started = time.perf_counter()
            found: dict[str, list] = {}
            for item in run_analysis(document, settings, threading.Event(), tools):
                if isinstance(item, ParagraphFindings):
                    found[item.paragraph] = list(item.findings)
            rules = time.perf_counter() - started
            paragraphs = [p for p in document.paragraphs if p.text.strip()]
            for p in paragraphs:
                found.setdefault(p.id, [])
            cancel = threading.Event()
            started = time.perf_counter()
            for item in confusion_stage(engine, paragraphs, found, settings, tools, cancel):
                if isinstance(item, ParagraphFindings):
                    found[item.paragraph] = list(item.findings)
            confusion = time.perf_counter() - started
            report = tools.confusion.report if tools.confusion is not None else None
            started = time.perf_counter()
            tasks = passed = total_jobs = tokens = prompt_tokens = cached_tokens = 0
            cpu = 0.0
            refusal_seconds: list[float] = []
            for item in model_stage(engine, paragraphs, found, settings, tools, cancel):
                if isinstance(item, ModelReport):
                    tasks += 1
                    passed += item.result.text is not None
                    for completion in item.result.completions:
                        tokens += completion.completion_tokens
                        prompt_tokens += completion.prompt_tokens
                        # an engine from before these figures reports neither (bench the old code side by side)
                        cached_tokens += getattr(completion, "cached_tokens", 0)
                        cpu += getattr(completion, "cpu_seconds", 0.0)
                    if item.result.text is None:
                        refusal_seconds.append(sum(c.seconds for c in item.result.completions))
                    if args.max_model_jobs and tasks >= args.max_model_jobs:
                        cancel.set()
                elif isinstance(item, Progress):
                    total_jobs = item.total
            model = time.perf_counter() - started
            total = rules + confusion + model
            target = TARGET_SECONDS.get(pages)
            verdict = "" if target is None else (
                f" (target ≤ {target:.0f} s) {'OK' if total <= target else 'ABOVE TARGET'}")
            scored = f"{report.scored_sentences} sentences judged, {report.unscored_sentences} over budget" \
                if report is not None else "no scorer"
            print(f"{pages:>2} pages ({document.word_count} words): rules {rules:5.2f} s; confusion {confusion:5.1f} s "
                  f"({scored}); rewrites and corrections {model:6.1f} s ({tasks} of {total_jobs} tasks, {passed} "
                  f"passed the guards; {tokens} tokens written; prompt {prompt_tokens} tokens of which "
                  f"{cached_tokens if REPORTS_CACHE else 'an unreported number'} from the KV cache)")
            if refusal_seconds:
                print(f"   model seconds per refused task: median {median(refusal_seconds):.1f} s, "
                      f"worst {max(refusal_seconds):.1f} s")
            if cpu:
                from desktop.core.model.energy import watt_hours

                print(f"   model CPU time {cpu:.0f} s, about {watt_hours(cpu):.2f} Wh")
            print(f"   total {total:6.1f} s{verdict}", flush=True)


if __name__ == "__main__":
    main()
