"""Herschrijf in B1 in the app: seconds until the first words show, and until the outcome (a rewrite or a refusal).

Run: flock /work/tools/model.lock .venv/bin/python bench/bench_b1_rewrite.py [--rounds 1]

The app's own path, offscreen: the model service runs the guarded rewrite on the workers' model thread and
streams into the B1 preview (desktop.ui.b1_preview), exactly as Ctrl+B does; the embedded model and the
language tools (LanguageTool loaded) are ready before the clock starts, as in the app once its status bar
says "Taalmodel: klaar". The paragraphs are real ones from tests/data/letters (letters 015, 016 and 019 and
the Haarlemmermeer considerans item of the model tests). For each: the seconds until the preview shows the
first words of a rewrite (target ≤ 3 s), the seconds until the outcome, how many candidates the model
wrote and their tokens, and whether a rewrite passed. Printed at the end: the median time to the first
words, and the median and worst time until "Geen veilige herschrijving gevonden" over the paragraphs that
got no safe rewrite (target ≤ 15 s).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _shared import letter, load_engine, median
from PySide6.QtWidgets import QApplication

from desktop.core.analysis import LanguageTools
from desktop.core.model.examples import load_examples
from desktop.core.model.jobs import ModelJob
from desktop.core.policy.settings import load_settings
from desktop.ui.b1_preview import B1Preview
from desktop.ui.model_service import ModelService
from desktop.ui.workers import Workers

FIRST_WORDS_TARGET = 3.0
REFUSAL_TARGET = 15.0


def paragraphs() -> list[tuple[str, str]]:
    """(label, text) of the benchmark's paragraphs, in a fixed order."""

    def paragraph(name: str, start: str) -> str:
        return next(p for p in letter(name).split("\n") if p.startswith(start))

    return [
        ("016 concept planning", paragraph("016_brief", "De concept planning")),
        ("016 middels dit schrijven", paragraph("016_brief", "Middels dit schrijven")),
        ("015 ten eerste", paragraph("015_brief", "Ten eerste verloopt")),
        ("019 eerste alinea", next(p for p in letter("019_ambtelijk").split("\n") if len(p.split()) > 40)),
        ("Haarlemmermeer item",
         "dat binnen de gemeente Haarlem-mermeer in het kader van de Vinex Locatie Hoofddorp en het project "
         "Hogesnelheidslijn-Zuid bouwactiviteiten worden gerealiseerd;"),
    ]


def main() -> None:
    """Print per paragraph the time to the first words and to the outcome, then the medians against the targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1, help="rewrite every paragraph this many times")
    parser.add_argument("--only", type=int, nargs="*", help="indexes of the paragraphs to run (default all)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings = load_settings()
    tools = LanguageTools.from_settings(settings)
    tools.warm_up()
    tools.grammar.load()
    context = tools.guard_context(settings)
    workers = Workers()
    service = ModelService(workers)
    engine = load_engine()
    load_examples()  # as ModelService.load does before it says the model is ready
    service._on_loaded(engine)  # the state the app reaches once the model has loaded on the model thread
    preview = B1Preview()
    print(f"model {engine.info.name}, {engine.info.threads} threads")
    chosen = [p for i, p in enumerate(paragraphs()) if args.only is None or i in args.only]
    first_words: list[float] = []
    refusals: list[float] = []
    for _round in range(args.rounds):
        for label, text in chosen:
            job = ModelJob.b1_rewrite("p", text)
            outcome: list[object] = []
            shown: list[float] = []

            def on_text(raw: str, shown: list[float] = shown) -> None:
                preview.stream(raw)
                if not shown and preview.rewrite.toPlainText().strip():
                    shown.append(time.perf_counter())

            def on_result(result: object, outcome: list[object] = outcome) -> None:
                preview.finish(result)  # type: ignore[arg-type]
                outcome.append(result)

            started = time.perf_counter()
            service.rewrite(job, context, on_text, on_result)
            preview.start(text)
            while not outcome:
                app.processEvents()
                time.sleep(0.005)
            ended = time.perf_counter()
            result = outcome[0]
            completions = result.completions  # type: ignore[attr-defined]
            words = shown[0] - started if shown else float("nan")
            total = ended - started
            passed = result.text is not None  # type: ignore[attr-defined]
            if shown:
                first_words.append(words)
            if not passed:
                refusals.append(total)
            tokens = sum(c.completion_tokens for c in completions)
            prompt = sum(c.prompt_seconds for c in completions)
            print(f"{label:<26} {len(text.split()):3d} words: first words {words:5.1f} s, outcome {total:5.1f} s "
                  f"({'rewrite' if passed else 'refused'}; {len(completions)} candidates, {tokens} tokens, "
                  f"prompt evaluation {prompt:4.1f} s)", flush=True)
    workers.shutdown()
    if first_words:
        value = median(first_words)
        print(f"first words visible: median {value:.1f} s, worst {max(first_words):.1f} s "
              f"(target ≤ {FIRST_WORDS_TARGET:.0f} s) {'OK' if value <= FIRST_WORDS_TARGET else 'ABOVE TARGET'}")
    if refusals:
        value = median(refusals)
        print(f"until the refusal (no safe rewrite, {len(refusals)} runs): median {value:.1f} s, worst "
              f"{max(refusals):.1f} s (target ≤ {REFUSAL_TARGET:.0f} s) "
              f"{'OK' if max(refusals) <= REFUSAL_TARGET else 'ABOVE TARGET'}")
    else:
        print("every paragraph got a rewrite: no refusal to time")


if __name__ == "__main__":
    main()
