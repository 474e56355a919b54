"""The confusion stage's cost: seconds per page and the share of tokens the model had to score.

Run: flock /work/tools/model.lock .venv/bin/python bench/bench_confusion.py [--letters N] [--threads 2]

On the real letters (tests/data/letters) joined into one document, after the rules, as the app runs
it: the embedded model judges every word with a confusable twin (d/t, de/het, ei/ij, kan/kunt u),
sentence by sentence, within the stage's budget (language/confusion.py SECONDS_PER_PAGE per 500
words). Prints seconds per page (500 words), the tokens the model evaluated against the tokens of the
whole text (a token can be evaluated more than once: a sentence as written and each twin), the
sentences it judged and any it left unjudged for lack of time.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench._shared import LETTERS, load_engine  # noqa: E402
from desktop.core.language.confusion import (  # noqa: E402
    SECONDS_PER_PAGE,
    WORDS_PER_PAGE,
    ConfusionChecker,
    ConfusionPairs,
)
from desktop.core.language.genders import NounGenders  # noqa: E402
from desktop.core.language.spelling import SpellChecker, default_dictionary_dir  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=8, help="how many real letters to join (default 8)")
    parser.add_argument("--threads", type=int, default=2, help="model threads (the issue's budget is on 2 cores)")
    arguments = parser.parse_args()

    paths = sorted(LETTERS.glob("*.txt"))[: arguments.letters]
    paragraphs = [
        (f"{path.stem}-{i}", text) for path in paths
        for i, text in enumerate(path.read_text(encoding="utf-8").split("\n\n")) if text.strip()
    ]
    speller = SpellChecker(default_dictionary_dir())
    genders = NounGenders.load(analyse=speller.analyses, is_word=speller.in_dictionary)
    checker = ConfusionChecker(speller.in_dictionary, ConfusionPairs.load(), genders)
    engine = load_engine(threads=arguments.threads)
    scorer = engine.scorer()
    text_tokens = sum(len(engine.tokenize(text)) for _pid, text in paragraphs)
    for _warm_up in checker.judge(paragraphs[:1], scorer):  # the first decode call allocates buffers
        pass
    before = scorer.tokens_scored
    started = time.perf_counter()
    findings = [f for _pid, found in checker.judge(paragraphs, scorer, threading.Event()) for f in found]
    seconds = time.perf_counter() - started
    report = checker.report
    pages = report.words / WORDS_PER_PAGE
    scored = scorer.tokens_scored - before
    print(f"Model: {engine.info.name}, {arguments.threads} threads; {len(paths)} letters, {report.words} words "
          f"(~{pages:.1f} pages of {WORDS_PER_PAGE} words), budget {SECONDS_PER_PAGE:.0f} s per page")
    print(f"   {seconds:.1f} s in all = {seconds / pages:.1f} s per page")
    print(f"   sentences: {report.sentences}, with candidates {report.scored_sentences + report.unscored_sentences} "
          f"(judged {report.scored_sentences}, left unjudged {report.unscored_sentences}); "
          f"candidates {report.candidates}; findings {len(findings)}")
    print(f"   tokens evaluated {scored} for a text of {text_tokens} tokens: {scored / text_tokens:.0%} "
          f"({scored / max(1, report.scored_sentences):.0f} per judged sentence)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
