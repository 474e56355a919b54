"""Drafting: a new letter or decision from a template, the user's fields and the model's guarded text.

:func:`run_draft` is long work in the house style: a generator that yields :class:`Progress` per
slot and finally the :class:`DraftResult`, checking a cancel flag between (and, through the engine,
inside) model calls. The steps:

1. the request is validated (required fields, dates, amounts, numbers, fields the chosen standard
   paragraphs need); problems raise :class:`DraftError` with every Dutch problem;
2. for every slot the model writes text with :func:`desktop.core.model.tasks.draft_text`, grounded
   in the fields, the instruction and the standard paragraphs chosen for that slot; every output
   passes the guards (no fact that is not in that material, plain Dutch). Sentences that repeat a
   chosen standard paragraph (it is in the letter already), repeat each other or echo the
   instruction's command ("weiger: ...") are left out. A slot with no output
   that passed stays open (``[Schrijf hier: …]``) and the result says why;
3. the template's ``{{field}}`` markers are filled deterministically in the runs that hold them
   (formatting kept); a slot paragraph becomes the chosen standard paragraphs followed by the
   model's text or the open-slot text, each in the slot paragraph's formatting;
4. the model's text is marked per ``drafting.mark_model_text``: "tracked" writes the filled
   letter first and then adds the model's text as tracked insertions by the AI author, with the
   reason as a comment; "highlight" writes it directly, highlighted. The save goes through
   :func:`desktop.core.saving.save_reviewed` with ``drafted=True`` when the model wrote text, so
   the disclosure policy, the metadata and the audit log apply;
5. the written letter is reviewed (decision checklist and letter checks) for the result.
"""

from __future__ import annotations

import copy
import difflib
import os
import re
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run
from lxml import etree

from desktop.core.analysis import Progress
from desktop.core.document.ooxml import W_P, W_PPR, W_PPR_CHANGE, W_R, W_RPR, W_SECTPR
from desktop.core.document.reader import Document, open_document
from desktop.core.drafting.bouwstenen import Bouwsteen, BouwsteenError
from desktop.core.drafting.templates import (
    FieldSpec,
    SlotSpec,
    Template,
    fields_for,
    markers,
    replace_marker,
    story_roots,
    text_nodes,
)
from desktop.core.findings import Category, Edit, Source
from desktop.core.i18n import _
from desktop.core.language.awb import Review, review_document
from desktop.core.language.sentences import split_sentences
from desktop.core.model.engine import Engine
from desktop.core.model.guards import GuardContext, Verdict
from desktop.core.model.tasks import ATTEMPTS, Attempt, draft_text
from desktop.core.policy.disclosure import ModelUse
from desktop.core.policy.settings import Settings
from desktop.core.saving import SaveResult, save_reviewed

SLOT_BOOKMARK = "_Schrijfhulp_{key}"
#: A sentence of the model this similar to one of a standard paragraph counts as a copy of it.
REPEAT_SIMILARITY = 0.85
_WORDS = re.compile(r"\w+")
# "weiger: het inkomen ..." — a short command before a colon at the start of an instruction.
_COMMAND = re.compile(r"^\s*([^\W\d_][^:.!?\n]{0,30}):")
HIGHLIGHT = WD_COLOR_INDEX.YELLOW
_BOOKMARK_START = qn("w:bookmarkStart")


class DraftError(Exception):
    """The draft cannot be made; ``str(exc)`` lists the Dutch problems."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class DraftRequest:
    """What the user asked for: a template, the field values, an instruction and standard paragraphs."""

    template: Template
    values: Mapping[str, str]
    instruction: str = ""
    bouwstenen: tuple[Bouwsteen, ...] = ()

    def fields(self) -> list[FieldSpec]:
        """The template's fields followed by those the chosen standard paragraphs add."""
        return fields_for(self.template, [spec for item in self.bouwstenen for spec in item.fields()])

    def normalised(self) -> dict[str, str]:
        """Every field's value as it goes into the letter (empty for a field left blank)."""
        return {spec.key: spec.normalise(str(self.values.get(spec.key, ""))) for spec in self.fields()}

    def field_problems(self) -> dict[str, str]:
        """Field key -> what is wrong with its value (Dutch), including keys the template does not know."""
        values = self.normalised()
        found = {spec.key: p for spec in self.fields() if (p := spec.problem(values[spec.key])) is not None}
        for key in self.values:
            if key not in values:
                found[key] = _("Het sjabloon ‘{template}’ kent geen veld ‘{key}’.").format(
                    template=self.template.name, key=key
                )
        return found

    def problems(self) -> list[str]:
        """Everything wrong with the request, in Dutch (empty when it can be drafted)."""
        problems = list(self.field_problems().values())
        if self.bouwstenen and not self.template.slots:
            problems.append(
                _("Het sjabloon ‘{template}’ heeft geen vrije tekst; standaardteksten kunnen er niet in.").format(
                    template=self.template.title
                )
            )
        return problems


def placement(template: Template, chosen: Sequence[Bouwsteen]) -> dict[str, list[Bouwsteen]]:
    """Which slot each chosen standard paragraph goes into.

    A standard paragraph goes into every slot that suggests it; one that no slot suggests goes
    into the first slot.
    """
    placed: dict[str, list[Bouwsteen]] = {slot.key: [] for slot in template.slots}
    if not template.slots:
        return placed
    for item in chosen:
        targets = [slot.key for slot in template.slots if item.id in slot.bouwstenen] or [template.slots[0].key]
        for key in targets:
            placed[key].append(item)
    return placed


@dataclass(frozen=True)
class SlotOutcome:
    """What happened to one slot."""

    key: str
    label: str
    #: The model's text that passed every guard (without sentences it copied from the standard
    #: paragraphs, which are in the letter already; "" when that was all), or None: the slot stays open.
    text: str | None
    #: The standard paragraphs inserted before it (filled).
    paragraphs: tuple[str, ...] = ()
    #: Everything the model was given as facts: instruction, field values, standard paragraphs.
    material: tuple[str, ...] = ()
    refusals: tuple[Verdict, ...] = ()
    seconds: float = 0.0
    model_used: bool = False
    #: Sentences of the model's text left out because they repeat a standard paragraph.
    repeated: int = 0

    @property
    def is_open(self) -> bool:
        """True when nobody wrote this slot yet."""
        return self.text is None

    def note(self) -> str:
        """One Dutch line for the user about this slot."""
        if self.text == "":
            return _("‘{label}’: het taalmodel herhaalde alleen de standaardtekst; die staat er al.").format(
                label=self.label
            )
        if self.text is not None:
            return _("‘{label}’: geschreven door het taalmodel en gecontroleerd ({seconds:.0f} s).").format(
                label=self.label, seconds=self.seconds
            )
        if not self.model_used:
            reason = _("er is geen taalmodel gebruikt")
        elif self.refusals:
            reason = _("het taalmodel gaf geen tekst die de controle doorstond ({reason})").format(
                reason=self.refusals[-1].reasons[0][1]
            )
        else:
            reason = _("het taalmodel gaf geen bruikbaar antwoord")
        return _("‘{label}’ is open gelaten: {reason}. Schrijf deze tekst zelf.").format(
            label=self.label, reason=reason
        )


@dataclass(frozen=True)
class DraftResult:
    """The written draft: where, what each slot got, the save (disclosure) and the review."""

    path: Path
    template: Template
    slots: tuple[SlotOutcome, ...]
    save: SaveResult
    review: Review

    @property
    def open_slots(self) -> tuple[SlotOutcome, ...]:
        """The slots the user still has to write."""
        return tuple(slot for slot in self.slots if slot.is_open)

    def summary(self) -> list[str]:
        """Dutch lines for the user: the file, every slot, the disclosure and checklist gaps."""
        lines = [_("Concept geschreven: {path}").format(path=self.path)]
        lines += [slot.note() for slot in self.slots]
        if self.save.disclosure.text:
            lines.append(_("Het concept bevat de AI-vermelding: ‘{text}’").format(text=self.save.disclosure.text))
        lines += [
            _("Besluitcontrole, {check}: {message}").format(check=item.check, message=item.message)
            for item in self.review.decision
            if item.status not in ("present", "inapplicable")
        ]
        if self.save.audit_note:
            lines.append(self.save.audit_note)
        return lines


def run_draft(
    request: DraftRequest,
    target: Path,
    settings: Settings,
    context: GuardContext,
    engine: Engine | None = None,
    cancel: threading.Event | None = None,
    *,
    attempts: Sequence[Attempt] = ATTEMPTS,
    when: datetime | None = None,
) -> Iterator[Progress | DraftResult]:
    """Draft ``request`` into ``target``; see the module docstring. Raises DraftError on bad input."""
    problems = request.problems()
    if problems:
        raise DraftError(problems)
    values = request.normalised()
    placed = placement(request.template, request.bouwstenen)
    try:
        filled = {key: [item.fill(values) for item in items] for key, items in placed.items()}
    except BouwsteenError as exc:
        raise DraftError([str(exc)]) from exc
    slots: list[SlotOutcome] = []
    total = len(request.template.slots)
    for done, slot in enumerate(request.template.slots):
        if cancel is not None and cancel.is_set():
            return
        if engine is not None:
            yield Progress(_("Het taalmodel schrijft: {label}").format(label=slot.label), done, total)
        slots.append(_write_slot(request, slot, values, filled[slot.key], context, engine, cancel, attempts))
    if cancel is not None and cancel.is_set():
        return
    yield Progress(_("Concept opslaan"), total, total)
    model = ModelUse(engine.info.name, engine.info.sha256) if engine is not None else ModelUse()
    save = _write(request.template, values, slots, target, settings, model, when)
    written = open_document(target)
    review = review_document([(p.id, p.text) for p in written.paragraphs if p.text.strip()])
    yield DraftResult(target, request.template, tuple(slots), save, review)


def draft(
    request: DraftRequest,
    target: Path,
    settings: Settings,
    context: GuardContext,
    engine: Engine | None = None,
    *,
    attempts: Sequence[Attempt] = ATTEMPTS,
    when: datetime | None = None,
) -> DraftResult:
    """:func:`run_draft` to the end, for callers without progress (the CLI, tests)."""
    result: DraftResult | None = None
    for item in run_draft(request, target, settings, context, engine, attempts=attempts, when=when):
        if isinstance(item, DraftResult):
            result = item
    assert result is not None  # without a cancel flag the generator always ends with the result
    return result


def _write_slot(
    request: DraftRequest,
    slot: SlotSpec,
    values: Mapping[str, str],
    paragraphs: list[str],
    context: GuardContext,
    engine: Engine | None,
    cancel: threading.Event | None,
    attempts: Sequence[Attempt],
) -> SlotOutcome:
    facts = {"Soort brief": request.template.title}  # prompt text for the model, not for the user
    facts.update({spec.label: values[spec.key] for spec in request.fields() if values[spec.key]})
    instruction = " ".join(request.instruction.split())
    material = (instruction, *facts.values(), *paragraphs)
    if engine is None:
        return SlotOutcome(slot.key, slot.label, None, tuple(paragraphs), material)
    started = time.monotonic()
    text, refusals, _completions = draft_text(
        engine, slot.prompt, instruction or "-", facts, paragraphs, context, cancel=cancel, attempts=attempts
    )
    repeated = 0
    if text is not None:
        text, repeated = without_repeats(text, paragraphs, instruction)
    return SlotOutcome(
        slot.key,
        slot.label,
        text,
        tuple(paragraphs),
        material,
        tuple(refusals),
        time.monotonic() - started,
        model_used=True,
        repeated=repeated,
    )


def _plain(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def without_repeats(text: str, paragraphs: Sequence[str], instruction: str = "") -> tuple[str, int]:
    """``text`` without sentences that say again what is already there, and how many those were.

    Left out: a sentence that (nearly) repeats a sentence of the standard ``paragraphs`` (they are
    in the letter already), a sentence the model wrote twice, and a sentence that starts with the
    instruction's command ("weiger: ...", written to the model, not to the reader). Leaving
    sentences out never adds a fact, so the guards' verdict still holds.
    """
    known = [_plain(span.text) for paragraph in paragraphs for span in split_sentences(paragraph)]
    whole = f" {' '.join(_plain(paragraph) for paragraph in paragraphs)} "
    command = _COMMAND.match(instruction)
    echo = re.compile(rf"\s*{re.escape(command[1].strip())}\s*:", re.I) if command else None
    kept: list[str] = []
    sentences = split_sentences(text)
    for span in sentences:
        plain = _plain(span.text)
        repeated = (
            f" {plain} " in whole
            or plain in (_plain(k) for k in kept)
            or (echo is not None and echo.match(span.text) is not None)
            or any(
                difflib.SequenceMatcher(None, plain, sentence, autojunk=False).ratio() >= REPEAT_SIMILARITY
                for sentence in known
            )
        )
        if not repeated:
            kept.append(span.text.strip())
    return " ".join(kept), len(sentences) - len(kept)


def _explanation(model: ModelUse) -> str:
    return _(
        "Geschreven door het lokale taalmodel ({model}) uit uw gegevens, uw opdracht en de gekozen "
        "standaardteksten. Gecontroleerd: elk bedrag, elke datum, termijn, elk getal, elke naam en elk "
        "artikel komt uit wat u gaf. Lees de tekst na voordat u hem gebruikt."
    ).format(model=model.name)


def _write(
    template: Template,
    values: Mapping[str, str],
    slots: Sequence[SlotOutcome],
    target: Path,
    settings: Settings,
    model: ModelUse,
    when: datetime | None,
) -> SaveResult:
    """Fill the template into a temporary file next to ``target`` and save the draft from it."""
    tracked = settings.drafting.mark_model_text == "tracked"
    cannot = _("In de map {folder} kan geen concept worden geschreven ({error}).")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".~schrijfhulp-", suffix=".docx", dir=target.parent)
        os.close(handle)
    except OSError as exc:
        raise DraftError([cannot.format(folder=target.parent, error=exc)]) from exc
    filled_path = Path(name)
    try:
        fill_template(template, values, slots, filled_path, tracked=tracked)
        filled = open_document(filled_path)
        edits = _model_edits(filled, slots, model) if tracked else []
        drafted = any(slot.text for slot in slots)
        result = save_reviewed(filled, edits, target, settings, model, drafted=drafted, when=when)
    except OSError as exc:
        raise DraftError([cannot.format(folder=target.parent, error=exc)]) from exc
    finally:
        filled_path.unlink(missing_ok=True)
    if result.report.refused:
        target.unlink(missing_ok=True)
        raise DraftError([reason for _edit, reason in result.report.refused])
    return result


def _model_edits(filled: Document, slots: Sequence[SlotOutcome], model: ModelUse) -> list[Edit]:
    """A pure insertion (source: the model) of every written slot's text into its bookmarked paragraph."""
    edits = []
    for slot in slots:
        if not slot.text:
            continue
        name = SLOT_BOOKMARK.format(key=slot.key)
        paragraph = next(p for p in filled.paragraphs if _has_bookmark(p.element, name))
        edits.append(Edit(paragraph.id, 0, 0, slot.text, _explanation(model), category=Category.STYLE,
                          source=Source.MODEL))
    return edits


def _has_bookmark(paragraph: etree._Element, name: str) -> bool:
    return any(node.get(qn("w:name")) == name for node in paragraph.iter(_BOOKMARK_START))


# -- filling the template --------------------------------------------------------------------------


def fill_template(
    template: Template,
    values: Mapping[str, str],
    slots: Sequence[SlotOutcome],
    target: Path,
    *,
    tracked: bool,
) -> None:
    """Write ``template`` with every field filled and every slot expanded to ``target``.

    With ``tracked`` a slot the model wrote gets an empty paragraph (bookmarked
    ``_Schrijfhulp_<slot>``) for the tracked insertion; otherwise the model's text is written
    there directly, highlighted. A paragraph holding an optional field left empty is left out.
    """
    document = docx.Document(str(template.path))
    outcomes = {slot.key: slot for slot in slots}
    optional_empty = {spec.key for spec in template.fields if not spec.required and not values.get(spec.key)}
    next_bookmark = 1 + max(
        (int(node.get(qn("w:id"), "0")) for node in document.element.body.iter(_BOOKMARK_START)), default=0
    )
    for root, _is_body in story_roots(document):
        for paragraph in list(root.iter(W_P)):
            found = markers(paragraph)
            if not found:
                continue
            key = found[0][1]
            if key in outcomes:
                rpr = _marker_rpr(paragraph, found[0].start())
                _expand_slot(paragraph, template.slot(key), outcomes[key], rpr, tracked, next_bookmark)
                next_bookmark += 1
            elif any(match[1] in optional_empty for match in found):
                _drop(paragraph)
            else:
                for match in reversed(found):
                    replace_marker(paragraph, match, values.get(match[1], ""))
    document.save(str(target))


def _drop(paragraph: etree._Element) -> None:
    """Remove ``paragraph``, or empty it when its container needs at least one paragraph."""
    parent = paragraph.getparent()
    if parent is not None and sum(1 for child in parent if child.tag == W_P) > 1:
        parent.remove(paragraph)
        return
    for node in list(paragraph):
        if node.tag != W_PPR:
            paragraph.remove(node)


def _marker_rpr(paragraph: etree._Element, start: int) -> etree._Element | None:
    """A copy of the run properties of the run holding character ``start`` of the marker text."""
    offset = 0
    for node in text_nodes(paragraph):
        length = len(node.text or "")
        if offset <= start < offset + length:
            run = node.getparent()
            rpr = run.find(W_RPR) if run is not None and run.tag == W_R else None
            return copy.deepcopy(rpr) if rpr is not None and len(rpr) else None
        offset += length
    return None


def _new_paragraph(slot_paragraph: etree._Element, rpr: etree._Element | None, text: str) -> tuple[Any, Run | None]:
    """A paragraph with the slot paragraph's properties and, for non-empty ``text``, one run holding it."""
    paragraph = OxmlElement("w:p")
    ppr = slot_paragraph.find(W_PPR)
    if ppr is not None:
        paragraph.append(copy.deepcopy(ppr))
    if not text:
        return paragraph, None
    run_element = OxmlElement("w:r")
    if rpr is not None:
        run_element.append(copy.deepcopy(rpr))
    paragraph.append(run_element)
    run = Run(run_element, None)  # type: ignore[arg-type]  # no story part needed to set text
    run.text = text
    return paragraph, run


def _mark_paragraph_mark(paragraph: Any, rpr: etree._Element | None) -> None:
    """Give the paragraph mark ``rpr``, so an insertion into the empty paragraph takes that formatting."""
    if rpr is None:
        return
    ppr = paragraph.find(W_PPR)
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        paragraph.insert(0, ppr)
    old = ppr.find(W_RPR)
    if old is not None:
        ppr.remove(old)
    mark = copy.deepcopy(rpr)
    later = next((child for child in ppr if child.tag in (W_SECTPR, W_PPR_CHANGE)), None)
    if later is not None:
        later.addprevious(mark)
    else:
        ppr.append(mark)


def _expand_slot(
    paragraph: etree._Element,
    slot: SlotSpec,
    outcome: SlotOutcome,
    rpr: etree._Element | None,
    tracked: bool,
    bookmark_id: int,
) -> None:
    """Replace the slot paragraph by its standard paragraphs and the model's (or the open) text."""
    new: list[Any] = [_new_paragraph(paragraph, rpr, text)[0] for text in outcome.paragraphs]
    if outcome.text is None:
        new.append(_new_paragraph(paragraph, rpr, slot.open_text)[0])
    elif outcome.text and tracked:
        empty, _run = _new_paragraph(paragraph, rpr, "")
        _mark_paragraph_mark(empty, rpr)
        name = SLOT_BOOKMARK.format(key=slot.key)
        empty.append(OxmlElement("w:bookmarkStart", {qn("w:id"): str(bookmark_id), qn("w:name"): name}))
        empty.append(OxmlElement("w:bookmarkEnd", {qn("w:id"): str(bookmark_id)}))
        new.append(empty)
    elif outcome.text:  # "" when the model only repeated the standard paragraphs: nothing to add
        written, run = _new_paragraph(paragraph, rpr, outcome.text)
        assert run is not None
        run.font.highlight_color = HIGHLIGHT
        new.append(written)
    anchor = paragraph
    for element in new:
        anchor.addnext(element)
        anchor = element
    parent = paragraph.getparent()
    assert parent is not None
    parent.remove(paragraph)
