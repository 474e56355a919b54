"""Build resources/prompts/b1-voorbeelden.tsv: expert pairs the B1 prompt shows as examples.

The City of Amsterdam pairs (tests/data/simplification, EUPL-1.2) are split by document: documents whose
id is a multiple of 3 are held out for bench/eval_b1_quality.py and never become examples. From the
other (tuning) documents a pair becomes an example when the expert's simple side is clearly easier, keeps
every fact, and passes the content guard (every content word kept, nothing added) or keeps every
content word: the examples show the model the kind of rewrite the guards accept.

Run: PYTHONPATH=$PWD .venv/bin/python scripts/b1_examples.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.core.language.readability import difficulty, measure_paragraph  # noqa: E402
from desktop.core.language.wordlists import WordLists  # noqa: E402
from desktop.core.model.examples import EXAMPLES_FILE, is_held_out  # noqa: E402
from desktop.core.model.guards.content import content_guard, content_recall  # noqa: E402
from desktop.core.model.guards.facts import extract_facts, fact_keys  # noqa: E402

PAIRS = REPO / "tests" / "data" / "simplification" / "amsterdam-complex-simple.csv"
MIN_WORDS = 14
MIN_GAIN = 0.1


def main() -> int:
    """Write the examples file and say how many pairs it holds."""
    b1 = WordLists.load_default().b1
    with PAIRS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    kept: list[tuple[str, str, str]] = []
    for row in rows:
        complex_, simple = row["Complex"].strip(), row["Simple"].strip()
        if is_held_out(int(row["Document ID"])) or complex_ == simple or len(complex_.split()) < MIN_WORDS:
            continue
        gain = difficulty(measure_paragraph("c", complex_).counts) - difficulty(measure_paragraph("s", simple).counts)
        if gain < MIN_GAIN or fact_keys(extract_facts(complex_)) != fact_keys(extract_facts(simple)):
            continue
        words_kept, total = content_recall(complex_, simple, b1)
        if content_guard(complex_, simple, b1) == [] or (total and words_kept == total):
            kept.append((row["Document ID"], complex_, simple))
    target = REPO / "resources" / "prompts" / EXAMPLES_FILE
    with target.open("w", encoding="utf-8", newline="") as handle:
        handle.write("# Expert B1 rewrites from the City of Amsterdam (EUPL-1.2), tuning documents only;\n")
        handle.write("# made by scripts/b1_examples.py. Columns: document, complex, simple.\n")
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerows(kept)
    print(f"{target}: {len(kept)} examples from the tuning documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
