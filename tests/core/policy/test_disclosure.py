"""The disclosure policy: when a visible statement is required, its text and place, and the metadata."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree

from desktop import __version__
from desktop.core import paths
from desktop.core.document.reader import ParagraphKind, open_document
from desktop.core.findings import Category, Edit, Source
from desktop.core.policy.disclosure import (
    DisclosureError,
    ModelUse,
    build,
    earlier_disclosure,
    render_text,
    required,
    save_check,
)
from desktop.core.policy.settings import load_settings
from desktop.core.saving import SaveBlockedError, default_target, save_reviewed

pytestmark = pytest.mark.core

WHEN = datetime(2026, 11, 24, 10, 30).astimezone()
MODEL = ModelUse("Qwen2.5-Coder 1.5B Instruct", "cc" * 32)
RULE_EDIT = Edit("p2", 0, 0, "", category=Category.SPELLING, source=Source.RULE)
MODEL_EDIT = Edit("p2", 0, 0, "", category=Category.STYLE, source=Source.MODEL)


def _policy(text: str) -> None:
    (paths.machine_config_dir() / "policy.toml").write_text(text, encoding="utf-8")


def _custom_properties(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("docProps/custom.xml"))
    return {prop.get("name"): "".join(prop.itertext()) for prop in root}


@pytest.mark.parametrize(
    ("when", "edits", "drafted", "expected"),
    [
        ("always", [RULE_EDIT], False, True),
        ("always", [], False, True),
        ("model", [RULE_EDIT], False, False),  # standard editing: spelling and grammar by rules
        ("model", [RULE_EDIT, MODEL_EDIT], False, True),
        ("model", [], True, True),  # a drafted document
        ("never", [MODEL_EDIT], True, False),
    ],
)
def test_when_a_disclosure_is_required(when: str, edits: list[Edit], drafted: bool, expected: bool) -> None:
    _policy(f'[disclosure]\nwhen = "{when}"\n')
    assert required(load_settings(registry=dict), edits, drafted) is expected


def test_the_text_follows_the_template_with_placeholders() -> None:
    template = "Met hulp van AI ({model}) gemaakt door {user} van {organisation} op {date}; {tool}."
    _policy(f'[disclosure]\ntext_nl = "{template}"\n')
    (paths.user_config_dir() / "settings.toml").write_text('user_name = "A. de Vries"\norganisation = "Gemeente Ede"\n')
    text = render_text(load_settings(registry=dict), MODEL, WHEN)
    assert text == (
        f"Met hulp van AI (Qwen2.5-Coder 1.5B Instruct) gemaakt door A. de Vries van Gemeente Ede op 24-11-2026; "
        f"Schrijfhulp {__version__}."
    )


def test_english_template_and_date() -> None:
    (paths.user_config_dir() / "settings.toml").write_text('[disclosure]\ntext_language = "en"\n')
    text = render_text(load_settings(registry=dict), MODEL, WHEN)
    assert text.startswith("An AI tool was used") and "2026-11-24" in text


def test_an_unknown_placeholder_is_refused() -> None:
    (paths.user_config_dir() / "settings.toml").write_text('[disclosure]\ntext_nl = "AI: {modelnaam}"\n')
    with pytest.raises(DisclosureError, match="modelnaam"):
        render_text(load_settings(registry=dict), MODEL, WHEN)


def test_a_locked_disclosure_cannot_be_removed_or_edited() -> None:
    _policy('[disclosure]\nwhen = "model"\nuser_may_edit = false\n')
    settings = load_settings(registry=dict)
    with pytest.raises(DisclosureError, match="beheerd door uw organisatie"):
        build(settings, [MODEL_EDIT], MODEL, WHEN, visible=False)
    with pytest.raises(DisclosureError):
        build(settings, [MODEL_EDIT], MODEL, WHEN, text="Zelf geschreven.")
    assert build(settings, [MODEL_EDIT], MODEL, WHEN).text


def test_saving_model_text_without_the_required_disclosure_is_blocked_unless_policy_allows() -> None:
    settings = load_settings(registry=dict)
    removed = build(settings, [MODEL_EDIT], MODEL, WHEN, visible=False)
    assert removed.text is None
    assert "niet toegestaan" in (save_check(settings, [MODEL_EDIT], removed) or "")
    assert save_check(settings, [RULE_EDIT], build(settings, [RULE_EDIT], MODEL, WHEN)) is None
    _policy("[disclosure]\nallow_save_without = true\n")
    allowed = load_settings(registry=dict)
    assert save_check(allowed, [MODEL_EDIT], build(allowed, [MODEL_EDIT], MODEL, WHEN, visible=False)) is None


@pytest.mark.parametrize("placement", ["end", "footer", "first_page_note"])
def test_the_visible_disclosure_lands_where_policy_says(
    placement: str, letter_docx: Callable[..., Path], tmp_path: Path
) -> None:
    _policy(f'[disclosure]\nwhen = "always"\nplacement = "{placement}"\n')
    settings = load_settings(registry=dict)
    document = open_document(letter_docx("014_brief"))
    target = default_target(document, settings)
    assert target != document.path and target.parent == document.path.parent
    result = save_reviewed(document, [], target, settings, ModelUse(), when=WHEN)
    written = open_document(target)
    text = result.disclosure.text
    assert text and "Schrijfhulp" in text
    body = [p for p in written.paragraphs if p.kind is ParagraphKind.BODY]
    if placement == "end":
        assert body[-1].text == text
    elif placement == "first_page_note":
        assert body[0].text == text
    else:
        assert text in [p.text for p in written.paragraphs if p.kind is ParagraphKind.FOOTER]
    assert sum(p.text == text for p in written.paragraphs) >= 1


def test_metadata_is_in_every_output_even_without_a_visible_disclosure(letter_docx: Callable[..., Path]) -> None:
    settings = load_settings(registry=dict)  # default: a disclosure only for model text
    document = open_document(letter_docx("014_brief"))
    paragraph = next(p for p in document.paragraphs if "vergroening" in p.text)
    start = paragraph.text.index("vergroening")
    edit = Edit(paragraph.id, start, start + len("vergroening"), "vergroening", category=Category.SPELLING)
    target = default_target(document, settings)
    result = save_reviewed(document, [edit], target, settings, ModelUse(), when=WHEN)
    assert result.disclosure.text is None
    properties = _custom_properties(target)
    assert properties["Schrijfhulp.AIOndersteund"] == "false"
    assert properties["Schrijfhulp.Hulpmiddel"] == f"Schrijfhulp {__version__}"
    assert properties["Schrijfhulp.Wijzigingen"] == "spelling=1"
    assert properties["Schrijfhulp.VermeldingZichtbaar"] == "false"
    assert properties["Schrijfhulp.Datum"].startswith("2026-11-24")
    assert not any("AI-hulpmiddel" in p.text for p in open_document(target).paragraphs)


def test_model_text_gets_the_disclosure_and_model_metadata(letter_docx: Callable[..., Path]) -> None:
    settings = load_settings(registry=dict)
    document = open_document(letter_docx("014_brief"))
    paragraph = next(p for p in document.paragraphs if len(p.text) > 40)
    edit = Edit(paragraph.id, 0, 0, "Let op: ", category=Category.STYLE, source=Source.MODEL)
    result = save_reviewed(document, [edit], default_target(document, settings), settings, MODEL, when=WHEN)
    properties = _custom_properties(result.report.target)
    assert properties["Schrijfhulp.AIOndersteund"] == "true"
    assert properties["Schrijfhulp.Model"] == MODEL.name and properties["Schrijfhulp.ModelSHA256"] == MODEL.sha256
    assert properties["Schrijfhulp.Wijzigingen"] == "stijl/model=1"
    assert open_document(result.report.target).paragraphs[-1].text == result.disclosure.text


def test_a_blocked_save_writes_nothing(letter_docx: Callable[..., Path]) -> None:
    settings = load_settings(registry=dict)
    document = open_document(letter_docx("014_brief"))
    target = default_target(document, settings)
    with pytest.raises(SaveBlockedError):
        save_reviewed(document, [MODEL_EDIT], target, settings, MODEL, visible=False)
    assert not target.exists()


def test_a_reviewed_draft_keeps_its_ai_metadata_and_gets_no_second_disclosure(letter_docx: Callable[..., Path]) -> None:
    settings = load_settings(registry=dict)
    document = open_document(letter_docx("014_brief"))
    paragraph = next(p for p in document.paragraphs if len(p.text) > 40)
    edit = Edit(paragraph.id, 0, 0, "Let op: ", category=Category.STYLE, source=Source.MODEL)
    draft = save_reviewed(document, [edit], document.path.with_name("concept.docx"), settings, MODEL,
                          drafted=True, when=WHEN).report.target
    reviewed = open_document(draft)
    earlier = earlier_disclosure(reviewed)
    assert earlier.model_text and earlier.visible and earlier.model == MODEL
    spelling = next(p for p in reviewed.paragraphs if "vergroening" in p.text)
    start = spelling.text.index("vergroening")
    rule_edit = Edit(spelling.id, start, start + 11, "vergroening", category=Category.SPELLING)
    again = save_reviewed(reviewed, [rule_edit], draft.with_name("definitief.docx"), settings, ModelUse(), when=WHEN)
    properties = _custom_properties(again.report.target)
    assert properties["Schrijfhulp.AIOndersteund"] == "true"  # the model's text is still in it
    assert properties["Schrijfhulp.Model"] == MODEL.name
    assert properties["Schrijfhulp.VermeldingZichtbaar"] == "true"
    texts = [p.text for p in open_document(again.report.target).paragraphs]
    assert sum("AI-hulpmiddel" in t for t in texts) == 1
