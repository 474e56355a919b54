"""Evaluate the language checks: errors found, right fixes, false alarms, readability, speed.

Run: .venv/bin/python bench/eval_language.py [--sentences N] [--model] [--calibrate]
(with --model under flock /work/tools/model.lock)

Every table prints side by side: hunspell alone, LanguageTool's rules alone (as they ship, with
their own speller), Schrijfhulp's rules, and with --model Schrijfhulp's rules plus the confusion
stage of the embedded model. Each set has a tuning part and a held-out part (by a hash of the
document id; thresholds may be set on the tuning part only), printed separately.

1. Injected errors: one error per correct government sentence (the expert-simplified side of the
   City of Amsterdam corpus and the full sentences of the real letters and decisions in
   tests/data/letters), at most --per-type of each type, balanced (see _language_systems.injected_cases;
   fixed seed; the split is the sentence's document's): d/t, de/het before a singular noun, compounds
   written apart or with a doubled letter, letter errors, real-word pairs from verwarwoorden.tsv,
   "kan u": recall and right fix first per error type.
2. False alarms per 1,000 correct sentences (the same sentences before injection), per kind of
   finding.
3. Readability calibration: share of Amsterdam pairs (and documents) whose simplified side
   scores easier than the original.
4. Speed: all rule checks on the real letters joined into one long document.
5. Real errors (tests/data/real-errors): recall and right fix first per error type.
--calibrate (with --model): the margins of the confusion stage on the tuning parts, and per kind the
threshold that keeps its false alarms on the tuning part's correct sentences at or below 2 per 1,000;
"rules" the model's margins on LanguageTool's findings; "rank" how many misspelt words get the right fix first
when the model's preferred suggestion takes the rules' first place only with a lead of N nats.
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
    government_sentences,
    hunspell_alone,
    injected_cases,
    languagetool_alone,
    schrijfhulp_model,
    schrijfhulp_rules,
    split_of,
)
from desktop.core.analysis import LanguageTools  # noqa: E402
from desktop.core.findings import Category, Finding  # noqa: E402
from desktop.core.language.awb import review_document, review_findings  # noqa: E402
from desktop.core.language.confusion_calibration import CALIBRATION  # noqa: E402
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
        return {"CONF:D_T": "d/t", "CONF:INVERSIE": "d/t", "CONF:DE_HET": "de/het", "CONF:LIDWOORD": "de/het",
                "CONF:WOORDPAAR": "real-word",
                "CONF:U-VORM": "kan u", "CONF:LOS": "compound", "CONF:MEERVOUD": "de/het"}.get(rule, rule)
    if rule == "LIDWOORD":
        return "de/het"
    if rule in ("SH:KAN_U", "SH:U_KAN"):
        return "kan u"
    if finding.category.value == "spelling":
        return "spelling"
    return "grammar rules"


def score(run: System, cases: Sequence[Case], misses: list[str] | None = None) -> dict[str, Counter[str]]:
    """Per error type (and "all"): cases, found (a finding on the error) and right (its first fix is right).
    ``misses`` collects a TSV line (outcome, kind, error, first finding's rule and fix, sentence) for every case
    not found or not fixed right."""
    counts: dict[str, Counter[str]] = {}
    for case in cases:
        hits = [f for f in run(case.text) if f.start < case.end and case.start < f.end]
        right = False
        if hits and hits[0].suggestions:
            right = case.text[: hits[0].start] + hits[0].suggestions[0] + case.text[hits[0].end :] == case.correct
        for key in (case.kind, "all"):
            counter = counts.setdefault(key, Counter())
            counter["cases"] += 1
            counter["found"] += bool(hits)
            counter["right"] += right
        if misses is not None and not right:
            first = f"{hits[0].rule} {hits[0].original!r} → {hits[0].suggestions[:3]}" if hits else ""
            misses.append("\t".join(("wrong fix" if hits else "missed", case.kind, case.text[case.start : case.end],
                                     first, case.text)))
    return counts


def print_table(title: str, systems: dict[str, System], cases: Sequence[Case], dump: Path | None = None) -> None:
    """Recall / right fix first per type, one row per system, the tuning and held-out parts apart. With ``dump``,
    the last system's misses and wrong fixes on the tuning part (never the held-out part) are written there."""
    misses: list[str] = []
    kinds = [k for k in TYPES if any(c.kind == k for c in cases)] + ["all"]
    for split in SPLITS:
        part = [c for c in cases if c.split == split]
        sizes = Counter(c.kind for c in part)
        print(f"\n   {title}, {split} part ({len(part)} sentences): recall / right fix first")
        heads = [f"{k} ({sizes[k] if k != 'all' else len(part)})" for k in kinds]
        print(f"   {'':28} " + " ".join(f"{head:>16}" for head in heads))
        for name, run in systems.items():
            last = name == list(systems)[-1] and split == "tuning" and dump is not None
            counts = score(run, part, misses if last else None)
            cells = []
            for kind in kinds:
                c = counts.get(kind, Counter())
                share = f"{c['found'] / c['cases']:>5.0%} / {c['right'] / c['cases']:>4.0%}" if c["cases"] else "-"
                cells.append(share)
            print(f"   {name:28} " + " ".join(f"{cell:>16}" for cell in cells))
    if dump is not None:
        dump.write_text("outcome\tkind\terror\tfirst finding\tsentence\n" + "\n".join(misses) + "\n",
                        encoding="utf-8")
        print(f"   {len(misses)} misses and wrong fixes of {list(systems)[-1]} on the tuning part written to {dump}")


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


def false_alarms(systems: dict[str, System], sentences: Sequence[tuple[str, str, int]],
                 dump: Path | None = None) -> None:
    """Findings per 1,000 correct sentences, per system and kind of finding, the two parts apart. A finding on a
    known real error of the corpus is counted apart; sentences damaged by anonymisation are left out. With
    ``dump``, Schrijfhulp's false alarms on the tuning part (never the held-out part) are written there as TSV
    (system, kind, rule, doubtful, original, first suggestion, sentence), to be read by hand."""
    dumped: list[str] = []
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
                    if dump is not None and split == "tuning" and name.startswith("Schrijfhulp"):
                        dumped.append("\t".join((name, finding_type(finding), finding.rule, str(finding.doubtful),
                                                 finding.original, (finding.suggestions or ("",))[0], sentence)))
            total = sum(kinds.values())
            detail = ", ".join(f"{k} {1000 * n / len(part):.0f}" for k, n in kinds.most_common())
            rate, doubt = 1000 * total / len(part), 1000 * doubtful / len(part)
            print(f"   {name:28} {rate:5.0f} ({doubt:.0f})  real errors {real:3}   {detail}")
    if dump is not None:
        dump.write_text("system\tkind\trule\tdoubtful\toriginal\tsuggestion\tsentence\n" + "\n".join(dumped) + "\n",
                        encoding="utf-8")
        print(f"   {len(dumped)} false alarms of the tuning part written to {dump}")


def real_error_cases() -> list[Case]:
    with (DATA / "real-errors" / "real-errors.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [Case(r["sentence"], int(r["start"]), int(r["end"]), r["type"], r["corrected_sentence"], r["split"])
            for r in rows]


def dump_path(prefix: Path | None, part: str) -> Path | None:
    """PREFIX-part.tsv, or None without a prefix."""
    return None if prefix is None else prefix.with_name(f"{prefix.name}-{part}.tsv")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=1311, help="how many Amsterdam sentences to use")
    parser.add_argument("--per-type", type=int, default=150, help="injected errors per type (both parts)")
    parser.add_argument("--model", action="store_true", help="add the model's confusion stage")
    parser.add_argument("--calibrate", nargs="?", const="all", choices=("all", "kinds", "rules", "rank"),
                        help="thresholds from the tuning parts (with --model): the kinds' margins, the rules' or all")
    parser.add_argument("--sections", default="1,2,3,4,5", help="which sections to run")
    parser.add_argument("--dump-false-alarms", type=Path, metavar="TSV",
                        help="write Schrijfhulp's false alarms on the tuning part (section 2) to this file")
    parser.add_argument("--dump-misses", type=Path, metavar="PREFIX",
                        help="write the last system's misses on the tuning part to PREFIX-injected.tsv and "
                             "PREFIX-real.tsv (sections 1 and 5)")
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
    letters = [(f"brief:{path.stem}", path.read_text(encoding="utf-8"))
               for path in sorted((DATA / "letters" / "texts").glob("*.txt"))]
    assert tools.confusion is not None and tools.articles is not None
    sources = [(d, s) for d, s, _row in correct] + government_sentences(letters)
    cases = injected_cases(sources, speller, tools.confusion, tools.articles, arguments.per_type)
    if "1" in sections:
        print(f"\n1. Injected errors in {len(sources)} correct government sentences (Amsterdam's simplified side "
              f"and the real letters; {len(cases)} cases, at most {arguments.per_type} per type)")
        print_table("Injected errors", systems, cases, dump_path(arguments.dump_misses, "injected"))
    if "2" in sections:
        print(f"\n2. False alarms on {len(correct)} correct Amsterdam sentences (spelling and grammar findings)")
        false_alarms(systems, correct, arguments.dump_false_alarms)
    if "3" in sections:
        readability(rows)
    if "4" in sections:
        speed(lists, tools.grammar)
    if "5" in sections:
        real = real_error_cases()
        print(f"\n5. Real errors (tests/data/real-errors, {len(real)} sentences from nl.wikipedia and real letters)")
        print_table("Real errors", systems, real, dump_path(arguments.dump_misses, "real"))
    if arguments.calibrate and scorer is not None:
        tuning_cases = [c for c in cases + real_error_cases() if c.split == "tuning"]
        tuning_clean = [s for d, s, _row in correct if split_of(d) == "tuning" and not DAMAGED.search(s)]
        if arguments.calibrate in ("all", "kinds"):
            calibrate(tools, scorer, tuning_cases, tuning_clean)
        if arguments.calibrate in ("all", "rules"):
            calibrate_rules(tools, scorer, tuning_cases, tuning_clean,
                            [s for d, s in government_sentences(letters) if split_of(d) == "tuning"])
        if arguments.calibrate in ("all", "rank"):
            calibrate_rank(tools, scorer, tuning_cases)
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
        if kind in CALIBRATION and judged:
            current = CALIBRATION[kind].margin
            recall = sum(h >= current for h in judged) / len(judged)
            now += f" → {recall:.0%}, {sum(a >= current for a in alarms)} alarms"
        cells = []
        for budget in (1, 2, 5, 10):
            allowed = int(budget * len(clean) / 1000)
            threshold = alarms[allowed] + 0.01 if len(alarms) > allowed else -99.0
            recall = sum(h >= threshold for h in judged) / len(judged) if judged else 0.0
            cells.append(f"{budget}/1000: {threshold:6.2f} → {recall:4.0%}")
        print(f"   {kind:10} (now {now}, {len(judged)} errors, {len(alarms)} candidates on correct text)  "
              + "   ".join(cells))
        if judged:  # fixed margins, not fitted to the highest false alarm: how much recall a wider margin costs
            fixed = "   ".join(f"{m:+.0f}: {sum(h >= m for h in judged) / len(judged):4.0%} / "
                               f"{sum(a >= m for a in alarms)}" for m in (-1.0, 0.0, 1.0, 2.0, 3.0))
            print(f"   {'':10} recall / alarms at fixed margins  {fixed}")


def calibrate_rules(tools: LanguageTools, scorer: object, cases: Sequence[Case], clean: Sequence[str],
                    letters: Sequence[str]) -> None:
    """The model's margins on the rules' own findings (tuning parts): for LanguageTool's grammar findings, the best
    suggestion's margin on the correct sentences (false alarms) and on the errors they find, for RULE_VETO; for the
    style findings' one-click replacements on the real letters, the lowest margins with their sentences, for
    FIX_DROP (read by hand: does the replacement break the sentence?)."""
    from desktop.core.language.confusion_candidates import FIX_KIND, RULE_KIND, with_fix_candidates

    rules = schrijfhulp_rules(tools)

    def judged(text: str, findings: Sequence[Finding], kind: str) -> list[tuple[Finding, float]]:
        candidates = [c for c in with_fix_candidates([], 0, len(text), findings) if c.kind == kind]
        scored = scorer.margins([(text, candidates)]) if candidates else None  # type: ignore[attr-defined]
        if not scored or scored[0] is None:
            return []
        by_span = {(c.start, c.end): max(m) for c, m in zip(candidates, scored[0], strict=True)}
        return [(f, by_span[(f.start, f.end)]) for f in findings if (f.start, f.end) in by_span]

    alarms = sorted(m for text in clean for _f, m in judged(text, rules(text), RULE_KIND))
    hits = []
    for case in cases:
        found = rules(case.text)
        hits += [m for f, m in judged(case.text, found, RULE_KIND) if f.start < case.end and case.start < f.end]
    hits.sort()
    print(f"\nLanguageTool's grammar findings judged by the model (tuning part): {len(alarms)} on correct sentences, "
          f"{len(hits)} on errors. Margins of the best suggestion:")
    print(f"   on correct sentences (lowest first): {' '.join(f'{m:.1f}' for m in alarms)}")
    print(f"   on errors (lowest first):            {' '.join(f'{m:.1f}' for m in hits[:40])}")
    style = []
    for text in letters:
        findings = [f for f in tools.grammar.check("s", text) if f.category is Category.STYLE and f.suggestions]
        style += [(m, f, text) for f, m in judged(text, findings, FIX_KIND)]
    style.sort(key=lambda item: item[0])
    print(f"\nOne-click style replacements on the tuning letters: {len(style)}; the lowest margins:")
    for margin, finding, text in style[:15]:
        print(f"   {margin:6.1f}  {finding.original!r} → {finding.suggestions[0]!r}: {text[:110]}")


def calibrate_rank(tools: LanguageTools, scorer: object, cases: Sequence[Case]) -> None:
    """The model's ranking of a misspelt word's suggestions (RANK_KIND), on the tuning part's errors that the rules
    find with a spelling finding of two or more suggestions: per lead (nats by which the model's preferred suggestion
    must beat the rules' first to take its place), how often the first suggestion is the right fix."""
    from desktop.core.language.confusion_candidates import RANK_KIND, with_fix_candidates

    rules = schrijfhulp_rules(tools)
    judged = []  # (case, finding, margins per suggestion)
    for case in cases:
        found = [f for f in rules(case.text) if f.start < case.end and case.start < f.end]
        if not found or found[0].category is not Category.SPELLING or len(found[0].suggestions) < 2:
            continue
        candidates = [c for c in with_fix_candidates([], 0, len(case.text), found[:1]) if c.kind == RANK_KIND]
        scored = scorer.margins([(case.text, candidates)]) if candidates else None  # type: ignore[attr-defined]
        if scored and scored[0] is not None:
            judged.append((case, found[0], dict(zip(candidates[0].alternatives, scored[0][0], strict=True))))
    print(f"\nSpelling suggestions ranked by the model (tuning part, {len(judged)} errors with 2+ suggestions): "
          "right fix first per lead")
    cells = []
    for lead in (None, 0.0, 1.0, 2.0, 3.0, 4.0, 6.0):
        right = 0
        for case, finding, margins in judged:
            first = finding.suggestions[0]
            if lead is not None:
                best = max(finding.suggestions, key=lambda s: margins.get(s, -1e9))
                if margins.get(best, -1e9) - margins.get(first, -1e9) > lead:
                    first = best
            right += case.text[: finding.start] + first + case.text[finding.end :] == case.correct
        cells.append(f"{'rules' if lead is None else f'{lead:.0f}'}: {right}")
    print("   " + "   ".join(cells))
    for case, finding, margins in judged:
        first, best = finding.suggestions[0], max(finding.suggestions, key=lambda s: margins.get(s, -1e9))
        if best != first:
            right = case.text[: finding.start] + best + case.text[finding.end :] == case.correct
            print(f"   {'+' if right else '-'} {finding.original!r}: {first!r} → {best!r} by "
                  f"{margins[best] - margins.get(first, -1e9):.1f}  ({case.kind})")


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
