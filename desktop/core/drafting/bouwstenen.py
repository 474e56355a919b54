"""Standard paragraphs (bouwstenen): approved texts the user picks, searchable and fillable.

Bouwstenen are TOML files with ``[[bouwsteen]]`` tables (id, title, tags, text, and optional
``[[bouwsteen.fields]]`` declaring the placeholders): shipped in resources/bouwstenen, the
organisation's in ``paths.machine_data_dir() / "bouwstenen"`` (an organisation bouwsteen with the
same id as a shipped one replaces it). The text holds ``{{key}}`` placeholders, the same markers as
templates use, filled from the letter's fields. A chosen bouwsteen is inserted as it is (it is the
organisation's own text, not the model's) and given to the model as material for its slot. The
format is documented in resources/bouwstenen/README.md.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.drafting.catalogue import Origin, load_catalogue
from desktop.core.drafting.templates import MARKER, FieldSpec, field_from_table
from desktop.core.i18n import _

BOUWSTENEN_DIR = "bouwstenen"
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LOOSE_BRACES = re.compile(r"\{\{|\}\}")


class BouwsteenError(Exception):
    """A standard paragraph is unknown or cannot be filled; ``str(exc)`` is Dutch."""


def _folded(text: str) -> str:
    """Lower case without accents, so "geïnd" finds "geind"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Bouwsteen:
    """One standard paragraph."""

    id: str
    title: str
    tags: tuple[str, ...]
    text: str
    #: Declared placeholders (label, type, example); an undeclared placeholder is a plain text field.
    declared: tuple[FieldSpec, ...]
    path: Path
    origin: Origin

    @property
    def placeholders(self) -> tuple[str, ...]:
        """The keys of the ``{{key}}`` placeholders in the text, in order, each once."""
        return tuple(dict.fromkeys(MARKER.findall(self.text)))

    def fields(self) -> list[FieldSpec]:
        """A field for every placeholder: the declared one, else a required text field named after the key."""
        declared = {spec.key: spec for spec in self.declared}
        return [declared.get(key, FieldSpec(key, key.replace("_", " "))) for key in self.placeholders]

    def fill(self, values: Mapping[str, str]) -> str:
        """The text with every placeholder replaced; raises BouwsteenError naming what is missing."""
        missing = [key for key in self.placeholders if not values.get(key, "").strip()]
        if missing:
            labels = {spec.key: spec.label for spec in self.fields()}
            raise BouwsteenError(
                _("De standaardtekst ‘{title}’ heeft nog nodig: {fields}.").format(
                    title=self.title, fields=", ".join(labels[key] for key in missing)
                )
            )
        return MARKER.sub(lambda match: values[match[1]].strip(), self.text)

    def score(self, words: Sequence[str]) -> int:
        """How well the folded query ``words`` match: 0 unless every word occurs somewhere."""
        title, tags, text = _folded(self.title), [_folded(tag) for tag in self.tags], _folded(self.text)
        total = 0
        for word in words:
            points = 3 * (word in title) + 2 * any(word in tag for tag in tags) + (word in text or word in self.id)
            if not points:
                return 0
            total += points
        return total


@dataclass(frozen=True)
class BouwsteenCatalog:
    """Every usable standard paragraph, and the problems of those that were left out."""

    items: tuple[Bouwsteen, ...]
    problems: tuple[str, ...] = ()

    def get(self, bouwsteen_id: str) -> Bouwsteen:
        """The bouwsteen with ``bouwsteen_id``; raises BouwsteenError."""
        for item in self.items:
            if item.id == bouwsteen_id:
                return item
        raise BouwsteenError(_("Onbekende standaardtekst ‘{id}’.").format(id=bouwsteen_id))

    def search(self, query: str = "", tags: Iterable[str] = ()) -> list[Bouwsteen]:
        """The bouwstenen that have all ``tags`` and match every word of ``query``, best first."""
        wanted = {_folded(tag) for tag in tags}
        words = _folded(query).split()
        hits: list[tuple[int, Bouwsteen]] = []
        for item in self.items:
            if not wanted <= {_folded(tag) for tag in item.tags}:
                continue
            score = item.score(words) if words else 1
            if score:
                hits.append((score, item))
        hits.sort(key=lambda hit: (-hit[0], hit[1].title.lower()))
        return [item for _score, item in hits]


def load_bouwstenen() -> BouwsteenCatalog:
    """The shipped bouwstenen and the organisation's (which replace shipped ones with the same id)."""
    items, problems = load_catalogue(BOUWSTENEN_DIR, "*.toml", read_file, lambda item: item.id)
    return BouwsteenCatalog(tuple(sorted(items, key=lambda item: item.title.lower())), tuple(problems))


def read_file(path: Path, origin: Origin) -> tuple[list[Bouwsteen], list[str]]:
    """The valid bouwstenen in ``path``, and a Dutch problem (naming the file) for each invalid one."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return [], [_("Het bestand met standaardteksten {path} is onleesbaar: {error}").format(path=path, error=exc)]
    tables = data.get("bouwsteen", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        return [], [_("{path}: verwacht [[bouwsteen]]-tabellen.").format(path=path)]
    items: list[Bouwsteen] = []
    problems: list[str] = []
    for number, table in enumerate(tables, 1):
        item_problems: list[str] = []
        item = _bouwsteen(table, path, origin, item_problems)
        if item_problems:
            name = table.get("id") or _("nummer {n}").format(n=number)
            problems.append(
                _("Standaardtekst ‘{name}’ in {path} is niet bruikbaar: {problems}").format(
                    name=name, path=path, problems=" ".join(item_problems)
                )
            )
        else:
            items.append(item)
    return items, problems


def _bouwsteen(table: Mapping[str, Any], path: Path, origin: Origin, problems: list[str]) -> Bouwsteen:
    bouwsteen_id = table.get("id")
    if not isinstance(bouwsteen_id, str) or not _ID.fullmatch(bouwsteen_id):
        problems.append(_("‘id’ moet bestaan uit kleine letters, cijfers en streepjes."))
    title, text = table.get("title"), table.get("text")
    if not isinstance(title, str) or not title.strip():
        problems.append(_("‘title’ ontbreekt."))
    if not isinstance(text, str) or not text.strip():
        problems.append(_("‘text’ ontbreekt."))
        text = ""
    elif _LOOSE_BRACES.search(MARKER.sub("", text)):
        problems.append(_("De tekst bevat een onvolledige plaatshouder {{…}}."))
    tags = table.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        problems.append(_("‘tags’ moet een lijst van woorden zijn."))
        tags = []
    fields = table.get("fields", [])
    if not isinstance(fields, list) or not all(isinstance(f, dict) for f in fields):
        problems.append(_("‘fields’ moet een lijst van [[bouwsteen.fields]]-tabellen zijn."))
        fields = []
    declared = tuple(field_from_table(f, problems) for f in fields)
    used = set(MARKER.findall(text))
    for spec in declared:
        if spec.key not in used:
            problems.append(_("Het veld ‘{key}’ komt niet voor in de tekst.").format(key=spec.key))
    return Bouwsteen(
        id=str(bouwsteen_id),
        title=str(title or "").strip(),
        tags=tuple(tags),
        text=" ".join(text.split()),
        declared=declared,
        path=path,
        origin=origin,
    )
