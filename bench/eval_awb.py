"""Evaluate the decision review (Besluit-eisen) on real published decisions and variants made from them.

Usage: PYTHONPATH=$PWD .venv/bin/python bench/eval_awb.py [--errors] [--code CHECKOUT]

Reads tests/data/decisions (manifest.jsonl: each text with the verdict a jurist gives it per item), makes
variants of every decision from its original by code (remedies clause removed; the term changed to four or
to eight weeks; the body removed; kenmerk and signature removed; the motivation cut to one ground), runs
``review_document`` on each and prints the accuracy per item — classification, clause, term, body,
contents, kenmerk, signature, mandate, motivation — for the originals and the variants, for the tuning
part, the held-out part (odd ids) and the blind part (labelled before the review saw it) separately (see
tests/data/decisions/README.md for how each was used), and the false "missing"
verdicts on originals (a verdict "missing" where the item is there: the worst error, target 0).

An expected verdict may allow more than one answer ("present|doubtful") where a careful jurist could give
either; "-" is not scored. ``--code`` evaluates the review of another checkout on the same set, for the
baseline side by side: ``git worktree add /tmp/awb-old 2bf47fd`` (the review before issue 16), then
``bench/eval_awb.py --code /tmp/awb-old``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if "--code" in sys.argv:  # another checkout's review, for the baseline (see the module docstring)
    sys.path.insert(0, str(Path(sys.argv[sys.argv.index("--code") + 1]).resolve()))

from desktop.core.language.awb import review_document  # noqa: E402
from desktop.core.language.sentences import split_sentences  # noqa: E402

DATA = ROOT / "tests" / "data" / "decisions"
ITEMS = {
    "classification": "",
    "clause": "bezwaarclausule",
    "term": "bezwaartermijn",
    "body": "bezwaarorgaan",
    "contents": "bezwaarvereisten",
    "kenmerk": "kenmerk",
    "signature": "ondertekening",
    "mandate": "mandaat",
    "motivation": "motivering",
}
NOT_SIGNED = "inapplicable|doubtful"


@dataclass
class Case:
    """One text to review and the verdicts expected for it."""

    id: str
    split: str
    variant: str
    paragraphs: list[str]
    expected: dict[str, str]


@dataclass
class Tally:
    """Correct and scored verdicts per item."""

    correct: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    scored: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    false_missing: int = 0


def _lines(paragraphs: list[str]) -> list[tuple[int, str]]:
    return [(i, line) for i, text in enumerate(paragraphs) for line in text.split("\n")]


def _join(lines: list[tuple[int, str]]) -> list[str]:
    grouped: dict[int, list[str]] = defaultdict(list)
    for index, line in lines:
        grouped[index].append(line)
    return [text for _i, parts in sorted(grouped.items()) if (text := "\n".join(parts).strip())]


def _span(lines: list[tuple[int, str]], first: str, last: str) -> tuple[int, int]:
    start = next(i for i, (_p, line) in enumerate(lines) if line.strip().startswith(first))
    end = next(i for i in range(start, len(lines)) if lines[i][1].strip().startswith(last))
    return start, end


def remove_lines(paragraphs: list[str], first: str, last: str) -> list[str]:
    """Without the lines from the one starting with ``first`` to the one starting with ``last``."""
    lines = _lines(paragraphs)
    start, end = _span(lines, first, last)
    return _join(lines[:start] + lines[end + 1 :])


def keep_one_ground(paragraphs: list[str], first: str, last: str) -> list[str]:
    """Only the first sentence of the first ground between the lines starting with ``first`` and ``last``."""
    lines = _lines(paragraphs)
    start, end = _span(lines, first, last)
    index, line = lines[start]
    sentence = split_sentences(line)[0].text
    return _join([*lines[:start], (index, sentence), *lines[end + 1 :]])


def replace(paragraphs: list[str], old: str, new: str) -> list[str]:
    """``old`` replaced by ``new`` once; an error when ``old`` is not in the text."""
    text = "\n\n".join(paragraphs)
    if old not in text:
        raise ValueError(f"{old!r} not in the text")
    return [p.strip() for p in text.replace(old, new, 1).split("\n\n") if p.strip()]


def _variants(row: dict, paragraphs: list[str]) -> Iterator[tuple[str, list[str], dict[str, str]]]:
    expected, edits = dict(row["expected"]), row["edits"]
    if expected["classification"] != "besluit":
        return
    if "clause" in edits:
        text = remove_lines(paragraphs, *edits["clause"])
        yield "zonder clausule", text, {**expected, "clause": "missing", "term": "-", "body": "-", "contents": "-"}
    if "term" in edits:
        phrase = edits["term"]
        for words, digits in (("vier weken", "4 weken"), ("acht weken", "8 weken")):
            wrong = digits if phrase[0].isdigit() else words
            yield f"termijn {words}", replace(paragraphs, phrase, wrong), {**expected, "term": "wrong"}
    if "body" in edits:
        pairs = edits["body"] if isinstance(edits["body"][0], list) else [edits["body"]]
        text = paragraphs
        for old, new in pairs:
            text = replace(text, old, new)
        yield "zonder orgaan", text, {**expected, "body": "missing"}
    if "kenmerk" in edits or "signature" in edits:
        text = paragraphs
        for kenmerk in edits.get("kenmerk", []):
            text = replace(text, kenmerk, "")
        changed = {**expected, "kenmerk": "missing", "signature": "missing"}
        if "signature" in edits:
            text = replace(text, *edits["signature"])
            changed["mandate"] = edits.get("mandate_without_signature", NOT_SIGNED)
        yield "zonder kenmerk en ondertekening", text, changed
    if "grounds" in edits:
        thin = edits.get("one_ground", "doubtful")
        yield "motivering één regel", keep_one_ground(paragraphs, *edits["grounds"]), {**expected, "motivation": thin}


def cases() -> Iterator[Case]:
    """Every original and every variant of the evaluation set."""
    for line in (DATA / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = (DATA / row["file"]).read_text(encoding="utf-8")
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        yield Case(row["id"], row["split"], "origineel", paragraphs, row["expected"])
        for name, changed, expected in _variants(row, paragraphs):
            yield Case(row["id"], row["split"], name, changed, expected)


def verdicts(paragraphs: list[str]) -> dict[str, str]:
    """The review's verdict per item ("absent" when the review has no such item)."""
    review = review_document([(f"p{i}", text) for i, text in enumerate(paragraphs)])
    status = {item.check: item.status for item in review.items}
    found = {name: status.get(check, "absent") for name, check in ITEMS.items() if check}
    found["classification"] = "besluit" if review.kind == "besluit" else "brief"
    return found


def evaluate(show_errors: bool, out: Callable[[str], None] = print) -> dict[tuple[str, str], Tally]:
    """Run the review on every case; print the table (and the errors); return the tallies."""
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    count: dict[tuple[str, str], int] = defaultdict(int)
    for case in cases():
        group = ("originelen" if case.variant == "origineel" else "varianten", case.split)
        count[group] += 1
        found = verdicts(case.paragraphs)
        tally = tallies[group]
        for item in ITEMS:
            wanted = case.expected.get(item, "-")
            if wanted == "-":
                continue
            tally.scored[item] += 1
            if found[item] in wanted.split("|"):
                tally.correct[item] += 1
            elif show_errors:
                out(f"  {case.id} {case.variant:34} {item:14} verwacht {wanted:28} gevonden {found[item]}")
            if case.variant == "origineel" and found[item] == "missing" and "missing" not in wanted.split("|"):
                tally.false_missing += 1
    out("")
    header = f"{'':26}" + "".join(f"{item[:10]:>11}" for item in ITEMS) + f"{'vals ✗':>9}"
    out(header)
    order = {"tune": 0, "heldout": 1, "blind": 2}
    for group in sorted(tallies, key=lambda g: (g[0] != "originelen", order.get(g[1], 3))):
        tally = tallies[group]
        cells = "".join(
            f"{tally.correct[item] / tally.scored[item]:>11.2f}" if tally.scored[item] else f"{'—':>11}"
            for item in ITEMS
        )
        label = f"{group[0]} {group[1]} ({count[group]})"
        missing = str(tally.false_missing) if group[0] == "originelen" else ""
        out(f"{label:26}{cells}{missing:>9}")
    out("")
    out("Per cel: juist / beoordeeld; 'vals ✗' = onterecht 'ontbreekt' op een origineel. Held-out = oneven id's; "
        "blind = 302–305.")
    return tallies


def main(argv: list[str] | None = None) -> int:
    """Print the evaluation."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every wrong verdict")
    parser.add_argument("--code", type=Path, help="a checkout whose review to evaluate (default: this one)")
    args = parser.parse_args(argv)
    evaluate(args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
