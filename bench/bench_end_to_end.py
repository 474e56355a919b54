"""End to end: a 2-page letter and a 10-page document, with the model against the rule checks alone.

Run: .venv/bin/python bench/bench_end_to_end.py [--max-model-jobs N]

Both documents are built from the real letters in tests/data/letters (2 pages: letters 015,
016 and 017; 10 pages: letters 001-018 and 020-024). Each is analysed with the rule checks only
(engines warm) and then with the embedded model's guarded B1 rewrites of the long sentences and
corrections of flagged sentences (the same pipeline as `schrijfhulp-cli check`). Printed: the
seconds for each, the ratio model/rules, the number of model tasks and how many passed the guards.
With --max-model-jobs the model stage stops after N tasks and the ratio is given for those.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from pathlib import Path

from _shared import letter, load_engine

from desktop.core.analysis import LanguageTools, ModelReport, ParagraphFindings, Progress, model_stage, run_analysis
from desktop.core.document.reader import Document, open_document
from desktop.core.document.samples import text_to_docx
from desktop.core.policy.settings import load_settings

TWO_PAGES = ["015_brief", "016_brief", "017_brief"]
TEN_PAGES = [f"{n:03d}_{kind}" for n, kind in [(i, "besluit") for i in range(1, 11)]
             + [(i, "brief") for i in range(11, 19)] + [(i, "ambtelijk") for i in range(20, 25)]]


def build(names: list[str], folder: Path, name: str) -> Document:
    text = "\n\n".join(letter(n) for n in names)
    return open_document(text_to_docx(text, folder / f"{name}.docx"))


def main() -> None:
    """Print the rules-only and with-model timings per document."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-model-jobs", type=int, default=0, help="stop the model stage after N tasks (0: all)")
    args = parser.parse_args()
    settings = load_settings()
    tools = LanguageTools.from_settings(settings)
    tools.grammar.load()
    engine = load_engine()
    print(f"model {engine.info.name}, {engine.info.threads} threads")
    with tempfile.TemporaryDirectory() as tmp:
        for label, names in (("2 pagina's", TWO_PAGES), ("10 pagina's", TEN_PAGES)):
            document = build(names, Path(tmp), label.split()[0])
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
            tasks = passed = total_jobs = 0
            for item in model_stage(engine, paragraphs, found, settings, tools, cancel):
                if isinstance(item, ModelReport):
                    tasks += 1
                    passed += item.result.text is not None
                    if args.max_model_jobs and tasks >= args.max_model_jobs:
                        cancel.set()
                elif isinstance(item, Progress):
                    total_jobs = item.total
            model = time.perf_counter() - started
            words = document.word_count
            print(f"{label:>11} ({words} words): rules {rules:6.2f} s; rules + model {rules + model:8.1f} s "
                  f"({tasks} of {total_jobs} model tasks, {passed} passed the guards) -> "
                  f"ratio {(rules + model) / rules:,.0f}× the rule checks alone")


if __name__ == "__main__":
    main()
