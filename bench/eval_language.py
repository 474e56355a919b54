"""Evaluate the rule-based language checks (spelling, grammar, readability, review).

Run: .venv/bin/python bench/eval_language.py [--sentences N]

1. Error set: realistic errors (d/t, ei/ij, double consonants, de/het, "kan u", missing and
   extra letters, compound splitting) injected into the expert-edited (correct) sentences of
   the City of Amsterdam corpus; spelling + grammar recall and precision per error type.
2. False alarms per 1,000 correct sentences: spelling and grammar findings on the same
   sentences before injection.
3. Readability calibration: share of Amsterdam pairs (and documents) whose simplified side
   scores easier than the original.
4. Speed: all rule checks on the 24 real letters joined into one long document (~13 pages),
   cold and warm, as seconds per 1,000 words.
5. Real errors (tests/data/real-errors, held-out split): recall and right fix first per error type for
   hunspell alone, LanguageTool's rules alone and Schrijfhulp's checks; with --model also the
   confusion stage of the embedded model (run it under flock /work/tools/model.lock).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.core.findings import Category, Finding  # noqa: E402
from desktop.core.language.awb import review_document, review_findings  # noqa: E402
from desktop.core.language.grammar import GrammarChecker, select_backend  # noqa: E402
from desktop.core.language.readability import ReadabilityChecker, difficulty, measure_document, measure_paragraph  # noqa: E402
from desktop.core.language.spelling import SpellChecker, default_dictionary_dir  # noqa: E402
from desktop.core.language.wordlists import B1WordChecker, WordLists  # noqa: E402

DATA = REPO / "tests" / "data"
WORD = re.compile(r"[^\W\d_]+")
CHECKED = (Category.SPELLING, Category.GRAMMAR)


def inject(
    sentence: str, kind: str, speller: SpellChecker, rng: random.Random
) -> tuple[str, int, int] | None:
    """``sentence`` with one error of ``kind``, and the span of the error; None when it does not fit."""
    tokens = [m for m in WORD.finditer(sentence) if m.start() > 0 or kind != "de-het"]
    rng.shuffle(tokens)

    def swap(match: re.Match[str], new: str) -> tuple[str, int, int]:
        return (
            sentence[: match.start()] + new + sentence[match.end() :],
            match.start(),
            match.start() + len(new),
        )

    for match in tokens:
        word = match.group()
        if kind == "d/t":
            if word.endswith("dt") and len(word) > 3:
                return swap(match, word[:-1])
            if (
                word.endswith("d")
                and len(word) > 3
                and speller.is_correct(word + "t")
                and not word[0].isupper()
            ):
                return swap(match, word + "t")
        elif kind == "ei/ij" and ("ij" in word or "ei" in word) and len(word) > 3:
            new = word.replace("ij", "ei", 1) if "ij" in word else word.replace("ei", "ij", 1)
            if not speller.is_correct(new):
                return swap(match, new)
        elif kind == "dubbele medeklinker" and len(word) > 5 and word.islower():
            doubled = [
                i for i in range(1, len(word) - 1) if word[i] == word[i + 1] and word[i] not in "aeiou"
            ]
            if doubled:
                i = doubled[0]
                return swap(match, word[:i] + word[i + 1 :])
            single = [
                i
                for i in range(1, len(word) - 1)
                if word[i] not in "aeiouj"
                and word[i - 1] in "aeiou"
                and word[i + 1] in "aeiou"
                and word[i - 2 : i] not in ("aa", "ee", "oo", "uu")
            ]
            if single:
                i = single[0]
                return swap(match, word[: i + 1] + word[i:])
        elif kind == "de/het" and word in ("de", "het") and match.start() > 0:
            return swap(match, "het" if word == "de" else "de")
        elif kind == "kan u":
            found = re.search(r"\b(?:[Kk]unt u|u kunt)\b", sentence)
            if found:
                new = found.group().replace("unt u", "an u").replace("u kunt", "u kan")
                return (
                    sentence[: found.start()] + new + sentence[found.end() :],
                    found.start(),
                    found.start() + len(new),
                )
            return None
        elif kind == "letter weg" and len(word) > 5 and word.islower():
            i = rng.randrange(1, len(word) - 1)
            new = word[:i] + word[i + 1 :]
            if not speller.is_correct(new):
                return swap(match, new)
        elif kind == "letter extra" and len(word) > 4 and word.islower():
            i = rng.randrange(1, len(word) - 1)
            new = word[:i] + word[i] + word[i:]
            if not speller.is_correct(new):
                return swap(match, new)
        elif kind == "los geschreven" and len(word) >= 9 and word.islower():
            for cut in range(4, len(word) - 3):
                if speller.is_correct(word[:cut]) and speller.is_correct(word[cut:]):
                    return swap(match, word[:cut] + " " + word[cut:])
    return None


KINDS = (
    "d/t",
    "ei/ij",
    "dubbele medeklinker",
    "de/het",
    "kan u",
    "letter weg",
    "letter extra",
    "los geschreven",
)


def checked_findings(checkers: list, text: str) -> list[Finding]:
    return [f for c in checkers for f in c.check("s", text) if f.category in CHECKED]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=1311, help="how many Amsterdam sentences to use")
    parser.add_argument("--model", action="store_true", help="add the model's confusion stage to section 5")
    parser.add_argument("--split", default="heldout", choices=("heldout", "tuning"), help="section 5's split")
    arguments = parser.parse_args()

    with (DATA / "simplification" / "amsterdam-complex-simple.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    lists = WordLists.load_default()
    speller = SpellChecker(default_dictionary_dir(), lists.organisation, lists.personal, lists.protected)
    cache = Path(tempfile.mkdtemp(prefix="schrijfhulp-bench-"))
    grammar = GrammarChecker(lambda: select_backend("auto", cache), lists.protected)
    started = time.perf_counter()
    backend = grammar.describe()
    load_seconds = time.perf_counter() - started
    checkers = [speller, grammar]

    # 1 + 2: error set and false alarms
    correct = [r["Simple"].strip() for r in rows[: arguments.sentences] if len(r["Simple"].split()) >= 4]
    false_alarms = Counter()
    alarmed_sentences = 0
    for sentence in correct:
        found = checked_findings(checkers, sentence)
        alarmed_sentences += bool(found)
        false_alarms.update(f.rule.split(":")[0] if f.rule.startswith("LT:") else "spelling" for f in found)
    rng = random.Random(20241124)
    per_kind = {k: Counter() for k in KINDS}
    kan_u = re.compile(r"\b(?:[Kk]unt u|u kunt)\b")
    letters = [
        s.strip() + "."
        for path in sorted((DATA / "letters" / "texts").glob("*.txt"))
        for s in path.read_text(encoding="utf-8").replace("\n", " ").split(". ")
        if kan_u.search(s)
    ]
    cases = [("kan u", s) for s in [*(s for s in correct if kan_u.search(s)), *letters]]
    others = [k for k in KINDS if k != "kan u"]
    cases += [(others[i % len(others)], s) for i, s in enumerate(correct)]
    for kind, sentence in cases:
        injected = inject(sentence, kind, speller, rng)
        if injected is None:
            continue
        text, start, end = injected
        before = {(f.rule, f.original) for f in checked_findings(checkers, sentence)}
        new = [f for f in checked_findings(checkers, text) if (f.rule, f.original) not in before]
        hit = [f for f in new if f.start < end and start < f.end]
        per_kind[kind]["cases"] += 1
        per_kind[kind]["found"] += bool(hit)
        per_kind[kind]["findings"] += len(new)
        per_kind[kind]["right"] += len(hit)

    print(f"Grammar backend: {backend} (loaded in {load_seconds:.1f} s)")
    print(f"\n1. Injected errors in {len(correct)} correct Amsterdam sentences (spelling + grammar)")
    print(f"   {'error type':22} {'cases':>6} {'recall':>7} {'precision':>9}")
    total = Counter()
    for kind, counts in per_kind.items():
        total.update(counts)
        recall = counts["found"] / counts["cases"] if counts["cases"] else 0.0
        precision = counts["right"] / counts["findings"] if counts["findings"] else 0.0
        print(f"   {kind:22} {counts['cases']:>6} {recall:>7.1%} {precision:>9.1%}")
    print(
        f"   {'all':22} {total['cases']:>6} {total['found'] / total['cases']:>7.1%} "
        f"{total['right'] / max(1, total['findings']):>9.1%}"
    )
    alarms = sum(false_alarms.values())
    print(
        f"\n2. False alarms on the {len(correct)} correct sentences: {alarms} findings, "
        f"{1000 * alarms / len(correct):.0f} per 1,000 sentences "
        f"({1000 * alarmed_sentences / len(correct):.0f} sentences per 1,000 with any finding)"
    )
    print("   most frequent: " + ", ".join(f"{rule} {n}" for rule, n in false_alarms.most_common(6)))

    # 3: readability calibration
    pairs = [(r["Complex"], r["Simple"]) for r in rows if r["Complex"].strip() != r["Simple"].strip()]
    easier = harder = 0
    for complex_text, simple_text in pairs:
        a, b = (
            difficulty(measure_paragraph("c", complex_text).counts),
            difficulty(measure_paragraph("s", simple_text).counts),
        )
        easier += b < a
        harder += b > a
    documents: dict[str, tuple[list[str], list[str]]] = {}
    for r in rows:
        documents.setdefault(r["Document ID"], ([], []))[0].append(r["Complex"])
        documents[r["Document ID"]][1].append(r["Simple"])
    document_easier = sum(
        difficulty(measure_document(list(enumerate(s))).counts)
        < difficulty(measure_document(list(enumerate(c))).counts)
        for c, s in ((list(map(str, c)), list(map(str, s))) for c, s in documents.values())
    )
    print(f"\n3. Readability calibration on {len(pairs)} Amsterdam pairs that differ:")
    print(
        f"   simplified side easier: {easier / len(pairs):.1%} of pairs, harder {harder / len(pairs):.1%}, "
        f"equal {(len(pairs) - easier - harder) / len(pairs):.1%}; "
        f"easier in {document_easier} of {len(documents)} documents ({document_easier / len(documents):.1%})"
    )

    # 4: speed on a long letter
    paragraphs = []
    for path in sorted((DATA / "letters" / "texts").glob("*.txt")):
        paragraphs += [
            (f"{path.stem}-{i}", t) for i, t in enumerate(path.read_text(encoding="utf-8").split("\n\n"))
        ]
    words = sum(len(t.split()) for _pid, t in paragraphs)
    all_checkers = [speller, B1WordChecker(lists.b1), grammar, ReadabilityChecker()]

    def run_all() -> dict[str, float]:
        seconds = {}
        for checker in all_checkers:
            began = time.perf_counter()
            for pid, text in paragraphs:
                list(checker.check(pid, text))
            seconds[checker.name] = time.perf_counter() - began
        began = time.perf_counter()
        list(review_findings(review_document(paragraphs), dict(paragraphs)))
        seconds["review"] = time.perf_counter() - began
        return seconds

    all_checkers[0] = SpellChecker(
        default_dictionary_dir(), lists.organisation, lists.personal, lists.protected
    )
    all_checkers[2] = GrammarChecker(grammar.load, lists.protected)  # the loaded engine, an empty cache
    first = run_all()  # every paragraph is new: the first check of a document
    edited = next(i for i, (_pid, t) in enumerate(paragraphs) if t.startswith("Middels dit schrijven"))
    pid, text = paragraphs[edited]
    paragraphs[edited] = (pid, text.replace("Middels dit schrijven", "Met deze brief"))
    again = run_all()  # a pause in typing: one paragraph changed
    print(
        f"\n4. Speed: {len(paragraphs)} paragraphs, {words} words (~{words / 500:.0f} pages), engines loaded"
    )
    print(f"   {'check':14} {'whole document':>15} {'per 1,000 words':>16} {'after one edit':>15}")
    for name in first:
        print(
            f"   {name:14} {first[name]:13.3f} s {1000 * first[name] / words:14.3f} s {again[name]:13.3f} s"
        )
    print(
        f"   {'all checks':14} {sum(first.values()):13.3f} s {1000 * sum(first.values()) / words:14.3f} s "
        f"{sum(again.values()):13.3f} s"
    )
    pipeline_seconds, pipeline_words = pipeline_speed(grammar, lists)
    print(
        f"   the app's pipeline (run_analysis, LanguageTool over the cores), first pass: {pipeline_seconds:.3f} s "
        f"for {pipeline_words} words = {1000 * pipeline_seconds / pipeline_words:.3f} s per 1,000 words"
    )
    real_errors(speller, grammar, arguments.split, arguments.model)
    grammar.close()
    return 0


def real_errors(speller: SpellChecker, grammar: GrammarChecker, split: str, with_model: bool) -> None:
    """Section 5: the real-error set, three systems side by side, per error type."""
    with (DATA / "real-errors" / "real-errors.tsv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["split"] == split]
    plain = SpellChecker(default_dictionary_dir())
    systems: dict[str, object] = {
        "hunspell alone": lambda t: [f for f in plain.check("s", t)],
        "LanguageTool alone": lambda t: [f for f in grammar.check("s", t) if f.rule.startswith("LT:")],
        "Schrijfhulp rules": lambda t: checked_findings([speller, grammar], t),
    }
    if with_model:
        from bench._shared import load_engine
        from desktop.core.language.confusion import ConfusionChecker, ConfusionPairs
        from desktop.core.model.scoring import LlamaScorer

        confusion = ConfusionChecker(speller.in_dictionary, ConfusionPairs.load())
        scorer = LlamaScorer(load_engine())

        def with_confusion(text: str) -> list[Finding]:
            judged = [f for _p, fs in confusion.judge([("s", text)], scorer, seconds_per_page=600.0) for f in fs]
            return checked_findings([speller, grammar], text) + judged

        systems["Schrijfhulp rules + model"] = with_confusion
    kinds = sorted({r["type"] for r in rows})
    print(f"\n5. Real errors ({split} split, {len(rows)} sentences): recall / right fix first")
    print(f"   {'system':28} " + " ".join(f"{k:>16}" for k in [*kinds, "all"]))
    for name, run in systems.items():
        found: Counter[str] = Counter()
        right: Counter[str] = Counter()
        total: Counter[str] = Counter()
        for row in rows:
            start, end = int(row["start"]), int(row["end"])
            hits = [f for f in run(row["sentence"]) if f.start < end and start < f.end]  # type: ignore[operator]
            for key in (row["type"], "all"):
                total[key] += 1
                found[key] += bool(hits)
                if hits and hits[0].suggestions:
                    fixed = row["sentence"][: hits[0].start] + hits[0].suggestions[0] + row["sentence"][hits[0].end :]
                    right[key] += fixed == row["corrected_sentence"]
        cells = [f"{found[k] / total[k]:>6.0%} / {right[k] / total[k]:>5.0%} " for k in [*kinds, "all"]]
        print(f"   {name:28} " + " ".join(f"{c:>16}" for c in cells))


def pipeline_speed(grammar: GrammarChecker, lists: WordLists) -> tuple[float, int]:
    """run_analysis on the joined letters as a .docx, every paragraph new to the grammar cache."""
    import threading

    from desktop.core.analysis import LanguageTools, run_analysis
    from desktop.core.document.reader import open_document
    from desktop.core.document.samples import text_to_docx
    from desktop.core.policy.settings import load_settings

    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((DATA / "letters" / "texts").glob("*.txt")))
    with tempfile.TemporaryDirectory() as tmp:
        document = open_document(text_to_docx(text, Path(tmp) / "brieven.docx"))
    tools = LanguageTools(
        word_lists=lists,
        spelling=SpellChecker(default_dictionary_dir(), lists.organisation, lists.personal, lists.protected),
        b1_words=B1WordChecker(lists.b1),
        readability=ReadabilityChecker(),
        grammar=GrammarChecker(grammar.load, lists.protected),
        protected_terms=lists.protected.terms,
    )
    tools.warm_up()
    began = time.perf_counter()
    list(run_analysis(document, load_settings(), threading.Event(), tools))
    return time.perf_counter() - began, document.word_count


if __name__ == "__main__":
    raise SystemExit(main())
