"""The Awb checklist and the letter checks on real decisions and letters."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.findings import Category
from desktop.core.language.awb import Review, document_kind, review_document, review_findings

pytestmark = pytest.mark.core


def _document(test_data: Path, name: str) -> list[tuple[str, str]]:
    text = (test_data / "letters" / "texts" / name).read_text(encoding="utf-8")
    return [(f"p{i}", p) for i, p in enumerate(text.split("\n\n"))]


def _status(review: Review) -> dict[str, str]:
    return {item.check: item.status for item in review.items}


def _replace(document: list[tuple[str, str]], old: str, new: str) -> list[tuple[str, str]]:
    changed = [(pid, text.replace(old, new)) for pid, text in document]
    assert changed != document, f"{old!r} not in the document"
    return changed


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("001_besluit.txt", "besluit"),
        ("002_besluit.txt", "besluit"),
        ("006_besluit.txt", "besluit"),
        ("007_besluit.txt", "besluit"),
        ("010_besluit.txt", "besluit"),
        ("011_brief.txt", "brief"),
        ("014_brief.txt", "brief"),
        ("017_brief.txt", "brief"),
        ("013_brief.txt", "brief"),
    ],
)
def test_document_kind(test_data, name, kind):
    assert document_kind(_document(test_data, name))[0] == kind


def test_complete_clause_of_moerdijk(test_data):
    """006 has bezwaar, six weeks and the start of the term; no postal address, no content requirements."""
    document = _document(test_data, "006_besluit.txt")
    review = review_document(document)
    status = _status(review)
    assert status["bezwaarclausule"] == "present"
    assert status["bezwaartermijn"] == "present"
    assert status["aanvang-termijn"] == "present"
    assert status["bezwaarorgaan"] == "doubtful"  # no address of the burgemeester
    assert status["bezwaarvereisten"] == "doubtful"
    assert status["motivering"] == "missing"
    start = next(i for i in review.items if i.check == "aanvang-termijn")
    assert start.quote == "Deze termijn gaat in na de dag van verzending van het besluit aan de aanvrager."
    text = dict(document)[start.paragraph]
    assert text[start.start : start.end] == start.quote


def test_wrong_term_four_weeks_is_reported(test_data):
    document = _replace(_document(test_data, "006_besluit.txt"), "binnen 6 weken", "binnen vier weken")
    review = review_document(document)
    term = next(i for i in review.items if i.check == "bezwaartermijn")
    assert term.status == "doubtful"
    assert "vier weken" in term.message and term.article == "6:7"
    findings = list(review_findings(review, dict(document)))
    finding = next(f for f in findings if f.rule == "AWB:bezwaartermijn")
    assert finding.category is Category.DECISION and "art. 6:7 Awb" in finding.message


def test_missing_clause_is_reported(test_data):
    """005 only invites a zienswijze on an intention: no bezwaarclausule."""
    review = review_document(_document(test_data, "005_besluit.txt"))
    clause = next(i for i in review.items if i.check == "bezwaarclausule")
    assert clause.status == "missing" and "zienswijze" in clause.message
    assert _status(review)["bezwaartermijn"] == "missing"


def test_clause_removed_from_a_real_decision(test_data):
    document = [(p, t) for p, t in _document(test_data, "001_besluit.txt") if "bezwaar" not in t.lower()]
    assert _status(review_document(document))["bezwaarclausule"] == "missing"


def test_flevoland_clause_gaps(test_data):
    """001 (manifest): no start of the term, no postal address ('bij ons'), no motivation.

    The requirements for the bezwaarschrift are complete.
    """
    status = _status(review_document(_document(test_data, "001_besluit.txt")))
    assert status["aanvang-termijn"] == "missing"
    assert status["bezwaarorgaan"] == "doubtful"
    assert status["bezwaarvereisten"] == "present"
    assert status["motivering"] == "missing"
    assert status["wettelijke-grondslag"] == "present"
    assert status["datum"] == "present"


def test_zeist_clause_with_address_and_partial_requirements(test_data):
    status = _status(review_document(_document(test_data, "010_besluit.txt")))
    assert status["bezwaarorgaan"] == "present"  # College van B&W, Postbus 513, 3700 AM Zeist
    assert status["bezwaarvereisten"] == "doubtful"  # cut off before signature and grounds
    assert status["aanvang-termijn"] == "doubtful"  # 'na verzending', not 'na de dag van verzending'


def test_considerans_legal_basis_and_signature(test_data):
    status = _status(review_document(_document(test_data, "003_besluit.txt")))
    assert status["motivering"] == "present"  # Overwegende dat ...
    assert status["wettelijke-grondslag"] == "present"  # Gelet op de artikelen ...
    assert status["ondertekening"] == "missing"  # the text breaks off before the date line
    duo = _status(review_document(_document(test_data, "008_besluit.txt")))
    assert duo["ondertekening"] == "present"
    assert duo["kenmerk"] == "present"  # nr. 834092
    assert duo["mandaat"] == "doubtful"


def test_mandate_present_with_namens(test_data):
    document = _document(test_data, "008_besluit.txt")
    document[-1] = (
        document[-1][0],
        "De minister van Onderwijs, Cultuur en Wetenschap,\nnamens deze,\n" + document[-1][1],
    )
    assert _status(review_document(document))["mandaat"] == "present"


def test_letter_checks(test_data):
    good = _status(review_document(_document(test_data, "011_brief.txt")))
    assert (
        good["aanhef-slot"] == "present"
        and good["u-consistent"] == "present"
        and good["aanspreekvorm"] == "present"
    )
    informal = _replace(_document(test_data, "011_brief.txt"), "Met vriendelijke groet", "Hoogachtend")
    informal = _replace(informal, "Geachte heer, mevrouw", "Beste bewoner")
    assert _status(review_document(informal))["aanhef-slot"] == "doubtful"
    mixed = _replace(
        _document(test_data, "014_brief.txt"), "Voor de start ontvangt u", "Voor de start ontvangt U"
    )
    review = review_document(mixed)
    assert _status(review)["u-consistent"] == "doubtful"
    jij = _replace(_document(test_data, "014_brief.txt"), "kunt u contact", "kun je contact")
    assert _status(review_document(jij))["aanspreekvorm"] == "doubtful"
    # a list item starting with a capital U is not a mix (016)
    assert _status(review_document(_document(test_data, "016_brief.txt")))["u-consistent"] == "present"
    # 015 breaks off before the closing
    assert _status(review_document(_document(test_data, "015_brief.txt")))["aanhef-slot"] == "missing"
