"""run_analysis on real letters: order of stages, merged duplicates, settings, cancelling, the review."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core import paths
from desktop.core.analysis import (
    LanguageTools,
    LevelReport,
    Notice,
    ParagraphFindings,
    Progress,
    ReviewReport,
    model_jobs,
    run_analysis,
)
from desktop.core.document.reader import open_document
from desktop.core.document.samples import text_to_docx
from desktop.core.findings import Category, Finding, Source
from desktop.core.language.spelling import NAME_RULE
from desktop.core.model.guards import Task
from desktop.core.model.jobs import ModelJob
from desktop.core.policy.settings import load_settings

pytestmark = [pytest.mark.core, pytest.mark.slow]


def _run(path: Path, tools: LanguageTools, cancel: threading.Event | None = None) -> list[object]:
    return list(run_analysis(open_document(path), load_settings(registry=dict), cancel or threading.Event(), tools))


def _final(items: list[object]) -> dict[str, tuple[Finding, ...]]:
    latest: dict[str, tuple[Finding, ...]] = {}
    for item in items:
        if isinstance(item, ParagraphFindings):
            latest[item.paragraph] = item.findings
    return latest


def test_cheap_checks_come_first_then_review_then_grammar(
    letter_docx: Callable[..., Path], language_tools: LanguageTools
) -> None:
    items = _run(letter_docx("003_besluit"), language_tools)
    stages = [item.stage for item in items if isinstance(item, Progress)]
    first_grammar = stages.index("Grammatica en stijl")
    assert set(stages[:first_grammar]) == {"Spelling en woordkeus"}
    assert set(stages[first_grammar:]) == {"Grammatica en stijl"}
    kinds = [type(item).__name__ for item in items]
    assert kinds.index("ReviewReport") < kinds.index("Progress", kinds.index("LevelReport"))
    assert not any(isinstance(item, Notice) for item in items)


def test_real_errors_and_officialese_are_found_with_reasons(
    letter_docx: Callable[..., Path], language_tools: LanguageTools
) -> None:
    findings = [f for fs in _final(_run(letter_docx("003_besluit"), language_tools)).values() for f in fs]
    spelling = [f for f in findings if f.original == "adminitratieve"]
    assert [(f.category, f.suggestions[0]) for f in spelling] == [(Category.SPELLING, "administratieve")]
    assert any(f.original == "door middel van" and f.category is Category.STYLE and f.suggestions for f in findings)
    long_sentences = [f for f in findings if f.category is Category.READABILITY]
    assert long_sentences and all("woorden" in f.message or "lettergrepen" in f.message for f in long_sentences)
    assert all(f.message.strip() for f in findings)


def test_duplicates_from_two_checks_become_one_finding_with_both_reasons(
    letter_docx: Callable[..., Path], language_tools: LanguageTools
) -> None:
    findings = [f for fs in _final(_run(letter_docx("003_besluit"), language_tools)).values() for f in fs]
    dient = [f for f in findings if "dient te" in f.original and f.suggestions]
    assert len(dient) == 1
    [merged] = dient
    assert (merged.rule, merged.source, merged.suggestions) == ("B1:dient te", Source.WORDLIST, ("moet",))
    assert [rule for rule, _message in merged.also] == ["LT:DIENEN_TE"]
    assert len(merged.reasons) == 2 and "Ambtelijk woord" in merged.reasons[0]


def test_findings_never_overlap_when_both_carry_suggestions(
    letter_docx: Callable[..., Path], language_tools: LanguageTools
) -> None:
    for name in ("003_besluit", "016_brief", "001_besluit"):
        for findings in _final(_run(letter_docx(name), language_tools)).values():
            fixes = [f for f in findings if f.suggestions]
            for i, a in enumerate(fixes):
                assert not any(a.overlaps(b) for b in fixes[i + 1 :]), (name, a)


def test_switched_off_checks_report_nothing(letter_docx: Callable[..., Path], language_tools: LanguageTools) -> None:
    (paths.user_config_dir() / "settings.toml").write_text(
        "[checks]\nspelling = false\nreadability = false\ndecision = false\n", encoding="utf-8"
    )
    items = list(run_analysis(open_document(letter_docx("003_besluit")), load_settings(registry=dict),
                              threading.Event(), language_tools))
    findings = [f for fs in _final(items).values() for f in fs]
    assert findings and not any(f.category in (Category.SPELLING, Category.READABILITY) for f in findings)
    assert not any(isinstance(item, ReviewReport) for item in items)


def test_cancel_stops_between_paragraphs(letter_docx: Callable[..., Path], language_tools: LanguageTools) -> None:
    cancel = threading.Event()
    seen = []
    for item in run_analysis(open_document(letter_docx("016_brief")), load_settings(registry=dict), cancel,
                             language_tools):
        seen.append(item)
        if isinstance(item, Progress) and item.done == 2:
            cancel.set()
    progress = [item for item in seen if isinstance(item, Progress)]
    assert progress[-1].done == 2 and progress[-1].total > 2


def test_levels_per_paragraph_and_document(letter_docx: Callable[..., Path], language_tools: LanguageTools) -> None:
    levels = [item for item in _run(letter_docx("016_brief"), language_tools) if isinstance(item, LevelReport)]
    document = [level for level in levels if level.paragraph is None]
    assert len(document) == 1 and document[0].estimate.level in ("B2", "C1+")
    assert len(document[0].estimate.reasons) == 3
    assert all(level.words >= 8 for level in levels if level.paragraph is not None)


def test_a_wrong_term_in_a_decision_becomes_a_finding(
    letter_docx: Callable[..., Path], language_tools: LanguageTools
) -> None:
    path = letter_docx("006_besluit", ("binnen 6 weken", "binnen vier weken"))
    items = _run(path, language_tools)
    [review] = [item.review for item in items if isinstance(item, ReviewReport)]
    assert review.kind == "besluit"
    term = next(i for i in review.items if i.check == "bezwaartermijn")
    assert term.status == "wrong" and "vier weken" in (term.quote or "")
    findings = [f for fs in _final(items).values() for f in fs]
    assert any(f.category is Category.DECISION and "vier weken" in f.original for f in findings)


def test_model_jobs_are_named_spans_of_the_flagged_sentences(
    letter_docx: Callable[..., Path], language_tools: LanguageTools
) -> None:
    document = open_document(letter_docx("003_besluit"))
    final = _final(_run(document.path, language_tools))
    jobs = [job for p in document.paragraphs for job in model_jobs(p, final.get(p.id, ()))]
    long_sentences = {(f.paragraph, f.start, f.end) for fs in final.values() for f in fs
                      if f.category is Category.READABILITY}
    b1 = [job for job in jobs if job.task is Task.B1]
    assert {(job.paragraph, job.start, job.end) for job in b1} == long_sentences and b1
    for job in jobs:
        paragraph = document.paragraph(job.paragraph)
        assert job.text == paragraph.text and job.original == paragraph.text[job.start:job.end]
        assert (job.task is Task.CORRECTION) == bool(job.problems)
    corrections = [job for job in jobs if job.task is Task.CORRECTION]
    assert all("‘" in job.problems for job in corrections)


def test_a_b1_rewrite_job_covers_the_whole_paragraph() -> None:
    job = ModelJob.b1_rewrite("p7", "Een zin. Nog een zin.")
    assert (job.task, job.paragraph, job.start, job.end, job.original) == (
        Task.B1, "p7", 0, 21, "Een zin. Nog een zin.")


def test_a_probable_name_is_no_correction_job_for_the_model(tmp_path: Path) -> None:
    # "Gerdo" stands in the letter's own signature: a name finding without a correction, not a typo to fix.
    document = open_document(text_to_docx("De burgemeester Gerdo ondertekent de brief.", tmp_path / "brief.docx"))
    [paragraph] = [p for p in document.paragraphs if p.text]
    at = paragraph.text.index("Gerdo")
    name = Finding(paragraph.id, at, at + 5, "Gerdo", Category.SPELLING, NAME_RULE, Source.RULE, "naam?", ())
    typo = Finding(paragraph.id, 3, 15, "burgemeester", Category.SPELLING, "OPENTAAL", Source.RULE, "?", ())
    assert model_jobs(paragraph, [name]) == []
    assert [job.task for job in model_jobs(paragraph, [name, typo])] == [Task.CORRECTION]
