"""Benchmark of the document engine against python-docx's plain open + save of the same file.

Run: .venv/bin/python bench/bench_docx.py [--repeat N]

Two documents are built from the real Dutch government letters in tests/data/letters/texts
with python-docx (headings, a bold first word per paragraph, a table, a header with the
organisation's name, a footer with a PAGE field):

* a 2-page letter (one letter of about 1,000 words), and
* a 100-page document (the letters repeated to about 50,000 words).

For each, measured side by side in this run (interleaved, median of the repeats):

* baseline: ``docx.Document(path)`` then ``.save(out)``;
* ours: ``open_document(path)`` (safety checks, parse, live text and offset map of every
  paragraph) then ``save_document(doc, suggestions, out)`` with one suggestion per ~50 words,
  each with an explanation (so a tracked change and a comment each), and once with none.

The printed ratio is ours / baseline: the engine's overhead over what python-docx alone costs.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.core.document.reader import Document, open_document  # noqa: E402
from desktop.core.document.writer import WriteOptions, save_document  # noqa: E402
from desktop.core.findings import Edit  # noqa: E402

LETTERS = REPO / "tests" / "data" / "letters" / "texts"
WORD = re.compile(r"[^\W\d_]{4,}")


def _page_field(paragraph: docx.text.paragraph.Paragraph) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            element = OxmlElement("w:instrText")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def build(target: Path, words_wanted: int) -> tuple[int, int]:
    """Write a document of about ``words_wanted`` words of real letters; (paragraphs, words)."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(LETTERS.glob("*.txt"))]
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Gemeente Voorbeeld · Afdeling Vergunningen"
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Pagina ")
    _page_field(footer)
    words = 0
    paragraphs = 0
    round_ = 0
    while words < words_wanted:
        for text in sorted(texts, key=lambda t: -len(t)) if words_wanted < 2000 else texts:
            blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
            document.add_heading(blocks[0][:80], level=1)
            for block in blocks[1:]:
                paragraph = document.add_paragraph()
                first, _space, rest = block.partition(" ")
                paragraph.add_run(first + " ").bold = True
                paragraph.add_run(rest)
                paragraphs += 1
                words += len(block.split())
                if words >= words_wanted:
                    break
            if round_ == 0:
                table = document.add_table(rows=2, cols=2)
                for (row, col), value in {(0, 0): "Zaaknummer", (0, 1): f"Z-2024-{round_:04d}"}.items():
                    table.cell(row, col).text = value
            if words >= words_wanted:
                break
        round_ += 1
    document.save(target)
    return paragraphs, words


def suggestions(doc: Document) -> list[Edit]:
    """One suggestion per ~50 words: every 8th word of 4+ letters in upper case, with a reason."""
    edits = []
    count = 0
    for paragraph in doc.paragraphs:
        for match in WORD.finditer(paragraph.text):
            count += 1
            word = match.group()
            if count % 8 == 0 and word != word.upper() and paragraph.writable(match.start(), match.end()):
                edits.append(Edit(paragraph.id, match.start(), match.end(), word.upper(), explanation="Nadruk."))
                break
    return edits


def measure(source: Path, folder: Path, repeat: int) -> dict[str, float]:
    """Median seconds of each variant, measured interleaved."""
    edits = suggestions(open_document(source))
    times: dict[str, list[float]] = {"baseline": [], "open": [], "write0": [], "writeN": []}
    for _ in range(repeat):
        started = time.perf_counter()
        docx.Document(source).save(folder / "base.docx")
        times["baseline"].append(time.perf_counter() - started)

        started = time.perf_counter()
        doc = open_document(source)
        times["open"].append(time.perf_counter() - started)

        started = time.perf_counter()
        save_document(doc, [], folder / "none.docx")
        times["write0"].append(time.perf_counter() - started)

        started = time.perf_counter()
        report = save_document(doc, edits, folder / "ours.docx", WriteOptions())
        times["writeN"].append(time.perf_counter() - started)
        if report.refused or len(report.applied) != len(edits):
            raise SystemExit(f"suggestions refused: {report.refused[:3]}")
    result = {key: statistics.median(values) for key, values in times.items()}
    result["suggestions"] = len(edits)
    return result


def main() -> None:
    """Build both documents, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-docx-") as tmp:
        folder = Path(tmp)
        rows = []
        for name, words in (("2-page letter", 1_000), ("100-page document", 50_000)):
            source = folder / f"{name.split()[0]}.docx"
            paragraphs, word_count = build(source, words)
            result = measure(source, folder, args.repeat)
            rows.append((name, paragraphs, word_count, source.stat().st_size, result))

    print(f"python {sys.version.split()[0]}, python-docx {docx.__version__ if hasattr(docx, '__version__') else '?'}")
    print(f"median of {args.repeat} interleaved runs; ratio = ours / (python-docx open + save)\n")
    header = (
        f"{'document':<18} {'paras':>6} {'words':>7} {'sugg.':>6} {'python-docx':>12} "
        f"{'open+offsets':>13} {'write 0':>9} {'write N':>9} {'ratio 0':>8} {'ratio N':>8}"
    )
    print(header)
    print("-" * len(header))
    for name, paragraphs, word_count, _size, r in rows:
        ratio_none = (r["open"] + r["write0"]) / r["baseline"]
        ratio_all = (r["open"] + r["writeN"]) / r["baseline"]
        print(
            f"{name:<18} {paragraphs:>6} {word_count:>7} {int(r['suggestions']):>6} {r['baseline']:>11.3f}s "
            f"{r['open']:>12.3f}s {r['write0']:>8.3f}s {r['writeN']:>8.3f}s {ratio_none:>7.2f}x {ratio_all:>7.2f}x"
        )
    print(
        "\nratio 0: open + offsets + write without suggestions; ratio N: with one tracked change and"
        " comment per ~50 words."
    )


if __name__ == "__main__":
    main()
