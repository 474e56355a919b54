"""The disclosure policy: when a visible "AI-assisted" statement is required, its text, and the metadata.

Team leads set (and IT may lock) ``disclosure.when``: "always"; "model", only when the local model
rewrote, corrected or drafted text (spelling and grammar fixes by rules alone are the AI Act's
"standard editing" and need none); or "never". Document metadata is written on every save:
custom properties that state whether AI assisted, the tool and version, the model and its sha256,
the date, and which kinds of change were made. :func:`save_check` is the second check on save:
a document with model-written text cannot be saved without a required disclosure unless policy
allows it.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from desktop import APP_NAME, __version__
from desktop.core.document.properties import Disclosure, PropertyValue
from desktop.core.document.reader import Document
from desktop.core.findings import Edit, Source
from desktop.core.i18n import _
from desktop.core.policy.settings import DISCLOSURE_PLACEHOLDERS, Settings

PROPERTY_PREFIX = "Schrijfhulp"
CUSTOM_PROPERTIES_PART = "/docProps/custom.xml"
DISCLOSURE_STYLE = Disclosure.style_name


class DisclosureError(Exception):
    """The disclosure cannot be made as asked; ``str(exc)`` says why, in Dutch."""


@dataclass(frozen=True)
class ModelUse:
    """Which model wrote text (empty name when no model was used)."""

    name: str = ""
    sha256: str = ""


@dataclass(frozen=True)
class Earlier:
    """What a document already says about AI assistance (e.g. a draft made by Schrijfhulp, now reviewed)."""

    model_text: bool = False
    visible: bool = False
    model: ModelUse = ModelUse()


NOTHING_EARLIER = Earlier()


def earlier_disclosure(document: Document) -> Earlier:
    """Read the document's Schrijfhulp metadata and whether its visible disclosure is already there."""
    values: dict[str, str] = {}
    for part in document.docx.part.package.iter_parts():
        if str(part.partname) == CUSTOM_PROPERTIES_PART:
            root = etree.fromstring(part.blob)
            values = {prop.get("name", ""): "".join(prop.itertext()).strip() for prop in root}
            break
    visible = any(p.style_name == DISCLOSURE_STYLE for p in document.paragraphs)
    model = ModelUse(values.get(f"{PROPERTY_PREFIX}.Model", "-").strip("-"),
                     values.get(f"{PROPERTY_PREFIX}.ModelSHA256", "-").strip("-"))
    return Earlier(values.get(f"{PROPERTY_PREFIX}.AIOndersteund") == "true", visible, model)


def model_wrote_text(edits: Sequence[Edit], drafted: bool = False) -> bool:
    """True when any accepted change was written by the model, or the document was drafted by it."""
    return drafted or any(edit.source is Source.MODEL for edit in edits)


def required(settings: Settings, edits: Sequence[Edit], drafted: bool = False) -> bool:
    """Whether policy requires a visible disclosure for these changes."""
    when = settings.disclosure.when
    if when == "always":
        return True
    if when == "model":
        return model_wrote_text(edits, drafted)
    return False


def change_kinds(edits: Sequence[Edit], drafted: bool = False) -> str:
    """The kinds of change, e.g. "spelling=2; stijl/model=1" (metadata, never text)."""
    counts = Counter(
        f"{e.category.value}/model" if e.source is Source.MODEL else e.category.value for e in edits
    )
    if drafted:
        counts["concept/model"] += 1
    return "; ".join(f"{kind}={count}" for kind, count in sorted(counts.items())) or "-"


def validate_template(template: str) -> None:
    """Raise DisclosureError when ``template`` uses a placeholder other than the known ones."""
    try:
        names = {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:
        raise DisclosureError(_("De tekst van de AI-vermelding is ongeldig: {error}").format(error=exc)) from exc
    unknown = names - set(DISCLOSURE_PLACEHOLDERS)
    if unknown:
        raise DisclosureError(
            _("Onbekende plaatshouder in de AI-vermelding: {names}. Toegestaan: {allowed}.").format(
                names=", ".join(sorted(unknown)), allowed=", ".join(f"{{{p}}}" for p in DISCLOSURE_PLACEHOLDERS)
            )
        )


def render_text(settings: Settings, model: ModelUse, when: datetime) -> str:
    """The visible disclosure from the template in the configured language."""
    english = settings.disclosure.text_language == "en"
    template = settings.disclosure.text_en if english else settings.disclosure.text_nl
    validate_template(template)
    date = when.strftime("%Y-%m-%d") if english else when.strftime("%d-%m-%Y")
    return template.format(
        tool=f"{APP_NAME} {__version__}",
        model=model.name or _("geen"),
        user=settings.disclosure_name(),
        date=date,
        organisation=settings.organisation,
    )


def build(
    settings: Settings,
    edits: Sequence[Edit],
    model: ModelUse,
    when: datetime,
    *,
    drafted: bool = False,
    visible: bool | None = None,
    text: str | None = None,
    earlier: Earlier = NOTHING_EARLIER,
) -> Disclosure:
    """The disclosure to write: metadata always, the visible text when required or asked for.

    ``visible`` and ``text`` are the user's choices in the save dialog; both are refused with a
    DisclosureError when policy does not let the user edit or remove the disclosure. A document that
    already holds model text (``earlier``) keeps saying so, and a disclosure already in it is not
    added a second time.
    """
    drafted = drafted or earlier.model_text
    model = model if model.name else earlier.model
    needed = required(settings, edits, drafted)
    default_text = render_text(settings, model, when)
    may_edit = settings.disclosure.user_may_edit
    if not may_edit and ((visible is not None and visible != needed) or (text is not None and text != default_text)):
        raise DisclosureError(_("De AI-vermelding wordt beheerd door uw organisatie en kan niet worden aangepast."))
    show = (needed if visible is None else visible) and not earlier.visible
    shown_text = (text if text is not None else default_text) if show else None
    if show and not (shown_text or "").strip():
        raise DisclosureError(_("De AI-vermelding mag niet leeg zijn."))
    properties: dict[str, PropertyValue] = {
        f"{PROPERTY_PREFIX}.AIOndersteund": model_wrote_text(edits, drafted),
        f"{PROPERTY_PREFIX}.Hulpmiddel": f"{APP_NAME} {__version__}",
        f"{PROPERTY_PREFIX}.Model": model.name or "-",
        f"{PROPERTY_PREFIX}.ModelSHA256": model.sha256 or "-",
        f"{PROPERTY_PREFIX}.Datum": when,
        f"{PROPERTY_PREFIX}.Wijzigingen": change_kinds(edits, drafted),
        f"{PROPERTY_PREFIX}.VermeldingZichtbaar": bool(shown_text) or earlier.visible,
    }
    return Disclosure(
        properties=properties, text=shown_text, placement=settings.disclosure.placement
    )


def save_check(
    settings: Settings,
    edits: Sequence[Edit],
    disclosure: Disclosure,
    drafted: bool = False,
    earlier: Earlier = NOTHING_EARLIER,
) -> str | None:
    """The second check on save: a Dutch reason why this cannot be saved, or None when it can."""
    if not required(settings, edits, drafted or earlier.model_text) or disclosure.text or earlier.visible:
        return None
    if settings.disclosure.allow_save_without:
        return None
    return _(
        "Dit document bevat tekst van het taalmodel. Uw organisatie vraagt dan om een AI-vermelding; "
        "opslaan zonder vermelding is niet toegestaan."
    )
