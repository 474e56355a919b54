"""Drafting from templates: fields filled in place, the model's text guarded and marked, disclosure per policy.

The logic is tested with a small fake engine (one that invents facts, one that stays grounded);
the real embedded model drafts every shipped template and an organisation template in the tests
marked ``model`` at the end, and LibreOffice opens every result.
"""

from __future__ import annotations

import json
import threading
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt, RGBColor
from lxml import etree

from desktop import __version__
from desktop.cli import main
from desktop.core import paths
from desktop.core.analysis import LanguageTools, Progress
from desktop.core.document.reader import ParagraphKind, open_document
from desktop.core.drafting.bouwstenen import Bouwsteen, load_bouwstenen
from desktop.core.drafting.draft import (
    DraftError,
    DraftRequest,
    DraftResult,
    draft,
    placement,
    run_draft,
    without_repeats,
)
from desktop.core.drafting.templates import MARKER, Template, load_templates, story_roots
from desktop.core.model.engine import Completion, EngineInfo, LlamaEngine, Request
from desktop.core.model.guards import GuardContext
from desktop.core.model.guards.facts import extract_facts, fact_guard, fact_keys
from desktop.core.model.tasks import ATTEMPTS
from desktop.core.policy.settings import Settings, load_settings
from tests import ooxml_oracle

pytestmark = pytest.mark.core

WHEN = datetime(2026, 11, 24, 10, 30).astimezone()
AI_AUTHOR = "Schrijfhulp (AI)"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class FakeEngine:
    """Answers every request with ``answer(request)`` as structured output; records the requests."""

    answer: Callable[[Request], str]
    info: EngineInfo = field(default_factory=lambda: EngineInfo("Nepmodel 1B", "nep.gguf", "ab" * 32, None, 1, 4096))
    requests: list[Request] = field(default_factory=list)

    def complete(
        self, request: Request, cancel: threading.Event | None = None, on_text: Callable[[str], None] | None = None
    ) -> Completion:
        self.requests.append(request)
        text = self.answer(request)
        return Completion(text, json.dumps({"tekst": text}, ensure_ascii=False), 100, 20, 0.01, 0.02, "stop")


def always(text: str) -> FakeEngine:
    return FakeEngine(lambda _request: text)


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> GuardContext:
    """The real guard context (OpenTaal spelling, protected terms), built once for the module."""
    base = tmp_path_factory.mktemp("taal")
    with pytest.MonkeyPatch.context() as patch:
        for name in (paths.ENV_USER_CONFIG, paths.ENV_USER_DATA, paths.ENV_MACHINE_CONFIG, paths.ENV_MACHINE_DATA):
            (base / name).mkdir()
            patch.setenv(name, str(base / name))
        settings = load_settings(registry=dict)
        return LanguageTools.from_settings(settings).guard_context(settings)


def _policy(text: str) -> None:
    (paths.machine_config_dir() / "policy.toml").write_text(text, encoding="utf-8")


def _settings() -> Settings:
    return load_settings(registry=dict)


def _custom_properties(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("docProps/custom.xml"))
    return {prop.get("name"): "".join(prop.itertext()) for prop in root}


def _document_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def example_request(
    template: Template, instruction: str, chosen: Sequence[Bouwsteen] = (), **values: str
) -> DraftRequest:
    """A request with every field's example value (and those the standard paragraphs need), overridden by ``values``."""
    request = DraftRequest(template, {}, instruction, tuple(chosen))
    filled = {spec.key: spec.example for spec in request.fields()}
    filled.update(values)
    return DraftRequest(template, filled, instruction, tuple(chosen))


def expected_field_paragraphs(request: DraftRequest) -> list[str]:
    """The text every template paragraph with field markers must have in the draft."""
    values = request.normalised()
    slots = {slot.key for slot in request.template.slots}
    document = docx.Document(str(request.template.path))
    expected = []
    for root, _is_body in story_roots(document):
        for paragraph in root.iter(f"{W}p"):
            text = ooxml_oracle.paragraph_text(paragraph)  # line breaks as "\n", like the document reader
            keys = MARKER.findall(text)
            if not keys or set(keys) & slots or any(not values[key] for key in keys):
                continue
            expected.append(MARKER.sub(lambda match: values[match[1]], text))
    return expected


def filled_template_text(request: DraftRequest) -> list[str]:
    """The template's own text with every field filled in (slots left empty), paragraph by paragraph."""
    values = request.normalised()
    document = docx.Document(str(request.template.path))
    return [
        MARKER.sub(lambda match: values.get(match[1], ""), ooxml_oracle.paragraph_text(p))
        for root, _is_body in story_roots(document)
        for p in root.iter(f"{W}p")
    ]


def afwijzing(instruction: str = "weiger: het inkomen ligt boven de grens van de verordening") -> DraftRequest:
    template = load_templates().get("besluit-afwijzing")
    return example_request(template, instruction, [load_bouwstenen().get("inkomen-boven-grens")])


# -- the fake engine: logic ------------------------------------------------------------------------

GROUNDED = "Met € 2.120,00 per maand komt u boven de grens van € 1.850,00. Daarom wijzen wij uw aanvraag af."


def test_fields_are_filled_in_place_and_the_model_text_is_a_tracked_insertion_by_the_ai_author(
    tmp_path: Path, context: GuardContext
) -> None:
    request = afwijzing()
    target = tmp_path / "concept.docx"
    result = draft(request, target, _settings(), context, always(GROUNDED), when=WHEN)
    assert result.path == target and not result.open_slots
    written = open_document(target)
    texts = [p.text for p in written.paragraphs]
    for expected in expected_field_paragraphs(request):
        assert expected in texts
    assert "Dorpsstraat 12\n1234 AB Voorbeeldstad" in texts  # the address keeps its line break
    assert not any("Uw kenmerk" in t for t in texts)  # optional and empty: the paragraph is left out
    assert not any("{{" in t for t in texts)
    header = [p.text for p in written.paragraphs if p.kind is ParagraphKind.HEADER]
    assert header == ["Gemeente Voorbeeldstad"]
    motivation = texts.index("Waarom dit besluit?")
    assert texts[motivation + 1].startswith("U heeft alleen recht op bijzondere bijstand voor een wasmachine")
    assert texts[motivation + 2] == GROUNDED

    root = _document_xml(target)
    insertions = root.findall(f".//{W}ins")
    assert len(insertions) == 1 and insertions[0].get(f"{W}author") == AI_AUTHOR
    assert "".join(insertions[0].itertext()) == GROUNDED
    parts = ooxml_oracle.read_parts(target)
    assert ooxml_oracle.revision_problems(parts) == []
    assert GROUNDED not in ooxml_oracle.body_texts(ooxml_oracle.reject_all(root))
    assert GROUNDED in ooxml_oracle.body_texts(ooxml_oracle.accept_all(root))
    assert written.has_comments
    comments = etree.fromstring(parts["word/comments.xml"])
    assert "lokale taalmodel (Nepmodel 1B)" in "".join(comments.itertext())


def test_an_invented_amount_is_refused_and_the_slot_stays_open(tmp_path: Path, context: GuardContext) -> None:
    engine = always("Uw inkomen is € 2.400 per maand. Daarom wijzen wij uw aanvraag af.")
    result = draft(afwijzing(), tmp_path / "concept.docx", _settings(), context, engine, when=WHEN)
    assert len(engine.requests) == len(ATTEMPTS)  # every attempt was tried and refused
    (slot,) = result.slots
    assert slot.is_open and slot.text is None and len(slot.refusals) == len(ATTEMPTS)
    assert all(("feiten", "'€ 2.400' staat niet in de oorspronkelijke tekst.") in v.reasons for v in slot.refusals)
    texts = [p.text for p in open_document(result.path).paragraphs]
    assert "[Schrijf hier: motivering]" in texts
    assert not any("2.400" in t for t in texts)
    assert any("‘Motivering’ is open gelaten" in line and "€ 2.400" in line for line in result.summary())
    # Nothing of the model's is in the letter: no disclosure needed, the metadata says so.
    assert result.save.disclosure.text is None
    assert _custom_properties(result.path)["Schrijfhulp.AIOndersteund"] == "false"
    assert _document_xml(result.path).find(f".//{W}ins") is None


@pytest.mark.parametrize(
    "invented",
    [
        "U kunt binnen vier weken reageren.",  # a term
        "Uw aanvraag kwam binnen op 3 april 2026.",  # a date
        "Dit staat in artikel 12 van de Participatiewet.",  # an article
        "Mevrouw Pietersen heeft dit beoordeeld.",  # a name
        "Het gaat om 3 maanden inkomen.",  # a number with a unit
    ],
)
def test_every_kind_of_invented_fact_is_refused(tmp_path: Path, context: GuardContext, invented: str) -> None:
    result = draft(afwijzing(), tmp_path / "concept.docx", _settings(), context, always(invented), when=WHEN)
    assert result.slots[0].is_open
    assert all(v.guards == {"feiten"} for v in result.slots[0].refusals), result.slots[0].refusals


def test_english_and_misspelt_model_text_is_refused_by_the_language_guard(
    tmp_path: Path, context: GuardContext
) -> None:
    for text in ("Your application has been rejected because your income is too high.", "Wij weigerd uw aanvraag."):
        result = draft(afwijzing(), tmp_path / "concept.docx", _settings(), context, always(text), when=WHEN)
        assert result.slots[0].is_open
        assert "taal" in result.slots[0].refusals[0].guards


def test_the_prompt_gets_the_instruction_the_fields_and_the_chosen_standard_paragraphs(
    tmp_path: Path, context: GuardContext
) -> None:
    engine = always(GROUNDED)
    request = afwijzing()
    draft(request, tmp_path / "concept.docx", _settings(), context, engine, when=WHEN)
    user = engine.requests[0].user
    assert "waarom wij de aanvraag afwijzen" in user  # the slot's prompt from the sidecar
    assert "weiger: het inkomen ligt boven de grens van de verordening" in user
    assert "- Soort brief: Besluit: afwijzing van een aanvraag" in user
    assert "- Inkomensgrens per maand: € 1.850,00" in user and "- Datum van de brief: 16 maart 2026" in user
    assert "U heeft alleen recht op bijzondere bijstand voor een wasmachine als uw inkomen lager is" in user


def test_sentences_the_model_copied_from_a_standard_paragraph_are_not_repeated(
    tmp_path: Path, context: GuardContext
) -> None:
    copied = "Uw inkomen is € 2.120,00 per maand. Dat is hoger dan de grens."
    engine = always(f"{copied} Daarom wijzen wij uw aanvraag af.")
    result = draft(afwijzing(), tmp_path / "a.docx", _settings(), context, engine, when=WHEN)
    (slot,) = result.slots
    assert (slot.text, slot.repeated) == ("Daarom wijzen wij uw aanvraag af.", 2)
    assert "Daarom wijzen wij uw aanvraag af." in [p.text for p in open_document(result.path).paragraphs]
    # Only a copy: nothing of the model's goes in, the slot is not open, and no AI text is claimed.
    engine = always("Uw inkomen is € 2.120,00 per maand.  Dit is hoger dan de grens.")  # nearly the same
    result = draft(afwijzing(), tmp_path / "b.docx", _settings(), context, engine, when=WHEN)
    (slot,) = result.slots
    assert slot.text == "" and not slot.is_open and "herhaalde alleen de standaardtekst" in slot.note()
    texts = [p.text for p in open_document(result.path).paragraphs]
    assert not any(t.startswith("[Schrijf hier") for t in texts)
    assert _document_xml(result.path).find(f".//{W}ins") is None
    assert _custom_properties(result.path)["Schrijfhulp.AIOndersteund"] == "false"


@pytest.mark.parametrize(
    ("text", "kept", "left_out"),
    [
        ("Weiger: het inkomen is te hoog. Het inkomen is te hoog.", "Het inkomen is te hoog.", 1),
        ("Het inkomen is te hoog. Het inkomen is te hoog.", "Het inkomen is te hoog.", 1),
        ("Dat staat in artikel 6. Weigeren is nodig.", "Weigeren is nodig.", 1),
        ("Ja. Het jaar is om.", "Ja. Het jaar is om.", 0),  # whole words only: "ja" is not "jaar"
        # A near-copy is left out too, also when it turned the meaning around (seen from the real model).
        ("U heeft geen recht op steun als uw inkomen lager is dan € 1.850,00 per maand.", "", 1),
    ],
)
def test_without_repeats_leaves_out_echoes_duplicates_and_copies(text: str, kept: str, left_out: int) -> None:
    paragraphs = [
        "U heeft alleen recht op steun als uw inkomen lager is dan € 1.850,00 per maand. Uw inkomen is "
        "€ 2.120,00 per maand. Dat staat in artikel 6. Het jaar."
    ]
    assert without_repeats(text, paragraphs, "weiger: het inkomen is te hoog") == (kept, left_out)


def test_highlight_policy_writes_the_model_text_directly_highlighted(tmp_path: Path, context: GuardContext) -> None:
    _policy('[drafting]\nmark_model_text = "highlight"\n')
    result = draft(afwijzing(), tmp_path / "concept.docx", _settings(), context, always(GROUNDED), when=WHEN)
    root = _document_xml(result.path)
    assert root.find(f".//{W}ins") is None
    highlighted = [r for r in docx.Document(str(result.path)).paragraphs for r in r.runs if r.font.highlight_color]
    assert [r.text for r in highlighted] == [GROUNDED]
    assert highlighted[0].font.highlight_color == WD_COLOR_INDEX.YELLOW
    assert result.save.disclosure.text and _custom_properties(result.path)["Schrijfhulp.AIOndersteund"] == "true"


@pytest.mark.parametrize(
    ("when", "visible"),
    [("model", True), ("always", True), ("never", False)],
)
def test_disclosure_and_metadata_follow_the_policy_for_drafted_text(
    tmp_path: Path, context: GuardContext, when: str, visible: bool
) -> None:
    _policy(f'[disclosure]\nwhen = "{when}"\n')
    engine = always(GROUNDED)
    result = draft(afwijzing(), tmp_path / "concept.docx", _settings(), context, engine, when=WHEN)
    properties = _custom_properties(result.path)
    assert properties["Schrijfhulp.AIOndersteund"] == "true"
    assert properties["Schrijfhulp.Hulpmiddel"] == f"Schrijfhulp {__version__}"
    assert properties["Schrijfhulp.Model"] == "Nepmodel 1B" and properties["Schrijfhulp.ModelSHA256"] == "ab" * 32
    assert properties["Schrijfhulp.Wijzigingen"] == "concept/model=1; stijl/model=1"
    assert properties["Schrijfhulp.VermeldingZichtbaar"] == str(visible).lower()
    body = [p.text for p in open_document(result.path).paragraphs if p.kind is ParagraphKind.BODY]
    if visible:
        assert result.save.disclosure.text and body[-1] == result.save.disclosure.text
        assert "Nepmodel 1B" in body[-1]
    else:
        assert result.save.disclosure.text is None and not any("AI-hulpmiddel" in t for t in body)


def test_without_a_model_every_slot_stays_open_and_nothing_claims_ai(tmp_path: Path, context: GuardContext) -> None:
    result = draft(afwijzing(), tmp_path / "concept.docx", _settings(), context, None, when=WHEN)
    assert [s.is_open for s in result.slots] == [True]
    assert "er is geen taalmodel gebruikt" in result.slots[0].note()
    properties = _custom_properties(result.path)
    assert properties["Schrijfhulp.AIOndersteund"] == "false" and properties["Schrijfhulp.Model"] == "-"
    texts = [p.text for p in open_document(result.path).paragraphs]
    assert "[Schrijf hier: motivering]" in texts
    # The chosen standard paragraph is the organisation's text: it is there without a model too.
    assert any(t.startswith("U heeft alleen recht op bijzondere bijstand") for t in texts)


@pytest.mark.parametrize("name", ["ontvangstbevestiging", "verzoek-aanvullende-gegevens", "besluit-toekenning",
                                  "besluit-afwijzing", "besluit-op-bezwaar", "woo-besluit"])
def test_every_shipped_template_filled_passes_the_checklist(tmp_path: Path, context: GuardContext, name: str) -> None:
    template = load_templates().get(name)
    result = draft(example_request(template, "-"), tmp_path / "concept.docx", _settings(), context, when=WHEN)
    assert result.review.kind == template.kind
    assert {item.check: item.status for item in result.review.letter}["aanhef-slot"] == "present"
    statuses = {item.check: item.status for item in result.review.decision}
    if template.kind == "besluit":
        # Without a model the motivation slot stays open; the checklist says so and points at it.
        motivation = next(item for item in result.review.decision if item.check == "motivering")
        assert (statuses.pop("motivering"), motivation.quote) == ("missing", "[Schrijf hier: motivering]")
        assert "missing" not in statuses.values(), statuses
        doubtful = {check for check, status in statuses.items() if status == "doubtful"}
        assert doubtful == ({"bezwaarclausule"} if name == "besluit-op-bezwaar" else set()), statuses
    else:
        assert statuses == {}


def test_an_optional_field_that_is_filled_keeps_its_paragraph(tmp_path: Path, context: GuardContext) -> None:
    template = load_templates().get("besluit-toekenning")
    request = example_request(template, "ken toe", uw_kenmerk="AB-77", bedrag="350")
    result = draft(request, tmp_path / "concept.docx", _settings(), context, None, when=WHEN)
    texts = [p.text for p in open_document(result.path).paragraphs]
    assert "Uw kenmerk: AB-77" in texts and "Het bedrag is € 350." in texts
    request = example_request(template, "ken toe", bedrag="")
    texts = [p.text for p in open_document(draft(request, tmp_path / "b.docx", _settings(), context).path).paragraphs]
    assert not any(t.startswith("Het bedrag is") for t in texts)


def test_a_bad_request_lists_every_problem_in_dutch(tmp_path: Path, context: GuardContext) -> None:
    request = afwijzing()
    values = dict(request.values, datum="31 februari 2026", kenmerk="", inkomen="veel", kleur="blauw")
    bad = DraftRequest(request.template, values, request.instruction, request.bouwstenen)
    assert set(bad.field_problems()) == {"datum", "kenmerk", "inkomen", "kleur"}
    with pytest.raises(DraftError) as caught:
        draft(bad, tmp_path / "concept.docx", _settings(), context, always(GROUNDED))
    message = str(caught.value)
    assert "‘Datum van de brief’ is geen geldige datum" in message and "Vul ‘Ons kenmerk’ in." in message
    assert "‘Inkomen van de aanvrager per maand’ is geen bedrag" in message
    assert "kent geen veld ‘kleur’" in message
    assert not (tmp_path / "concept.docx").exists()


def test_progress_comes_per_slot_and_cancelling_writes_nothing(tmp_path: Path, context: GuardContext) -> None:
    cancel = threading.Event()
    out = tmp_path / "uit"
    out.mkdir()
    items = run_draft(afwijzing(), out / "concept.docx", _settings(), context, always(GROUNDED), cancel)
    first = next(items)
    assert isinstance(first, Progress) and first.stage == "Het taalmodel schrijft: Motivering"
    cancel.set()
    assert list(items) == []
    assert list(out.iterdir()) == []  # no draft and no temporary file left behind
    items = list(run_draft(afwijzing(), out / "concept.docx", _settings(), context, always(GROUNDED)))
    assert [type(item) for item in items] == [Progress, Progress, DraftResult]
    assert [p.name for p in out.iterdir()] == ["concept.docx"]


# -- an organisation template with its own letterhead ----------------------------------------------

LETTERHEAD = "Waterschap De Voorbeeldpolder"
HOUSE_FONT = "Georgia"
HOUSE_COLOUR = RGBColor(0x00, 0x5A, 0x8C)
LOGO = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8cfc0f01f0005000201a0d1c3c60000000049454e44ae426082"
)
ORGANISATION_SIDECAR = """title = "Brief over een afspraak"
kind = "brief"

[[fields]]
key = "naam"
label = "Naam"
example = "De heer K. Bakker"

[[fields]]
key = "datum"
label = "Datum"
type = "date"
example = "20 maart 2026"

[[fields]]
key = "kenmerk"
label = "Kenmerk"
example = "WS-2026-0815"

[[fields]]
key = "datum_afspraak"
label = "Datum van de afspraak"
type = "date"
example = "2 april 2026"

[[slots]]
key = "inleiding"
label = "Inleiding"
prompt = "één korte zin over de afspraak"

[[slots]]
key = "slot"
label = "Afsluiting"
prompt = "één korte zin die de lezer bedankt"
bouwstenen = ["bedankt"]
"""


def organisation_template() -> Path:
    """A template in the machine data folder with a letterhead: logo, name in the house font and colour."""
    folder = paths.machine_data_dir() / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = HOUSE_FONT
    normal.font.size = Pt(11)
    header = document.sections[0].header.paragraphs[0]
    logo = folder / "logo.png"
    logo.write_bytes(LOGO)
    header.add_run().add_picture(str(logo))
    name = header.add_run(LETTERHEAD)
    name.font.name, name.font.size, name.font.color.rgb, name.bold = HOUSE_FONT, Pt(16), HOUSE_COLOUR, True
    document.add_paragraph("{{naam}}")
    line = document.add_paragraph("Datum: {{datum}}, kenmerk ")
    value = line.add_run("{{kenmerk}}")
    value.bold, value.font.color.rgb = True, HOUSE_COLOUR
    document.add_paragraph("Geachte heer Bakker,")
    slot = document.add_paragraph().add_run("{{inleiding}}")
    slot.italic = True
    document.add_paragraph("Wij zien u op {{datum_afspraak}}.")
    document.add_paragraph("{{slot}}")
    document.add_paragraph("Met vriendelijke groet,\nhet dagelijks bestuur")
    path = folder / "afspraak.docx"
    document.save(str(path))
    path.with_suffix(".toml").write_text(ORGANISATION_SIDECAR, encoding="utf-8")
    (paths.machine_data_dir() / "bouwstenen").mkdir(exist_ok=True)
    (paths.machine_data_dir() / "bouwstenen" / "waterschap.toml").write_text(
        '[[bouwsteen]]\nid = "bedankt"\ntitle = "Bedankt"\ntags = ["afsluiting"]\n'
        'text = "Dank u wel voor uw tijd."\n\n'
        '[[bouwsteen]]\nid = "meenemen"\ntitle = "Meenemen"\ntags = ["afspraak"]\n'
        'text = "Neem uw legitimatie mee."\n',
        encoding="utf-8",
    )
    return path


def check_letterhead(path: Path) -> None:
    """The organisation's letterhead, fonts and the marker's run formatting survived drafting."""
    written = docx.Document(str(path))
    assert written.styles["Normal"].font.name == HOUSE_FONT and written.styles["Normal"].font.size == Pt(11)
    header = written.sections[0].header.paragraphs[0]
    assert header.text == LETTERHEAD
    name = next(run for run in header.runs if run.text == LETTERHEAD)
    assert (name.font.name, name.font.size, name.font.color.rgb, name.bold) == (HOUSE_FONT, Pt(16), HOUSE_COLOUR, True)
    assert any(rel.reltype.endswith("/image") for rel in written.sections[0].header.part.rels.values())
    with zipfile.ZipFile(path) as archive:
        assert any(n.startswith("word/media/") and archive.read(n) == LOGO for n in archive.namelist())
    kenmerk = next(run for p in written.paragraphs for run in p.runs if run.text == "WS-2026-0815")
    assert kenmerk.bold and kenmerk.font.color.rgb == HOUSE_COLOUR


def test_an_organisation_template_is_found_and_its_letterhead_survives_drafting(
    tmp_path: Path, context: GuardContext
) -> None:
    organisation_template()
    template = load_templates().get("afspraak")
    assert template.origin == "organisatie"
    catalog = load_bouwstenen()
    chosen = [catalog.get("bedankt"), catalog.get("meenemen")]
    assert placement(template, chosen) == {"inleiding": [chosen[1]], "slot": [chosen[0]]}

    def answer(request: Request) -> str:
        if "afspraak" in request.user.split("Opdracht", 1)[0]:
            return "Wij hebben een afspraak met u op 2 april 2026."
        return "Tot ziens op 2 april 2026."

    engine = FakeEngine(answer)
    request = example_request(template, "bevestig de afspraak", chosen)
    result = draft(request, tmp_path / "afspraak.docx", _settings(), context, engine, when=WHEN)
    assert [s.text for s in result.slots] == [
        "Wij hebben een afspraak met u op 2 april 2026.",
        "Tot ziens op 2 april 2026.",
    ]
    check_letterhead(result.path)
    texts = [p.text for p in open_document(result.path).paragraphs]
    assert texts[3:8] == [
        "Neem uw legitimatie mee.",
        "Wij hebben een afspraak met u op 2 april 2026.",
        "Wij zien u op 2 april 2026.",
        "Dank u wel voor uw tijd.",
        "Tot ziens op 2 april 2026.",
    ]
    # The model's text takes the formatting of the slot marker (italic), through the paragraph mark.
    root = _document_xml(result.path)
    italic = ["".join(r.itertext()) for r in root.iter(f"{W}r") if r.find(f"{W}rPr/{W}i") is not None]
    assert italic == ["Neem uw legitimatie mee.", "Wij hebben een afspraak met u op 2 april 2026."]


# -- schrijfhulp-cli draft and templates -----------------------------------------------------------


def test_cli_templates_lists_every_template_with_its_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates"]) == 0
    out = capsys.readouterr().out
    for name in ("ontvangstbevestiging", "verzoek-aanvullende-gegevens", "besluit-toekenning", "besluit-afwijzing",
                 "besluit-op-bezwaar", "woo-besluit"):
        assert f"\n{name} — " in f"\n{out}"
    assert "    datum: Datum van de brief (datum, verplicht) — bijv. 16 maart 2026" in out
    assert "    uw_kenmerk: Uw kenmerk (tekst, mag leeg)" in out
    assert "    motivering: Motivering — standaardteksten: inkomen-boven-grens" in out
    assert "  inkomen-boven-grens: Inkomen hoger dan de grens [bijstand, minimaregeling, afwijzing, inkomen]" in out


def test_cli_draft_from_the_example_fields_without_a_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["templates", "--example", "besluit-afwijzing", "--bouwsteen", "inkomen-boven-grens"]) == 0
    fields = tmp_path / "velden.json"
    fields.write_text(capsys.readouterr().out, encoding="utf-8")
    assert json.loads(fields.read_text(encoding="utf-8"))["inkomensgrens"] == "€ 1.850,00"
    target = tmp_path / "concept.docx"
    argv = ["draft", "--template", "besluit-afwijzing", "--fields", str(fields), "--instruction", "weiger",
            "--bouwsteen", "inkomen-boven-grens", "-o", str(target)]
    assert main([*argv, "--no-model"]) == 0
    captured = capsys.readouterr()
    assert f"Concept geschreven: {target}" in captured.out
    assert "‘Motivering’ is open gelaten: er is geen taalmodel gebruikt." in captured.out
    assert "Taalcontrole van het concept: " in captured.out and f"schrijfhulp-cli check {target}" in captured.out
    assert "Datum: 16 maart 2026" in [p.text for p in open_document(target).paragraphs]
    # With the model asked for but not installed (the test's empty model folders): a notice, slots open.
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert "Taalmodel niet beschikbaar — de vrije tekst blijft open" in captured.err
    assert "is open gelaten" in captured.out


@pytest.mark.parametrize(
    ("fields", "args", "message"),
    [
        ('{"naam": "x"}', ["--template", "bestaat-niet"], "Onbekend sjabloon ‘bestaat-niet’"),
        ('{"naam": "x"}', [], "datum: Vul ‘Datum van de brief’ in."),
        ('{"naam": "x", "kleur": "rood"}', [], "kleur: Het sjabloon ‘besluit-afwijzing’ kent geen veld ‘kleur’."),
        ("[1, 2", [], "is geen geldige JSON"),
        ('["naam"]', [], "moet een JSON-object zijn"),
        ('{"naam": ["x"]}', [], "moet elke waarde tekst of een getal zijn; niet bij: naam"),
        ('{"naam": "x"}', ["--bouwsteen", "bestaat-niet"], "Onbekende standaardtekst ‘bestaat-niet’"),
        ('{"naam": "x"}', ["-o", "concept.pdf"], "Kies een bestandsnaam die eindigt op .docx."),
        (None, [], "kan niet worden gelezen"),
    ],
)
def test_cli_draft_bad_input_exits_1_with_a_dutch_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fields: str | None, args: list[str], message: str
) -> None:
    path = tmp_path / "velden.json"
    if fields is not None:
        path.write_text(fields, encoding="utf-8")
    argv = ["draft", "--template", "besluit-afwijzing", "--fields", str(path), "--no-model",
            "-o", str(tmp_path / "concept.docx")]
    argv += [str(tmp_path / a) if a.endswith(".pdf") else a for a in args]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("schrijfhulp-cli: ") and message in err and "Traceback" not in err
    assert not (tmp_path / "concept.docx").exists()


# -- LibreOffice and the schema ---------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("mark", ["tracked", "highlight"])
def test_libreoffice_opens_the_draft_and_it_adds_no_schema_errors(
    tmp_path: Path, context: GuardContext, mark: str
) -> None:
    if ooxml_oracle.soffice() is None:
        pytest.fail("LibreOffice (soffice) is not installed; ./scripts/test installs it")
    _policy(f'[drafting]\nmark_model_text = "{mark}"\n')
    request = afwijzing()
    result = draft(request, tmp_path / "concept.docx", _settings(), context, always(GROUNDED), when=WHEN)
    assert ooxml_oracle.new_schema_errors(request.template.path, result.path) == []
    pdfs = ooxml_oracle.convert_to_pdf([result.path], tmp_path / "pdf", timeout=300)
    assert pdfs[result.path] is not None


# -- the real embedded model ------------------------------------------------------------------------

INSTRUCTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "ontvangstbevestiging": ("een medewerker bekijkt de aanvraag", ("behandeling-aanvraag",)),
    "verzoek-aanvullende-gegevens": (
        "wij hebben de loonstroken en het bankafschrift nodig om het inkomen te beoordelen",
        ("gegevens-nodig-beoordeling",),
    ),
    "besluit-toekenning": ("ken toe: het inkomen is lager dan de grens", ("inkomen-onder-grens",)),
    "besluit-afwijzing": ("weiger: het inkomen ligt boven de grens van de verordening", ("inkomen-boven-grens",)),
    "besluit-op-bezwaar": ("ongegrond: het besluit was juist, het inkomen was te hoog", ("bezwaar-ongegrond",)),
    "woo-besluit": ("gedeeltelijk openbaar: namen van personen maken wij niet openbaar", ("woo-persoonsgegevens",)),
    "afspraak": ("bevestig de afspraak op 2 april 2026", ("meenemen",)),
}


@dataclass(frozen=True)
class RealDraft:
    request: DraftRequest
    result: DraftResult
    seconds: float


@pytest.fixture(scope="module")
def real_drafts(
    tmp_path_factory: pytest.TempPathFactory, embedded_engine: LlamaEngine, context: GuardContext
) -> Iterator[dict[str, RealDraft]]:
    """Every shipped template and the organisation template drafted once with the embedded model.

    One greedy attempt per slot keeps the time down (a slot can take a minute on two cores); a
    slot the guards refuse stays open, which the tests accept as a valid outcome.
    """
    base = tmp_path_factory.mktemp("echt")
    with pytest.MonkeyPatch.context() as patch:
        for name in (paths.ENV_USER_CONFIG, paths.ENV_USER_DATA, paths.ENV_MACHINE_CONFIG, paths.ENV_MACHINE_DATA):
            (base / name).mkdir()
            patch.setenv(name, str(base / name))
        organisation_template()
        templates, bouwstenen = load_templates(), load_bouwstenen()
        settings = load_settings(registry=dict)
        drafts: dict[str, RealDraft] = {}
        for name, (instruction, chosen) in INSTRUCTIONS.items():
            request = example_request(templates.get(name), instruction, [bouwstenen.get(i) for i in chosen])
            started = time.monotonic()
            result = draft(request, base / f"{name}.docx", settings, context, embedded_engine, attempts=ATTEMPTS[:1])
            drafts[name] = RealDraft(request, result, time.monotonic() - started)
            outcome = "; ".join(f"{s.key}: {s.text!r}" if s.text else s.note() for s in result.slots)
            print(f"\n[{name}] {drafts[name].seconds:.0f} s — {outcome}")
        yield drafts


def _material(request: DraftRequest, result: DraftResult) -> list[str]:
    """Everything a fact in the draft may come from: the template filled with the fields, the
    standard paragraphs, what the model was given, the open-slot text and the disclosure."""
    return [
        *filled_template_text(request),
        *(text for slot in result.slots for text in (*slot.paragraphs, *slot.material)),
        *(slot.open_text for slot in request.template.slots),
        result.save.disclosure.text or "",
    ]


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize("name", list(INSTRUCTIONS))
def test_every_template_drafts_with_the_embedded_model(
    real_drafts: dict[str, RealDraft], context: GuardContext, name: str
) -> None:
    drafted = real_drafts[name]
    request, result = drafted.request, drafted.result
    written = open_document(result.path)
    texts = [p.text for p in written.paragraphs]
    for expected in expected_field_paragraphs(request):
        assert expected in texts, expected
    for slot in result.slots:
        if slot.text is None:
            # A refused slot is a valid outcome: it stays visibly open and the summary says why.
            assert f"[Schrijf hier: {slot.label.lower()}]" in texts
            assert any(f"‘{slot.label}’ is open gelaten" in line for line in result.summary())
        elif slot.text:
            assert slot.text in texts
            # Checked again here, independently of the drafting code: no fact outside the material.
            reasons = fact_guard(
                "",
                slot.text,
                context.protected_terms,
                require_all=False,
                allowed=slot.material,
                is_word=context.speller.is_correct,
            )
            assert reasons == []
    # No fact anywhere in the letter that was not in the input.
    is_word = context.speller.is_correct
    allowed = fact_keys(
        fact for text in _material(request, result) for fact in extract_facts(text, context.protected_terms, is_word)
    )
    found = {
        fact.text
        for text in texts
        for fact in extract_facts(text, context.protected_terms, is_word)
        if not fact_keys([fact]) <= allowed
    }
    assert found == set()
    model_wrote = any(slot.text for slot in result.slots)  # "" = only repeated a standard paragraph
    assert _custom_properties(result.path)["Schrijfhulp.AIOndersteund"] == str(model_wrote).lower()
    assert bool(result.save.disclosure.text) is model_wrote  # the default policy: disclose model text
    if name == "afspraak":
        check_letterhead(result.path)
    assert result.review.kind == request.template.kind
    if request.template.kind == "besluit":
        statuses = {item.check: item.status for item in result.review.decision}
        missing = {check for check, status in statuses.items() if status == "missing"}
        # A motivation the model could not write safely stays visibly open ("[Schrijf hier: motivering]"),
        # and the review rightly calls it missing; one the model wrote must be found.
        left_open = {slot.key for slot in result.slots if slot.text is None}
        assert missing == ({"motivering"} & left_open), (statuses, left_open)
        doubtful = {check for check, status in statuses.items() if status == "doubtful"}
        # A decision on an objection rightly names only beroep (no second bezwaar).
        assert doubtful == ({"bezwaarclausule"} if name == "besluit-op-bezwaar" else set()), statuses
    else:
        assert {item.check: item.status for item in result.review.letter}["aanhef-slot"] == "present"


@pytest.mark.model
@pytest.mark.slow
def test_libreoffice_opens_every_real_draft(real_drafts: dict[str, RealDraft], tmp_path: Path) -> None:
    if ooxml_oracle.soffice() is None:
        pytest.fail("LibreOffice (soffice) is not installed; ./scripts/test installs it")
    files = [drafted.result.path for drafted in real_drafts.values()]
    pdfs = ooxml_oracle.convert_to_pdf(files, tmp_path / "pdf", timeout=900)
    assert [path.name for path, pdf in pdfs.items() if pdf is None] == []


