"""Evaluate the language checks: errors found, right fixes, false alarms, readability, speed.

Run: .venv/bin/python bench/eval_language.py [--sentences N] [--model] [--calibrate]
(with --model under flock /work/tools/model.lock)

Every table prints side by side: hunspell alone, LanguageTool's rules alone (as they ship, with
their own speller), Schrijfhulp's rules, and with --model Schrijfhulp's rules plus the confusion
stage of the embedded model. Each set has a tuning part and a held-out part (by a hash of the
document id; thresholds may be set on the tuning part only), printed separately.

1. Injected errors: one realistic error per expert-edited (correct) sentence of the City of
   Amsterdam corpus (d/t, de/het, compounds written apart or with a doubled letter, letter errors,
   real-word pairs from verwarwoorden.tsv, "kan u" in real letters): recall and right fix first
   per error type.
2. False alarms per 1,000 correct sentences (the same sentences before injection), per kind of
   finding.
3. Readability calibration: share of Amsterdam pairs (and documents) whose simplified side
   scores easier than the original.
4. Speed: all rule checks on the real letters joined into one long document.
5. Real errors (tests/data/real-errors): recall and right fix first per error type.
--calibrate (with --model): the margins of the confusion stage on the tuning parts, and per kind the
threshold that keeps its false alarms on the tuning part's correct sentences at or below 2 per 1,000.
The stage's speed (seconds per page, share of tokens scored) is bench/bench_confusion.py.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench._language_systems import (  # noqa: E402
    TYPES,
    Case,
    hunspell_alone,
    injected_cases,
    languagetool_alone,
    schrijfhulp_model,
    schrijfhulp_rules,
    split_of,
)
from desktop.core.analysis import LanguageTools  # noqa: E402
from desktop.core.findings import Finding  # noqa: E402
from desktop.core.language.awb import review_document, review_findings  # noqa: E402
from desktop.core.language.confusion import CALIBRATION  # noqa: E402
from desktop.core.language.grammar import GrammarChecker  # noqa: E402
from desktop.core.language.readability import ReadabilityChecker, difficulty, measure_document, measure_paragraph  # noqa: E402
from desktop.core.language.spelling import SpellChecker, default_dictionary_dir  # noqa: E402
from desktop.core.language.wordlists import B1WordChecker, WordLists  # noqa: E402
from desktop.core.policy.settings import load_settings  # noqa: E402

DATA = REPO / "tests" / "data"
SPLITS = ("tuning", "heldout")
System = Callable[[str], list[Finding]]


def finding_type(finding: Finding) -> str:
    """The kind of a finding, for the false-alarm table."""
    rule = finding.rule
    if rule.startswith("CONF:"):
        return {"CONF:D_T": "d/t", "CONF:DE_HET": "de/het", "CONF:LIDWOORD": "de/het", "CONF:WOORDPAAR": "real-word",
                "CONF:U-VORM": "kan u"}.get(rule, rule)
    if rule == "LIDWOORD":
        return "de/het"
    if rule in ("SH:KAN_U", "SH:U_KAN"):
        return "kan u"
    if finding.category.value == "spelling":
        return "spelling"
    return "grammar rules"


def score(run: System, cases: Sequence[Case]) -> dict[str, Counter[str]]:
    """Per error type (and "all"): cases, found (a finding on the error) and right (its first fix is right)."""
    counts: dict[str, Counter[str]] = {}
    for case in cases:
        hits = [f for f in run(case.text) if f.start < case.end and case.start < f.end]
        for key in (case.kind, "all"):
            counter = counts.setdefault(key, Counter())
            counter["cases"] += 1
            counter["found"] += bool(hits)
            if hits and hits[0].suggestions:
                fixed = case.text[: hits[0].start] + hits[0].suggestions[0] + case.text[hits[0].end :]
                counter["right"] += fixed == case.correct
    return counts


def print_table(title: str, systems: dict[str, System], cases: Sequence[Case]) -> None:
    """Recall / right fix first per type, one row per system, the tuning and held-out parts apart."""
    kinds = [k for k in TYPES if any(c.kind == k for c in cases)] + ["all"]
    for split in SPLITS:
        part = [c for c in cases if c.split == split]
        sizes = Counter(c.kind for c in part)
        print(f"\n   {title}, {split} part ({len(part)} sentences): recall / right fix first")
        heads = [f"{k} ({sizes[k] if k != 'all' else len(part)})" for k in kinds]
        print(f"   {'':28} " + " ".join(f"{head:>16}" for head in heads))
        for name, run in systems.items():
            counts = score(run, part)
            cells = []
            for kind in kinds:
                c = counts.get(kind, Counter())
                share = f"{c['found'] / c['cases']:>5.0%} / {c['right'] / c['cases']:>4.0%}" if c["cases"] else "-"
                cells.append(share)
            print(f"   {name:28} " + " ".join(f"{cell:>16}" for cell in cells))


# A sentence from which the corpus's anonymisation removed a link or a name ("stuur je vraag naar .") is no
# correct sentence: it is left out of the false-alarm count for every system.
DAMAGED = re.compile(r"\s[.,:;!?](?:\s|$)|\s(?:naar|via|in de|op)\.$")


def known_errors() -> dict[int, list[str]]:
    """Real errors in the Amsterdam corpus's corrected sentences (tests/data/simplification/known-errors.tsv,
    found by reading every finding of the systems compared here): a finding on one is no false alarm."""
    with (DATA / "simplification" / "known-errors.tsv").open(encoding="utf-8") as handle:
        errors: dict[int, list[str]] = {}
        for row in csv.DictReader(handle, delimiter="\t"):
            errors.setdefault(int(row["row"]), []).append(row["error"])
        return errors


def false_alarms(systems: dict[str, System], sentences: Sequence[tuple[str, str, int]]) -> None:
    """Findings per 1,000 correct sentences, per system and kind of finding, the two parts apart. A finding on a
    known real error of the corpus is counted apart; sentences damaged by anonymisation are left out."""
    errors = known_errors()
    kept = [(d, s, row) for d, s, row in sentences if not DAMAGED.search(s)]
    print(f"   ({len(sentences) - len(kept)} sentences damaged by the corpus's anonymisation left out; findings on "
          f"the {sum(len(v) for v in errors.values())} real errors of known-errors.tsv counted apart)")
    for split in SPLITS:
        part = [(s, row) for d, s, row in kept if split_of(d) == split]
        print(f"\n   {split} part ({len(part)} correct sentences): false alarms per 1,000 sentences (of them doubtful),"
              " real errors found, by kind")
        for name, run in systems.items():
            kinds: Counter[str] = Counter()
            doubtful = real = 0
            for sentence, row in part:
                spans = [(sentence.find(e), sentence.find(e) + len(e)) for e in errors.get(row, [])]
                for finding in run(sentence):
                    if any(s <= finding.start < e or finding.start <= s < finding.end for s, e in spans):
                        real += 1
                        continue
                    kinds[finding_type(finding)] += 1
                    doubtful += finding.doubtful
            total = sum(kinds.values())
            detail = ", ".join(f"{k} {1000 * n / len(part):.0f}" for k, n in kinds.most_common())
            rate, doubt = 1000 * total / len(part), 1000 * doubtful / len(part)
            print(f"   {name:28} {rate:5.0f} ({doubt:.0f})  real errors {real:3}   {detail}")


def real_error_cases() -> list[Case]:
    with (DATA / "real-errors" / "real-errors.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [Case(r["sentence"], int(r["start"]), int(r["end"]), r["type"], r["corrected_sentence"], r["split"])
            for r in rows]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=1311, help="how many Amsterdam sentences to use")
    parser.add_argument("--model", action="store_true", help="add the model's confusion stage")
    parser.add_argument("--calibrate", action="store_true", help="thresholds from the tuning parts (with --model)")
    parser.add_argument("--sections", default="1,2,3,4,5", help="which sections to run")
    arguments = parser.parse_args()
    sections = set(arguments.sections.split(","))

    with (DATA / "simplification" / "amsterdam-complex-simple.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    settings = load_settings()
    tools = LanguageTools.from_settings(settings)
    lists = tools.word_lists
    speller = tools.spelling
    started = time.perf_counter()
    backend = tools.grammar.describe()
    print(f"Grammar backend: {backend} (loaded in {time.perf_counter() - started:.1f} s)")
    systems: dict[str, System] = {
        "hunspell alone": hunspell_alone(SpellChecker(default_dictionary_dir())),
        "LanguageTool alone": languagetool_alone(),
        "Schrijfhulp rules": schrijfhulp_rules(tools),
    }
    scorer = None
    if arguments.model:
        from bench._shared import load_engine

        engine = load_engine()  # kept: the scorer refers to its engine weakly
        scorer = engine.scorer()
        systems["Schrijfhulp rules + model"] = schrijfhulp_model(tools, scorer)

    correct = [(r["Document ID"], r["Simple"].strip(), row) for row, r in enumerate(rows[: arguments.sentences])
               if len(r["Simple"].split()) >= 4]
    letters = [
        s.strip() + "."
        for path in sorted((DATA / "letters" / "texts").glob("*.txt"))
        for s in path.read_text(encoding="utf-8").replace("\n", " ").split(". ")
        if "kunt u" in s.lower() or "u kunt" in s
    ]
    assert tools.confusion is not None
    cases = injected_cases([(d, s) for d, s, _row in correct], letters, speller, tools.confusion)
    if "1" in sections:
        print(f"\n1. Injected errors in the correct Amsterdam sentences and real letters ({len(cases)} cases)")
        print_table("Injected errors", systems, cases)
    if "2" in sections:
        print(f"\n2. False alarms on {len(correct)} correct Amsterdam sentences (spelling and grammar findings)")
        false_alarms(systems, correct)
    if "3" in sections:
        readability(rows)
    if "4" in sections:
        speed(lists, tools.grammar)
    if "5" in sections:
        real = real_error_cases()
        print(f"\n5. Real errors (tests/data/real-errors, {len(real)} nl.wikipedia sentences)")
        print_table("Real errors", systems, real)
    if arguments.calibrate and scorer is not None:
        calibrate(tools, scorer, [c for c in cases + real_error_cases() if c.split == "tuning"],
                  [s for d, s, _row in correct if split_of(d) == "tuning" and not DAMAGED.search(s)])
    tools.grammar.close()
    return 0


def calibrate(tools: LanguageTools, scorer: object, cases: Sequence[Case], clean: Sequence[str]) -> None:
    """Per kind and per false-alarm budget (per 1,000 of the tuning part's correct sentences): the smallest
    margin that keeps the kind's false alarms within it, and the recall on the tuning part's errors of that
    kind (those with a candidate of the kind) at that margin."""
    confusion = tools.confusion
    assert confusion is not None

    def margins(texts: Sequence[str]) -> list[list[tuple[str, int, int, float]]]:
        result = []
        for text in texts:
            candidates = confusion.candidates(text)
            scored = scorer.margins([(text, candidates)], threading.Event())  # type: ignore[attr-defined]
            values = scored[0] if scored else None
            result.append([] if values is None else [
                (c.kind, c.start, c.end, max(m)) for c, m in zip(candidates, values, strict=True)
            ])
        return result

    clean_margins = [m for sentence in margins(clean) for m in sentence]
    error_margins = margins([c.text for c in cases])
    print(f"\nCalibration on the tuning part ({len(clean)} correct sentences, {len(cases)} errors): per kind, the "
          "threshold for at most N false alarms per 1,000 sentences and the recall at it")
    for kind in sorted({k for k, *_ in clean_margins} | set(CALIBRATION)):
        alarms = sorted((m for k, _s, _e, m in clean_margins if k == kind), reverse=True)
        hits = [
            max((m for k, s, e, m in found if k == kind and s < case.end and case.start < e), default=None)
            for case, found in zip(cases, error_margins, strict=True)
        ]
        judged = [h for h in hits if h is not None]
        now = f"{CALIBRATION[kind].margin:.2f}" if kind in CALIBRATION else "-"
        cells = []
        for budget in (1, 2, 5, 10):
            allowed = int(budget * len(clean) / 1000)
            threshold = alarms[allowed] + 0.01 if len(alarms) > allowed else -99.0
            recall = sum(h >= threshold for h in judged) / len(judged) if judged else 0.0
            cells.append(f"{budget}/1000: {threshold:6.2f} → {recall:4.0%}")
        print(f"   {kind:10} (now {now:>5}, {len(judged)} errors, {len(alarms)} candidates on correct text)  "
              + "   ".join(cells))


def readability(rows: list[dict[str, str]]) -> None:
    """Section 3: readability calibration."""
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



def speed(lists: WordLists, grammar: GrammarChecker) -> None:
    """Section 4: the rule checks on the real letters joined into one long document."""
    speller = SpellChecker(default_dictionary_dir(), lists.organisation, lists.personal, lists.protected)
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


def pipeline_speed(grammar: GrammarChecker, lists: WordLists) -> tuple[float, int]:
    """run_analysis on the joined letters as a .docx, every paragraph new to the grammar cache."""
    from desktop.core.analysis import run_analysis
    from desktop.core.document.reader import open_document
    from desktop.core.document.samples import text_to_docx

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
