"""The rechtsmiddelenclausule item by item, on real decisions and on changes made to them."""

from __future__ import annotations

import pytest

from desktop.core.findings import Category
from desktop.core.language.awb import review_document, review_findings
from tests.core.language.decisions import replaced

pytestmark = pytest.mark.core


def _items(document):
    return {item.check: item for item in review_document(document).items}


def _quoted(document, item):
    """The item's quote is exactly the text at its place."""
    assert dict(document)[item.paragraph][item.start : item.end] == item.quote
    return item.quote


def test_the_simpelveld_clause_is_complete_and_every_item_quotes_its_sentence(real):
    document = real("101")
    items = _items(document)
    for check in ("bezwaarclausule", "bezwaartermijn", "aanvang-termijn", "bezwaarorgaan", "bezwaarvereisten"):
        assert items[check].status == "present", (check, items[check].message)
    assert _quoted(document, items["bezwaartermijn"]) == "zes weken"
    assert "na de dag van publicatie" in _quoted(document, items["aanvang-termijn"])
    assert _quoted(document, items["bezwaarorgaan"]) == "naar het college van burgemeester en wethouders"
    assert items["bezwaartermijn"].place == "alinea 6"


@pytest.mark.parametrize(("term", "correct"), [("vier weken", "zes weken"), ("acht weken", "zes weken")])
def test_a_wrong_term_in_the_simpelveld_clause_is_an_error_with_the_correct_wording(real, term, correct):
    document = replaced(real("101"), "zes weken", term)
    review = review_document(document)
    item = next(i for i in review.items if i.check == "bezwaartermijn")
    assert item.status == "wrong" and item.article == "6:7"
    assert _quoted(document, item) == term and item.suggestion == correct
    assert term in item.message
    finding = next(f for f in review_findings(review, dict(document)) if f.rule == "AWB:bezwaartermijn")
    assert finding.category is Category.DECISION and finding.suggestions == (correct,)
    assert finding.original == term and "art. 6:7 Awb" in finding.message and not finding.doubtful


def test_a_wrong_term_written_in_digits_gets_a_suggestion_in_digits(real):
    document = replaced(real("006"), "binnen 6 weken", "binnen 4 weken")
    item = _items(document)["bezwaartermijn"]
    assert (item.status, item.quote, item.suggestion) == ("wrong", "4 weken", "6 weken")


def test_without_the_body_the_body_is_missing_and_the_court_for_interim_relief_does_not_count(real):
    document = replaced(real("101"), "Stuur uw bezwaarschrift naar het college van burgemeester en wethouders, "
                                     "postbus 21000, 6369 ZG Simpelveld.", "")
    items = _items(document)
    assert items["bezwaarorgaan"].status == "missing"
    assert "Gezocht in de bezwaarclausule" in items["bezwaarorgaan"].message


def test_contents_of_an_objection_incomplete_names_what_is_missing(real):
    item = _items(real("113"))["bezwaarvereisten"]  # Ouder-Amstel: no signature in its list
    assert item.status == "missing" and "handtekening" in item.message and "naam" not in item.message
    assert item.quote is not None


def test_a_zienswijze_is_no_objection_clause(real):
    item = _items(real("005"))["bezwaarclausule"]
    assert item.status == "missing" and "zienswijze" in item.message


def test_direct_appeal_after_a_draft_decision_is_a_clause(real):
    items = _items(real("009"))  # Groningen: beroep at the Raad van State after zienswijzen
    assert items["bezwaarclausule"].status == "present" and "Direct beroep" in items["bezwaarclausule"].message
    assert items["bezwaarorgaan"].quote == "bij de Afdeling bestuursrechtspraak"
    assert items["bezwaartermijn"].status == "doubtful"  # an end date, not a term


def test_an_end_date_instead_of_a_term_is_doubtful_with_the_date_quoted(real):
    item = _items(real("129"))["bezwaartermijn"]
    assert item.status == "doubtful" and item.quote == "tot en met 12 juli"


def test_a_published_traffic_decision_counted_from_sending_is_doubtful(real):
    document = replaced(real("101"), "na de dag van publicatie in de Staatscourant", "na verzending van dit besluit")
    item = _items(document)["aanvang-termijn"]
    assert item.status == "doubtful" and "publicatie" in item.message


def test_a_web_address_with_bezwaar_in_it_is_no_clause(real):
    document = [(pid, text) for pid, text in real("006") if not text.startswith(("Belanghebbenden", "Als u"))]
    assert any("bezwaar-en-beroep-indienen" in text for _pid, text in document)
    assert _items(document)["bezwaarclausule"].status == "missing"


@pytest.mark.parametrize(
    "other",
    [
        "Wij nemen binnen twaalf weken een besluit op uw bezwaar.",
        "U ontvangt binnen twee weken een ontvangstbevestiging van uw bezwaarschrift.",
    ],
)
def test_another_period_in_the_clause_is_not_called_a_wrong_term(real, other):
    # Simpelveld's clause without its term, plus a sentence about another period: never "wrong" with a fix.
    document = replaced(real("101"), "zes weken", "korte tijd")
    document = replaced(document, "postbus 21000, 6369 ZG Simpelveld.", f"postbus 21000, 6369 ZG Simpelveld. {other}")
    item = _items(document)["bezwaartermijn"]
    assert item.status != "wrong" and item.suggestion is None, item
    assert not any(f.rule == "AWB:bezwaartermijn" and f.suggestions for f in review_findings(
        review_document(document), dict(document)))


def test_a_different_term_in_another_clause_sentence_is_doubtful_and_quoted(real):
    document = replaced(real("101"), "zes weken", "korte tijd")
    document = replaced(document, "postbus 21000, 6369 ZG Simpelveld.",
                        "postbus 21000, 6369 ZG Simpelveld. Doe dit binnen vier weken.")
    item = _items(document)["bezwaartermijn"]
    assert (item.status, item.quote, item.suggestion) == ("doubtful", "vier weken", None)


def test_six_weeks_in_any_clause_sentence_is_the_term_whatever_the_remedy_sentence_says(real):
    document = replaced(real("101"), "zes weken", "korte tijd")
    document = replaced(document, "postbus 21000, 6369 ZG Simpelveld.",
                        "postbus 21000, 6369 ZG Simpelveld. Uw bezwaarschrift moet binnen zes weken binnen zijn.")
    assert _items(document)["bezwaartermijn"].status == "present"
