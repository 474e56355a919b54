"""Kenmerk, date, signature, mandate and motivation in real .docx files: tables, headers, footers, text boxes."""

from __future__ import annotations

import pytest

from desktop.core.document.reader import open_document
from desktop.core.language.awb import review_document
from tests.core.language.awb.sample_decision import SIGNATURE, letterhead, sample_decision_docx
from tests.docx_factory import build_docx, p, r

pytestmark = pytest.mark.core


def _review(path):
    document = open_document(path)
    paragraphs = [(x.id, x.text) for x in document.paragraphs if x.text.strip()]
    return {item.check: item for item in review_document(paragraphs).items}, dict(paragraphs)


def test_the_sample_decision_kenmerk_signature_and_considerans(tmp_path):
    items, texts = _review(sample_decision_docx(tmp_path))
    kenmerk = items["kenmerk"]
    assert (kenmerk.status, kenmerk.quote, kenmerk.paragraph) == ("present", "2025/1004", "t0.0.1.0")
    assert kenmerk.place == "tabel 1, rij 1, kolom 2"
    signed = items["ondertekening"]
    assert signed.status == "present" and signed.quote == "mr. A. Jansen"
    assert "teamleider Vergunningen" in signed.message
    mandate = items["mandaat"]
    assert mandate.status == "present" and mandate.article == "10:10"
    assert mandate.quote == "namens het college van burgemeester en wethouders van Steenbergen,"
    motivation = items["motivering"]
    # The considerans: "Overwegende dat …" and six more "dat …" grounds (the issue counted eight).
    assert motivation.status == "present" and motivation.message.startswith("7 gronden")
    assert motivation.quote.startswith("Overwegende dat de verzoeker")
    assert items["wettelijke-grondslag"].status == "present"
    assert items["datum"].status == "present" and items["datum"].quote == "15 juli 2014"
    for item in items.values():
        if item.quote is not None:
            assert texts[item.paragraph][item.start : item.end] == item.quote


def test_a_kenmerk_in_the_header_and_a_date_in_the_footer(tmp_path):
    path = sample_decision_docx(tmp_path, head="", signature=SIGNATURE[1:], header=p(r("Zaaknummer: Z/2025/0042")),
                                footer=p(r("Datum: 3 februari 2025")))
    items, _texts = _review(path)
    assert items["kenmerk"].status == "present" and items["kenmerk"].paragraph == "h0:p0"
    assert "koptekst" in items["kenmerk"].message
    assert items["datum"].paragraph == "f0:p0" and items["datum"].quote == "3 februari 2025"


def test_a_kenmerk_in_a_text_box(tmp_path):
    box = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        "<wps:wsp><wps:txbx><w:txbxContent>" + p(r("Ons kenmerk: 2025/1004"))
        + "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
        "</mc:Choice><mc:Fallback/></mc:AlternateContent></w:r>"
    )
    items, _texts = _review(sample_decision_docx(tmp_path, head=p(r("Gemeente Steenbergen"), box)))
    assert items["kenmerk"].status == "present" and items["kenmerk"].paragraph == "p0:x0:p0"
    assert "tekstvak" in items["kenmerk"].message


def test_an_empty_kenmerk_in_the_table_is_doubtful_and_none_at_all_is_missing(tmp_path):
    items, _texts = _review(sample_decision_docx(tmp_path, head=letterhead(("Ons kenmerk", ""), ("Datum", ""))))
    assert items["kenmerk"].status == "doubtful"
    items, _texts = _review(sample_decision_docx(tmp_path, head="", signature=()))
    assert items["kenmerk"].status == "missing" and "kop- en voetteksten" in items["kenmerk"].message
    assert items["ondertekening"].status == "missing"


@pytest.mark.parametrize(
    ("signature", "status"),
    [
        (("De burgemeester van Steenbergen,", "J. de Vries"), "inapplicable"),
        (("Burgemeester en wethouders van Steenbergen,", "de secretaris, de burgemeester,", "A. Bakker  J. de Vries"),
         "inapplicable"),
        (("Namens burgemeester en wethouders van Steenbergen,", "[naam]", "hoofd afdeling Openbare Werken"), "present"),
        (("Voor deze:", "drs. P. van der Berg", "afdelingshoofd Vergunningen"), "present"),
        (("mr. A. Jansen", "teamleider Vergunningen"), "missing"),
        (("mr. A. Jansen, teamleider Vergunningen",), "missing"),
    ],
)
def test_signatures_and_the_mandate_they_show(tmp_path, signature, status):
    items, _texts = _review(sample_decision_docx(tmp_path, signature=signature))
    assert items["ondertekening"].status == "present", items["ondertekening"].message
    assert items["mandaat"].status == status, items["mandaat"].message


def test_the_considerans_cut_to_one_ground_is_doubtful_never_missing(tmp_path):
    items, _texts = _review(sample_decision_docx(tmp_path))
    assert items["motivering"].status == "present"
    # Only the first ground and the dictum.
    head = letterhead(("Ons kenmerk", "2025/1004"))
    body = (p(r("Toekenning invalidenparkeerplaats")) + p(r("Burgemeester en wethouders van Steenbergen:"))
            + p(r("Overwegende dat de verzoeker niet voldoet aan de criteria;")) + p(r("Besluiten:"))
            + p(r("verkeersbord E 6 te plaatsen.")))
    items, _texts = _review(build_docx(tmp_path / "kort.docx", head + body))
    assert items["motivering"].status == "doubtful" and "Maar één grond" in items["motivering"].message


def test_a_decision_number_is_a_kenmerk_and_a_bare_number_is_doubtful(real):
    from desktop.core.language.awb import review_document

    items = {item.check: item for item in review_document(real("303")).items}
    assert items["kenmerk"].status == "present" and items["kenmerk"].quote == "Besluit nr. 3/2b"
    items = {item.check: item for item in review_document(real("108")).items}
    assert items["kenmerk"].status == "doubtful" and items["kenmerk"].quote == "385873"


def test_a_date_without_a_label_is_doubtful_with_that_date(real):
    """Decision 129: its only date is the day of the cycle race ('van kracht zijn op zondag 24 juni 2012'), no
    dagtekening; under a check mark the question 'is dit de dagtekening?' would have passed for an answer."""
    from desktop.core.language.awb import review_document

    items = {item.check: item for item in review_document(real("129")).items}
    assert items["datum"].status == "doubtful" and items["datum"].quote == "24 juni 2012"
