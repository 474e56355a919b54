"""Templates: the shipped six load and validate, organisation templates are found, markers fill in place."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.shared import RGBColor

from desktop.core import paths
from desktop.core.document.ooxml import W_BR, W_P
from desktop.core.drafting.bouwstenen import load_bouwstenen
from desktop.core.drafting.templates import (
    FieldSpec,
    TemplateError,
    load_template,
    load_templates,
    markers,
    paragraph_text,
    replace_marker,
)

pytestmark = pytest.mark.core

SHIPPED = {
    "ontvangstbevestiging": "brief",
    "verzoek-aanvullende-gegevens": "brief",
    "besluit-toekenning": "besluit",
    "besluit-afwijzing": "besluit",
    "besluit-op-bezwaar": "besluit",
    "woo-besluit": "besluit",
}
SIDECAR = """title = "Proefbrief"
kind = "brief"

[[fields]]
key = "naam"
label = "Naam"

[[slots]]
key = "uitleg"
label = "Uitleg"
prompt = "een korte uitleg"
"""


def _template(folder: Path, name: str, paragraphs: list[str], sidecar: str = SIDECAR) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = folder / f"{name}.docx"
    document.save(str(path))
    path.with_suffix(".toml").write_text(sidecar, encoding="utf-8")
    return path


def _organisation() -> Path:
    return paths.machine_data_dir() / "templates"


def test_the_six_shipped_templates_load_without_problems() -> None:
    catalog = load_templates()
    assert catalog.problems == ()
    assert {t.name: t.kind for t in catalog.templates} == SHIPPED
    known = {item.id for item in load_bouwstenen().items}
    for template in catalog.templates:
        assert template.origin == "ingebouwd" and template.title and template.description
        assert template.slots, template.name
        for slot in template.slots:
            assert slot.prompt and set(slot.bouwstenen) <= known, (template.name, slot.key)
        for spec in template.fields:
            # Every example is a valid value, so the examples make a complete letter.
            if spec.required or spec.example:
                assert spec.problem(spec.normalise(spec.example)) is None, (template.name, spec.key)
        if template.kind == "besluit":
            keys = {f.key for f in template.fields}
            assert {"datum", "kenmerk", "bestuursorgaan", "ondertekenaar"} <= keys
            assert "motivering" in {s.key for s in template.slots}


def test_search_matches_title_and_description() -> None:
    catalog = load_templates()
    assert [t.name for t in catalog.search("woo")] == ["woo-besluit"]
    assert {t.name for t in catalog.search("aanvraag afwijzing")} == {"besluit-afwijzing"}
    assert len(catalog.search("")) == len(SHIPPED)


def test_an_unknown_template_names_the_ones_there_are() -> None:
    with pytest.raises(TemplateError, match=r"Onbekend sjabloon ‘brief-x’.*besluit-afwijzing"):
        load_templates().get("brief-x")


def test_an_organisation_template_is_found_and_replaces_a_shipped_one_of_the_same_name() -> None:
    _template(_organisation(), "eigen-brief", ["Beste {{naam}},", "{{uitleg}}"])
    _template(
        _organisation(),
        "besluit-afwijzing",
        ["{{naam}}", "{{uitleg}}"],
        SIDECAR.replace('title = "Proefbrief"', 'title = "Afwijzing in huisstijl"'),
    )
    catalog = load_templates()
    assert catalog.problems == ()
    assert catalog.get("eigen-brief").origin == "organisatie"
    replaced = catalog.get("besluit-afwijzing")
    assert replaced.origin == "organisatie" and replaced.title == "Afwijzing in huisstijl"
    assert len(catalog.templates) == len(SHIPPED) + 1
    assert catalog.templates[0].origin == "organisatie"  # the organisation's own come first


@pytest.mark.parametrize(
    ("paragraphs", "sidecar", "expected"),
    [
        (["{{naam}} {{onbekend}}", "{{uitleg}}"], SIDECAR, "‘{{onbekend}}’ staat in het document maar niet"),
        (["{{uitleg}}"], SIDECAR, "‘{{naam}}’ is gedeclareerd maar staat niet in het document"),
        (["{{naam}}", "Zie: {{uitleg}}"], SIDECAR, "‘{{uitleg}}’ moet in een eigen alinea"),
        (["{{naam", "{{uitleg}}"], SIDECAR, "Onvolledige markering"),
        (["{{naam}}", "{{uitleg}}"], SIDECAR.replace('kind = "brief"', 'kind = "memo"'), "‘kind’ moet"),
        (["{{naam}}", "{{uitleg}}"], SIDECAR.replace('label = "Naam"', 'label = "Naam"\ntype = "kleur"'),
         "onbekend type ‘kleur’"),
        (["{{naam}}", "{{uitleg}}"], SIDECAR.replace('key = "uitleg"', 'key = "naam"'), "meer dan eens"),
        (["{{naam}}", "{{uitleg}}"], SIDECAR.replace('prompt = "een korte uitleg"', ""), "‘prompt’ ontbreekt"),
        (["{{naam}}", "{{uitleg}}"], SIDECAR.replace('key = "naam"', 'key = "Naam!"'), "Ongeldige sleutel"),
        (["{{naam}}", "{{uitleg}}"], "title = [", "onleesbaar"),
    ],
)
def test_a_bad_template_is_reported_in_dutch_naming_the_file(
    tmp_path: Path, paragraphs: list[str], sidecar: str, expected: str
) -> None:
    path = _template(tmp_path, "kapot", paragraphs, sidecar)
    with pytest.raises(TemplateError, match=re.escape(expected)) as caught:
        load_template(path)
    assert "kapot" in str(caught.value)


def test_a_bad_organisation_template_is_left_out_and_the_others_still_load() -> None:
    _template(_organisation(), "kapot", ["{{naam}}"])
    (_organisation() / "los.toml").write_text(SIDECAR, encoding="utf-8")
    (_organisation() / "stuk.docx").write_bytes(b"geen docx")
    (_organisation() / "stuk.toml").write_text(SIDECAR, encoding="utf-8")
    catalog = load_templates()
    assert {t.name for t in catalog.templates} == set(SHIPPED)
    problems = "\n".join(catalog.problems)
    assert "kapot.docx" in problems and "{{uitleg}}" in problems
    assert "los.toml" in problems and "geen .docx-bestand" in problems
    assert "stuk.docx" in problems and "kan niet worden geopend" in problems


def test_a_marker_split_over_runs_is_replaced_in_the_run_where_it_starts(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Geachte ")
    first = paragraph.add_run("{{aan")
    first.bold = True
    first.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    paragraph.add_run("hef}}")
    paragraph.add_run(", en {{naam}}.")
    element = paragraph._p
    assert [m[1] for m in markers(element)] == ["aanhef", "naam"]
    for match in reversed(markers(element)):
        replace_marker(element, match, {"aanhef": "mevrouw Jansen", "naam": "J. Jansen"}[match[1]])
    assert paragraph_text(element) == "Geachte mevrouw Jansen, en J. Jansen."
    runs = paragraph.runs
    assert runs[1].text == "mevrouw Jansen" and runs[1].bold and runs[1].font.color.rgb == RGBColor(0xC0, 0, 0)
    assert runs[2].text == "" and not runs[2].bold


def test_a_multiline_value_becomes_line_breaks_in_the_same_run() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Adres: {{adres}} (einde)")
    match = markers(paragraph._p)[0]
    replace_marker(paragraph._p, match, "Dorpsstraat 12\n1234 AB Voorbeeldstad")
    assert len(paragraph.runs) == 1
    assert paragraph.runs[0].text == "Adres: Dorpsstraat 12\n1234 AB Voorbeeldstad (einde)"
    assert len(paragraph._p.findall(f".//{W_BR}")) == 1
    assert len(document.element.body.findall(W_P)) == 1


@pytest.mark.parametrize(
    ("kind", "raw", "value", "ok"),
    [
        ("date", " 12 maart 2026 ", "12 maart 2026", True),
        ("date", "12-03-2026", "12-03-2026", True),
        ("date", "31 februari 2026", "31 februari 2026", False),
        ("date", "maart 2026", "maart 2026", False),
        ("amount", "1.250,00", "€ 1.250,00", True),
        ("amount", "€ 350", "€ 350", True),
        ("amount", "veel", "€ veel", False),
        ("number", "14", "14", True),
        ("number", "veertien", "veertien", False),
        ("text", "een\nregel", "een regel", True),
        ("address", " Dorpsstraat 12 \n\n 1234 AB Voorbeeldstad ", "Dorpsstraat 12\n1234 AB Voorbeeldstad", True),
    ],
)
def test_values_are_normalised_and_checked_by_type(kind: str, raw: str, value: str, ok: bool) -> None:
    spec = FieldSpec("veld", "Veld", kind)
    assert spec.normalise(raw) == value
    assert (spec.problem(value) is None) is ok


def test_an_empty_required_field_is_a_problem_an_empty_optional_one_is_not() -> None:
    assert FieldSpec("naam", "Naam").problem("") == "Vul ‘Naam’ in."
    assert FieldSpec("uw_kenmerk", "Uw kenmerk", required=False).problem("") is None
