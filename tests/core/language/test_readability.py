"""Readability measures, the level estimate and B1 findings on real Dutch text."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from desktop.core.findings import Category
from desktop.core.language.readability import (
    ReadabilityChecker,
    difficulty,
    estimate_level,
    measure_document,
    measure_paragraph,
    syllables,
)
from desktop.core.language.sentences import split_sentences, words

pytestmark = pytest.mark.core


def _paragraphs(test_data: Path, name: str) -> list[tuple[str, str]]:
    text = (test_data / "letters" / "texts" / name).read_text(encoding="utf-8")
    return [(f"p{i}", p) for i, p in enumerate(text.split("\n\n"))]


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("gemeente", 3),
        ("informatie", 4),
        ("bezwaarschrift", 3),
        ("idee", 2),
        ("geïnformeerd", 4),
        ("natuur", 2),
    ],
)
def test_syllables(word, count):
    assert syllables(word) == count


def test_sentences_keep_dutch_abbreviations_together():
    text = (
        "Geachte dhr. Jansen, u kunt ons bellen op tel. 020-1234567. "
        "Op 5 jan. 2024 ontvingen wij art. 3 terug."
    )
    spans = split_sentences(text)
    assert [s.text for s in spans] == [
        "Geachte dhr. Jansen, u kunt ons bellen op tel. 020-1234567.",
        "Op 5 jan. 2024 ontvingen wij art. 3 terug.",
    ]
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert [w.text for w in words("Zie d.d. 5 maart i.v.m. de aanvraag.")] == [
        "Zie",
        "d.d.",
        "5",
        "maart",
        "i.v.m.",
        "de",
        "aanvraag",
    ]


def test_long_officialese_sentence_gets_a_finding_with_reason(test_data):
    """016: the 'Middels dit schrijven' sentence has far more than 20 words; the short question does not."""
    pid, text = _paragraphs(test_data, "016_brief.txt")[2]
    findings = list(ReadabilityChecker().check(pid, text))
    assert findings and findings[0].original.startswith("Middels dit schrijven")
    assert findings[0].category is Category.READABILITY
    assert "woorden; B1: hooguit 20" in findings[0].message
    question = _paragraphs(test_data, "016_brief.txt")[4]
    assert list(ReadabilityChecker().check(*question)) == []


def test_target_is_configurable(test_data):
    pid, text = next(p for p in _paragraphs(test_data, "014_brief.txt") if p[1].startswith("Eerder hebben"))
    assert list(ReadabilityChecker(max_sentence_words=20).check(pid, text)) == []
    assert list(ReadabilityChecker(max_sentence_words=10).check(pid, text))


def test_levels_and_reasons_for_real_documents(test_data):
    plain = measure_document(_paragraphs(test_data, "014_brief.txt"))
    dense = measure_document(_paragraphs(test_data, "016_brief.txt"))
    assert plain.level.level in ("A2", "B1")
    assert dense.level.level in ("B2", "C1+")
    assert len(dense.level.reasons) == 3
    assert any("lettergrepen per woord; B1: hooguit 1,6" in reason for reason in dense.level.reasons)
    assert difficulty(plain.counts) < difficulty(dense.counts)


def test_passive_and_nominalisation_are_counted():
    sentence = measure_paragraph(
        "p", "De aanvraag wordt door de gemeente behandeld na de verlening van de vergunning."
    )
    assert sentence.sentences[0].passive
    assert "verlening" in sentence.sentences[0].nominalisations
    active = measure_paragraph("p", "De gemeente behandelt uw aanvraag binnen acht weken.")
    assert not active.sentences[0].passive


def test_amsterdam_simplified_side_scores_easier_for_most_pairs(test_data):
    with (test_data / "simplification" / "amsterdam-complex-simple.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["Complex"].strip() != r["Simple"].strip()][:300]
    easier = sum(
        difficulty(measure_paragraph("s", r["Simple"]).counts)
        < difficulty(measure_paragraph("c", r["Complex"]).counts)
        for r in rows
    )
    assert easier / len(rows) >= 0.65


def test_estimate_level_of_empty_text():
    assert estimate_level(measure_paragraph("p", "").counts).level == "A2"
