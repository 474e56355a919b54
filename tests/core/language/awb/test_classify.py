"""Decision or letter, from the signs in real published decisions, letters, rulings and information pages."""

from __future__ import annotations

import pytest

from desktop.core.language.awb import review_document
from tests.core.language.decisions import DECISIONS, as_paragraphs, manifest

pytestmark = pytest.mark.core


@pytest.mark.parametrize("row", manifest(), ids=lambda row: row["id"])
def test_every_text_of_the_evaluation_set_is_classified_as_a_jurist_would(row):
    review = review_document(as_paragraphs((DECISIONS / row["file"]).read_text(encoding="utf-8")))
    expected = row["expected"]["classification"]
    assert review.kind == expected, review.kind_reason


def test_the_simpelveld_verkeersbesluit_is_a_decision_with_its_reasons_quoted(real):
    review = review_document(real("101"))
    assert review.kind == "besluit"
    assert "titel ‘Verkeersbesluit - week 26’" in review.kind_reason
    assert "rechtsmiddel" in review.kind_reason
    title = review.classification.signs[0]
    assert (title.paragraph, title.start, title.quote) == ("p0", 0, "Verkeersbesluit - week 26")


def test_without_its_clause_the_simpelveld_verkeersbesluit_is_still_a_decision_and_the_clause_is_missing(real):
    document = [(pid, text) for pid, text in real("101") if "bezwaar" not in text.lower()]
    review = review_document(document)
    assert review.kind == "besluit"
    status = {item.check: item.status for item in review.decision}
    assert status["bezwaarclausule"] == "missing"


def test_information_pages_about_objections_are_not_decisions(real):
    for ident in ("203", "204", "205"):
        review = review_document(real(ident))
        assert review.kind == "brief" and not review.decision, ident


def test_the_users_choice_wins_and_is_said(real):
    letter = review_document(real("011"), kind="besluit")
    assert letter.kind == "besluit" and letter.classification.detected == "brief"
    assert "U hebt gekozen" in letter.kind_reason
    assert letter.decision, "a decision's checklist for a document the user calls a decision"
    decision = review_document(real("101"), kind="brief")
    assert decision.kind == "brief" and not decision.decision


def test_regulations_are_decisions_without_a_clause(real):
    review = review_document(real("126"))
    assert review.kind == "besluit" and review.classification.regulation
    clause = next(item for item in review.decision if item.check == "bezwaarclausule")
    assert clause.status == "inapplicable" and "8:3" in clause.message


def test_a_procedure_explained_with_if_is_no_decision():
    text = [("p0", "Omgevingsvergunning"),
            ("p1", "Als de vergunning is verleend, wordt dit gepubliceerd en volgt een bezwaartermijn van zes weken.")]
    assert review_document(text).kind == "brief"
    decided = [("p0", "Omgevingsvergunning"), ("p1", "De vergunning is verleend op 3 maart 2025.")]
    assert any(sign.label == "verleend of geweigerd" for sign in review_document(decided).classification.signs)
