"""The letter checks on real letters: only for letters, under their own heading, 'u' only when used."""

from __future__ import annotations

import pytest

from desktop.core.findings import Category
from desktop.core.language.awb import review_document, review_findings
from desktop.core.language.letter import review_letter
from tests.core.language.decisions import replaced

pytestmark = pytest.mark.core


def _status(items):
    return {item.check: item.status for item in items}


def test_letter_checks_on_real_letters(real):
    good = review_document(real("011"))
    assert good.kind == "brief" and not good.decision
    assert _status(good.letter) == {"aanhef-slot": "present", "u-consistent": "present", "aanspreekvorm": "present"}
    informal = replaced(replaced(real("011"), "Met vriendelijke groet", "Hoogachtend"), "Geachte heer, mevrouw",
                        "Beste bewoner")
    assert _status(review_document(informal).letter)["aanhef-slot"] == "doubtful"
    mixed = replaced(real("014"), "Voor de start ontvangt u", "Voor de start ontvangt U")
    assert _status(review_document(mixed).letter)["u-consistent"] == "doubtful"
    # a list item starting with a capital U is not a mix (016); 015 breaks off before the closing
    assert _status(review_document(real("016")).letter)["u-consistent"] == "present"
    assert _status(review_document(real("015")).letter)["aanhef-slot"] == "missing"


def test_jij_in_a_letter_is_a_style_finding_not_a_decision_requirement(real):
    document = replaced(real("014"), "kunt u contact", "kun je contact")
    review = review_document(document)
    assert not review.decision
    assert _status(review.letter)["aanspreekvorm"] == "doubtful"
    finding = next(f for f in review_findings(review, dict(document)) if f.rule == "BRIEF:aanspreekvorm")
    assert finding.category is Category.STYLE and finding.original == "je"


def test_u_consistency_is_only_reported_when_the_reader_is_addressed():
    letter = [("p0", "Geachte bewoners,"), ("p1", "De werkzaamheden beginnen op 1 maart."),
              ("p2", "Met vriendelijke groet,")]
    assert "u-consistent" not in _status(review_letter(letter))
    addressed = [*letter[:2], ("p3", "Heeft u vragen? Bel ons."), letter[2]]
    assert _status(review_letter(addressed))["u-consistent"] == "present"


def test_a_decision_without_salutation_gets_no_letter_checks(real):
    review = review_document(real("101"))
    assert review.kind == "besluit" and review.decision and not review.letter


@pytest.mark.parametrize("closing", ["Met vriendelijke groeten", "Met vriendelijke groet", "Hoogachtend"])
def test_a_formal_closing_with_or_without_its_plural_fits_geachte(closing):
    letter = [("p0", "Geachte heer Jansen,"), ("p1", "Wij hebben uw brief ontvangen."), ("p2", f"{closing},")]
    assert _status(review_letter(letter))["aanhef-slot"] == "present"


def test_a_memo_that_is_no_decision_gets_no_letter_checks():
    memo = [("p0", "Notitie over de planning van het project"), ("p1", "Het project begint in maart."),
            ("p2", "De kosten blijven binnen het budget.")]
    review = review_document(memo)
    assert review.kind == "brief" and not review.letter
    assert review_document(memo, "brief").letter == ()  # the user's 'not a decision' makes it no letter either
