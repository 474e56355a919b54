"""The real-world corpus (tests/data/docx): every file is read and written, or refused clearly.

For each of the 228 files: open it; a refusal must be a DocumentError with a Dutch message. An
opened file gets one suggestion with an explanation on its first suitable paragraph (the first
writable word of three letters or more becomes upper case; failing that, an insertion at the end
of the first paragraph that takes one) and is written. Then:

* every zip member the writer did not report as changed is byte-identical to the input's, and
  only the edited story, the comments part, the document's relationships and the content types
  may change;
* rejecting every revision in the changed story gives back the input's story exactly (modulo run
  splitting), and the edited paragraph reads as intended;
* the output breaks no revision rule and has no schema error the input did not already have;
* LibreOffice converts every written file (one soffice run for all of them).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from desktop.core.document.reader import Document, DocumentError, ParagraphKind, open_document
from desktop.core.document.writer import save_document
from desktop.core.findings import Edit
from tests.ooxml_oracle import (
    body_texts,
    canonical,
    convert_to_pdf,
    new_revision_problems,
    new_schema_errors,
    normalize,
    parse,
    read_parts,
    reject_all,
    soffice,
)

pytestmark = [pytest.mark.core, pytest.mark.slow]

WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass
class CorpusRun:
    outcomes: Counter[str] = field(default_factory=Counter)
    written: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _suggestion(doc: Document) -> Edit | None:
    for paragraph in doc.paragraphs:
        for match in WORD.finditer(paragraph.text):
            if paragraph.writable(match.start(), match.end()):
                word = match.group()
                replacement = word.upper() if word.upper() != word else word + "x"
                return Edit(paragraph.id, match.start(), match.end(), replacement, explanation="Test van Schrijfhulp.")
    for paragraph in doc.paragraphs:
        end = len(paragraph.text)
        if paragraph.writable(end, end):
            return Edit(paragraph.id, end, end, " Schrijfhulp", explanation="Invoeging.")
    return None


def _check(source: Path, target: Path, doc: Document, edit: Edit | None, changed: tuple[str, ...]) -> list[str]:
    problems: list[str] = []
    before, after = read_parts(source), read_parts(target)
    differing = {name for name in after if before.get(name) != after[name]}
    if differing != set(changed) or set(before) - set(after):
        problems.append(f"changed members {sorted(differing)} but reported {sorted(changed)}")
    if edit is None:
        return problems if not differing else [*problems, "changed without a suggestion"]
    paragraph = doc.paragraph(edit.paragraph)
    story = paragraph.story.partname.lstrip("/")
    allowed = {story, "[Content_Types].xml", "word/_rels/document.xml.rels"}
    extra = {name for name in differing - allowed if not name.startswith("word/comments")}
    if extra:
        problems.append(f"unexpected changes in {sorted(extra)}")
    original, written = parse(before[story]), parse(after[story])
    if canonical(normalize(reject_all(original))) != canonical(normalize(reject_all(written))):
        problems.append("rejecting every revision does not restore the story")
    expected = paragraph.text[: edit.start] + edit.replacement + paragraph.text[edit.end :]
    if paragraph.kind in (ParagraphKind.BODY, ParagraphKind.TABLE_CELL):
        ids = [p.id for p in doc.paragraphs if p.kind in (ParagraphKind.BODY, ParagraphKind.TABLE_CELL)]
        actual = body_texts(written)[ids.index(paragraph.id)]
    else:
        actual = open_document(target).paragraph(paragraph.id).text
    if actual != expected:
        problems.append(f"edited paragraph reads {actual[:60]!r}, expected {expected[:60]!r}")
    problems += new_revision_problems(before, after)
    problems += [f"new schema error {error}" for error in new_schema_errors(source, target)]
    return problems


@pytest.fixture(scope="module")
def corpus_run(test_data: Path, tmp_path_factory: pytest.TempPathFactory) -> CorpusRun:
    out = tmp_path_factory.mktemp("corpus-out")
    run = CorpusRun()
    files = sorted((test_data / "docx").glob("*/*.docx"))
    assert len(files) == 228
    for source in files:
        try:
            doc = open_document(source)
        except DocumentError as exc:
            assert str(exc).startswith("Het ") and exc.path == source, source.name
            run.outcomes[f"refused: {type(exc).__name__}"] += 1
            continue
        edit = _suggestion(doc)
        target = out / source.name
        report = save_document(doc, [edit] if edit else [], target)
        if report.refused:
            run.problems.append(f"{source.name}: suggestion refused: {report.refused[0][1]}")
        run.outcomes["written with a suggestion" if edit else "written, no writable text"] += 1
        run.written.append(target)
        run.problems += [
            f"{source.name}: {problem}" for problem in _check(source, target, doc, edit, report.parts_changed)
        ]
    print(f"\ncorpus: {dict(sorted(run.outcomes.items()))}")
    return run


def test_every_file_is_written_or_refused_clearly(corpus_run: CorpusRun) -> None:
    assert corpus_run.problems == []
    assert corpus_run.outcomes == {
        "written with a suggestion": 190,
        "written, no writable text": 10,
        "refused: CorruptDocumentError": 17,
        "refused: StrictOoxmlError": 5,
        "refused: EncryptedDocumentError": 4,
        "refused: NotDocxError": 2,
    }


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_every_written_file(corpus_run: CorpusRun, tmp_path: Path) -> None:
    results = convert_to_pdf(corpus_run.written, tmp_path / "pdf")
    failed = sorted(path.name for path, pdf in results.items() if pdf is None)
    print(f"\nLibreOffice converted {len(results) - len(failed)} of {len(results)} written files")
    assert failed == []
