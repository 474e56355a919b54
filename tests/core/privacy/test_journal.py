"""The decisions journal: decisions come back on the same file, and the journal holds no text of it."""

from __future__ import annotations

import json
import os
import stat
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.core.analysis import LanguageTools, ParagraphFindings, run_analysis
from desktop.core.document.reader import Document, open_document
from desktop.core.findings import Category, Finding, Source
from desktop.core.policy.settings import load_settings
from desktop.core.privacy import journal
from desktop.core.privacy.retention import enforce_retention
from desktop.core.session import ConflictError, Decision, ReviewSession

pytestmark = [pytest.mark.core, pytest.mark.slow]


def _findings(document: Document, tools: LanguageTools) -> list[Finding]:
    latest: dict[str, tuple[Finding, ...]] = {}
    for item in run_analysis(document, load_settings(registry=dict), threading.Event(), tools):
        if isinstance(item, ParagraphFindings):
            latest[item.paragraph] = item.findings
    return [f for findings in latest.values() for f in findings]


def _decided(document: Document, findings: list[Finding]) -> ReviewSession:
    """Accept every other suggestion (the second one where there is one), reject the rest; ignore one rule."""
    session = ReviewSession(str(document.path), document.sha256)
    session.add(findings)
    for n, finding in enumerate(findings):
        try:
            if finding.suggestions and n % 2 == 0:
                session.decide([finding.id], Decision.ACCEPTED, min(1, len(finding.suggestions) - 1))
            else:
                session.decide([finding.id], Decision.REJECTED)
        except ConflictError:
            continue
    session.ignore_rule(next(f.rule for f in findings if f.id not in session.decisions or f.rule.startswith("LT:")))
    return session


def test_decisions_come_back_on_the_same_file_without_its_text(
    letter_docx: Callable[..., Path], language_tools: LanguageTools
) -> None:
    document = open_document(letter_docx("003_besluit"))
    findings = _findings(document, language_tools)
    session = _decided(document, findings)
    accepted = [fid for fid, (d, _c) in session.decisions.items() if d is Decision.ACCEPTED]
    assert len(accepted) >= 4 and len(session.decisions) > len(accepted)
    assert any(choice == 1 for _d, choice in session.decisions.values())

    path = journal.write(session)
    raw = path.read_text(encoding="utf-8")
    # No document text, no suggested text, no rule code, no path or name: only ids, offsets and digests.
    record = json.loads(raw)
    assert set(record) == {"version", "document", "saved_at", "saved", "decisions", "ignored_rules", "document_kind"}
    assert all(set(entry) == {"paragraph", "start", "end", "source", "decision", "choice", "check"}
               for entry in record["decisions"])
    for finding in findings:
        for text in (finding.original, *finding.suggestions, finding.rule):
            if len(text.strip()) >= 3:
                assert text not in raw, text
    assert document.path.stem not in raw and document.sha256 not in raw
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700

    # The same file, analysed again: every decision and the ignored rule come back.
    kept = journal.load(str(document.path), document.sha256)
    assert kept is not None and not kept.saved
    again = _findings(open_document(document.path), language_tools)
    matched = journal.match(kept, again, document.sha256)
    assert matched.decisions == session.decisions and matched.left == ()
    assert journal.ignored_rules(kept, again, document.sha256) == session.ignored_rules
    assert kept.document_kind is None
    session.document_kind = "brief"  # the user said it is no decision
    journal.write(session)
    assert (journal.load(str(document.path), document.sha256) or kept).document_kind == "brief"


def test_nothing_is_taken_over_by_another_version_or_a_changed_suggestion(
    letter_docx: Callable[..., Path], language_tools: LanguageTools
) -> None:
    document = open_document(letter_docx("003_besluit"))
    findings = _findings(document, language_tools)
    session = _decided(document, findings)
    journal.write(session, saved=True)

    changed = letter_docx("003_besluit", ("Dinteloord", "Steenbergen"))
    assert changed == document.path  # the same path, other bytes
    assert len(list(journal.journal_dir().iterdir())) == 1  # the journal is there, but not for these bytes
    assert journal.load(str(changed), open_document(changed).sha256) is None

    kept = journal.load(str(document.path), document.sha256)
    assert kept is not None and kept.saved
    # A suggestion list that changed (a word list was updated): that acceptance is not taken over.
    accepted = next(f for f in findings if session.decision(f.id) == (Decision.ACCEPTED, 0) and f.suggestions)
    other = [replace(f, suggestions=("iets anders",)) if f.id == accepted.id else f for f in findings]
    matched = journal.match(kept, other, document.sha256)
    assert accepted.id not in matched.decisions and len(matched.left) == 1
    assert len(matched.decisions) == len(session.decisions) - 1


def test_model_rewrites_are_counted_as_left_and_old_journals_are_purged(
    letter_docx: Callable[..., Path], language_tools: LanguageTools
) -> None:
    document = open_document(letter_docx("003_besluit"))
    text = document.paragraph("p5").text
    start = text.index("door middel van")
    rewrite = Finding("p5", start, start + 15, "door middel van", Category.STYLE, "model-b1", Source.MODEL,
                      "Eenvoudiger.", ("met",), group="g1")
    session = ReviewSession(str(document.path), document.sha256)
    session.add([rewrite])
    session.decide([rewrite.id], Decision.ACCEPTED)
    journal.write(session)
    kept = journal.load(str(document.path), document.sha256)
    assert kept is not None
    matched = journal.match(kept, _findings(document, language_tools), document.sha256)
    assert matched.decisions == {} and matched.model_left == 1

    (journal.journal_dir() / "kapot.json").write_text("{niet eens json", encoding="utf-8")
    settings = load_settings(registry=dict)
    assert enforce_retention(settings).journals_removed == 1  # the unreadable file
    later = time.time() + (settings.privacy.retention_days + 1) * 86_400
    assert enforce_retention(settings, now=later).journals_removed == 1
    assert not os.listdir(journal.journal_dir())
