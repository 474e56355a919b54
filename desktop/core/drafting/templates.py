"""Letter and decision templates: discovery, the sidecar that declares fields and slots, validation.

A template is two files with the same name: ``NAME.docx`` (the letter with its house style) and
``NAME.toml`` (the sidecar). The .docx marks every place to fill with ``{{key}}``: a *field* (filled
with the user's value, keeping the formatting of the run the marker starts in) or a *slot* (a
paragraph of its own that the model writes, see :mod:`desktop.core.drafting.draft`). The sidecar says
which keys are fields and which are slots, with their labels, types and examples. The format is
documented in resources/templates/README.md.

Shipped templates live in resources/templates; the organisation's in
``paths.machine_data_dir() / "templates"``. An organisation template with the same name as a
shipped one replaces it. A template that does not pass validation is left out, and the problem is
reported in Dutch, naming the file.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from desktop.core.document.ooxml import W_BR, W_P, W_T, XML_SPACE
from desktop.core.drafting.catalogue import Origin, load_catalogue
from desktop.core.i18n import _

TEMPLATES_DIR = "templates"
FIELD_TYPES = ("text", "date", "amount", "number", "address", "multiline")
MULTILINE_TYPES = ("address", "multiline")
KINDS = ("brief", "besluit")
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

MARKER = re.compile(r"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")
_LOOSE_BRACES = re.compile(r"\{\{|\}\}")
_KEY = re.compile(r"[a-z][a-z0-9_]*")
_DATE_WORDS = re.compile(rf"(\d{{1,2}}) ({'|'.join(MONTHS)}) (\d{{4}})", re.I)
_DATE_DIGITS = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
_AMOUNT = re.compile(r"(?:€\s?)?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d{2}|,-)?")
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")



class TemplateError(Exception):
    """A template cannot be used; ``str(exc)`` says why in Dutch and names the file."""


def type_label(kind: str) -> str:
    """The Dutch name of a field type, for the user."""
    labels = {
        "text": _("tekst"),
        "date": _("datum"),
        "amount": _("bedrag"),
        "number": _("getal"),
        "address": _("adres"),
        "multiline": _("meerdere regels"),
    }
    return labels.get(kind, kind)


def dutch_date(day: date) -> str:
    """``day`` written the Dutch way: "12 maart 2026"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class FieldSpec:
    """A value the user gives: ``{{key}}`` in the template is replaced by it."""

    key: str
    label: str
    type: str = "text"
    required: bool = True
    example: str = ""
    help: str = ""

    def normalise(self, value: str) -> str:
        """The value as it goes into the letter: trimmed; one line unless the type allows more; € before amounts."""
        if self.type in MULTILINE_TYPES:
            lines = [line.strip() for line in value.strip().splitlines()]
            return "\n".join(line for line in lines if line)
        value = " ".join(value.split())
        if self.type == "amount" and value and not value.startswith("€"):
            value = f"€ {value}"
        return value

    def problem(self, value: str) -> str | None:
        """Why ``value`` (normalised) is not acceptable for this field, in Dutch; None when it is."""
        if not value:
            return _("Vul ‘{label}’ in.").format(label=self.label) if self.required else None
        if self.type == "date" and not _valid_date(value):
            return _("‘{label}’ is geen geldige datum; schrijf bijvoorbeeld ‘12 maart 2026’ of ‘12-03-2026’.").format(
                label=self.label
            )
        if self.type == "amount" and not _AMOUNT.fullmatch(value):
            return _("‘{label}’ is geen bedrag; schrijf bijvoorbeeld ‘€ 1.250,00’.").format(label=self.label)
        if self.type == "number" and not _NUMBER.fullmatch(value):
            return _("‘{label}’ is geen getal; schrijf alleen cijfers.").format(label=self.label)
        return None


def _valid_date(value: str) -> bool:
    words = _DATE_WORDS.fullmatch(value)
    if words is not None:
        day, month, year = int(words[1]), MONTHS.index(words[2].lower()) + 1, int(words[3])
    else:
        digits = _DATE_DIGITS.fullmatch(value)
        if digits is None:
            return False
        day, month, year = int(digits[1]), int(digits[2]), int(digits[3])
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


@dataclass(frozen=True)
class SlotSpec:
    """Free text the model writes: a paragraph of its own in the template holding only ``{{key}}``."""

    key: str
    label: str
    #: What the model should write (goes into the prompt's {slot}).
    prompt: str
    #: Ids of the standard paragraphs (bouwstenen) suggested for this slot.
    bouwstenen: tuple[str, ...] = ()

    @property
    def open_text(self) -> str:
        """What stands in the letter while nobody has written this slot."""
        return _("[Schrijf hier: {label}]").format(label=self.label.lower())


@dataclass(frozen=True)
class Template:
    """A validated template."""

    name: str
    title: str
    kind: str
    description: str
    fields: tuple[FieldSpec, ...]
    slots: tuple[SlotSpec, ...]
    path: Path
    sidecar: Path
    origin: Origin

    def field(self, key: str) -> FieldSpec:
        """The field with ``key`` (KeyError when there is none)."""
        for spec in self.fields:
            if spec.key == key:
                return spec
        raise KeyError(key)

    def slot(self, key: str) -> SlotSpec:
        """The slot with ``key`` (KeyError when there is none)."""
        for spec in self.slots:
            if spec.key == key:
                return spec
        raise KeyError(key)

    def matches(self, query: str) -> bool:
        """True when every word of ``query`` occurs in the name, title or description."""
        haystack = f"{self.name} {self.title} {self.description}".lower()
        return all(word in haystack for word in query.lower().split())


@dataclass(frozen=True)
class TemplateCatalog:
    """Every usable template, and the problems of those that were left out."""

    templates: tuple[Template, ...]
    problems: tuple[str, ...] = ()

    def get(self, name: str) -> Template:
        """The template called ``name``; raises TemplateError with the known names."""
        for template in self.templates:
            if template.name == name:
                return template
        raise TemplateError(
            _("Onbekend sjabloon ‘{name}’. Beschikbaar: {names}.").format(
                name=name, names=", ".join(t.name for t in self.templates) or "-"
            )
        )

    def search(self, query: str) -> list[Template]:
        """The templates matching ``query`` (all for an empty query)."""
        return [t for t in self.templates if t.matches(query)]


def _read_template(path: Path, origin: Origin) -> tuple[list[Template], list[str]]:
    try:
        return [load_template(path, origin)], []
    except TemplateError as exc:
        return [], [str(exc)]


def _orphan_sidecars(folder: Path) -> list[str]:
    return [
        _("Bij het sjabloon {path} hoort geen .docx-bestand met dezelfde naam.").format(path=sidecar)
        for sidecar in sorted(folder.glob("*.toml"))
        if not sidecar.with_suffix(".docx").is_file()
    ]


def load_templates() -> TemplateCatalog:
    """The shipped templates and the organisation's (which replace shipped ones of the same name)."""
    found, problems = load_catalogue(TEMPLATES_DIR, "*.docx", _read_template, lambda t: t.name, _orphan_sidecars)
    ordered = sorted(found, key=lambda t: (t.origin != "organisatie", t.title.lower()))
    return TemplateCatalog(tuple(ordered), tuple(problems))


def load_template(path: Path, origin: Origin = "organisatie") -> Template:
    """Read and validate the template ``path`` (.docx) with its sidecar. Raises TemplateError."""
    sidecar = path.with_suffix(".toml")
    data = _read_sidecar(sidecar)
    problems: list[str] = []
    title = _text(data, "title", problems)
    kind = _text(data, "kind", problems)
    if kind and kind not in KINDS:
        problems.append(_("‘kind’ moet ‘brief’ of ‘besluit’ zijn, niet ‘{kind}’.").format(kind=kind))
    fields = tuple(field_from_table(item, problems) for item in _tables(data, "fields", problems))
    slots = tuple(_slot(item, problems) for item in _tables(data, "slots", problems))
    keys = [f.key for f in fields] + [s.key for s in slots]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        problems.append(_("De sleutel ‘{key}’ is meer dan eens gedeclareerd.").format(key=key))
    problems.extend(_document_problems(path, {f.key for f in fields}, {s.key for s in slots}))
    if problems:
        raise TemplateError(
            _("Het sjabloon {path} is niet bruikbaar: {problems}").format(path=path, problems=" ".join(problems))
        )
    return Template(
        name=path.stem,
        title=title,
        kind=kind,
        description=str(data.get("description", "")).strip(),
        fields=fields,
        slots=slots,
        path=path,
        sidecar=sidecar,
        origin=origin,
    )


def _read_sidecar(sidecar: Path) -> dict[str, Any]:
    if not sidecar.is_file():
        raise TemplateError(
            _("Bij het sjabloon {path} ontbreekt het beschrijvingsbestand {name}.").format(
                path=sidecar.with_suffix(".docx"), name=sidecar.name
            )
        )
    try:
        with sidecar.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TemplateError(
            _("Het beschrijvingsbestand {path} is onleesbaar: {error}").format(path=sidecar, error=exc)
        ) from exc


def _text(table: Mapping[str, Any], key: str, problems: list[str], where: str = "") -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(_("‘{key}’ ontbreekt{where}.").format(key=key, where=where))
        return ""
    return value.strip()


def _tables(data: Mapping[str, Any], key: str, problems: list[str]) -> list[Mapping[str, Any]]:
    items = data.get(key, [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        problems.append(_("‘{key}’ moet een lijst van [[{key}]]-tabellen zijn.").format(key=key))
        return []
    return items


def _key(item: Mapping[str, Any], problems: list[str]) -> str:
    key = item.get("key")
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        problems.append(
            _("Ongeldige sleutel {key!r}: gebruik kleine letters, cijfers en _ (begin met een letter).").format(
                key=key
            )
        )
        return str(key)
    return key


def field_from_table(item: Mapping[str, Any], problems: list[str]) -> FieldSpec:
    """A FieldSpec from a TOML table (also used for the fields that standard paragraphs declare)."""
    key = _key(item, problems)
    where = _(" bij veld ‘{key}’").format(key=key)
    label = _text(item, "label", problems, where)
    kind = item.get("type", "text")
    if kind not in FIELD_TYPES:
        problems.append(
            _("Veld ‘{key}’ heeft een onbekend type ‘{type}’; kies uit {types}.").format(
                key=key, type=kind, types=", ".join(FIELD_TYPES)
            )
        )
    required = item.get("required", True)
    if not isinstance(required, bool):
        problems.append(_("‘required’ bij veld ‘{key}’ moet true of false zijn.").format(key=key))
    return FieldSpec(
        key=key,
        label=label,
        type=str(kind),
        required=bool(required),
        example=str(item.get("example", "")),
        help=str(item.get("help", "")),
    )



def _slot(item: Mapping[str, Any], problems: list[str]) -> SlotSpec:
    key = _key(item, problems)
    where = _(" bij vrije tekst ‘{key}’").format(key=key)
    label = _text(item, "label", problems, where)
    prompt = _text(item, "prompt", problems, where)
    suggested = item.get("bouwstenen", [])
    if not isinstance(suggested, list) or not all(isinstance(s, str) for s in suggested):
        problems.append(_("‘bouwstenen’ bij vrije tekst ‘{key}’ moet een lijst van namen zijn.").format(key=key))
        suggested = []
    return SlotSpec(key=key, label=label, prompt=prompt, bouwstenen=tuple(suggested))


# -- the .docx side -------------------------------------------------------------------------------


def story_roots(document: Any) -> Iterator[tuple[etree._Element, bool]]:
    """(root element, is the body) of the body and every header and footer of a python-docx document."""
    yield document.element.body, True
    seen: set[str] = set()
    for rel in document.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external:
            part = rel.target_part
            if str(part.partname) not in seen:
                seen.add(str(part.partname))
                yield part.element, False


def _owner(node: etree._Element) -> etree._Element | None:
    parent = node.getparent()
    while parent is not None and parent.tag != W_P:
        parent = parent.getparent()
    return parent


def text_nodes(paragraph: etree._Element) -> list[etree._Element]:
    """The ``w:t`` nodes of ``paragraph`` itself (not of text boxes inside it), in order."""
    return [node for node in paragraph.iter(W_T) if _owner(node) is paragraph]


def paragraph_text(paragraph: etree._Element) -> str:
    """The text of ``paragraph``'s own ``w:t`` nodes (what markers are searched in)."""
    return "".join(node.text or "" for node in text_nodes(paragraph))


def markers(paragraph: etree._Element) -> list[re.Match[str]]:
    """The ``{{key}}`` markers in ``paragraph``, also when Word split them over several runs."""
    return list(MARKER.finditer(paragraph_text(paragraph)))


def replace_marker(paragraph: etree._Element, match: re.Match[str], value: str) -> None:
    """Replace one marker by ``value`` in the run where the marker starts (keeping its formatting).

    The parts of the marker in later runs are removed; newlines in ``value`` become line breaks.
    Replace markers from last to first, so earlier matches keep their offsets.
    """
    nodes = text_nodes(paragraph)
    first = last = -1
    offset = 0
    starts: list[int] = []
    for index, node in enumerate(nodes):
        starts.append(offset)
        length = len(node.text or "")
        if first < 0 and offset <= match.start() < offset + length:
            first = index
        if offset < match.end() <= offset + length:
            last = index
        offset += length
    head = (nodes[first].text or "")[: match.start() - starts[first]]
    tail = (nodes[last].text or "")[match.end() - starts[last] :]
    for node in nodes[first + 1 : last]:
        node.text = ""
    if last != first:
        _set_text(nodes[last], tail)
        tail = ""
    lines = value.split("\n")
    _set_text(nodes[first], head + lines[0] + (tail if len(lines) == 1 else ""))
    anchor = nodes[first]
    for n, line in enumerate(lines[1:], 2):
        brk = anchor.makeelement(W_BR, {})
        anchor.addnext(brk)
        text = brk.makeelement(W_T, {})
        _set_text(text, line + (tail if n == len(lines) else ""))
        brk.addnext(text)
        anchor = text


def _set_text(node: etree._Element, text: str) -> None:
    node.text = text
    node.set(XML_SPACE, "preserve")


def _document_problems(path: Path, fields: set[str], slots: set[str]) -> list[str]:
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError, etree.XMLSyntaxError) as exc:
        return [_("Het .docx-bestand kan niet worden geopend ({error}).").format(error=exc)]
    problems: list[str] = []
    used: set[str] = set()
    for root, is_body in story_roots(document):
        for paragraph in root.iter(W_P):
            text = paragraph_text(paragraph)
            found = MARKER.findall(text)
            used.update(found)
            if _LOOSE_BRACES.search(MARKER.sub("", text)):
                problems.append(_("Onvolledige markering met accolades in: ‘{text}’.").format(text=text.strip()[:60]))
            for key in found:
                marker = "{{" + key + "}}"
                if key not in fields and key not in slots:
                    message = _("‘{marker}’ staat in het document maar niet in het beschrijvingsbestand.")
                    problems.append(message.format(marker=marker))
                elif key in slots and (not is_body or text.strip() != marker):
                    problems.append(
                        _("De vrije tekst ‘{marker}’ moet in een eigen alinea in de hoofdtekst staan.").format(
                            marker=marker
                        )
                    )
    for key in sorted((fields | slots) - used):
        problems.append(
            _("‘{marker}’ is gedeclareerd maar staat niet in het document.").format(marker="{{" + key + "}}")
        )
    return problems


def fields_for(template: Template, extra: Sequence[FieldSpec] = ()) -> list[FieldSpec]:
    """The template's fields followed by ``extra`` fields whose keys the template does not have."""
    keys = {f.key for f in template.fields}
    result = list(template.fields)
    for spec in extra:
        if spec.key not in keys:
            keys.add(spec.key)
            result.append(spec)
    return result
