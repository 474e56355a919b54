"""Word lists: the B1 list, protected terms, and the organisation and personal spelling lists.

Three kinds of list, each a shipped default in ``resources/wordlists`` that the organisation can
extend with a machine-wide file (deployed by IT in :func:`desktop.core.paths.machine_config_dir`):

- ``b1-woorden.toml``: officialese and difficult words with plain alternatives (our own list).
- ``beschermde-termen.txt``: terms that must never be simplified away (legal terms, scheme names).
- ``organisatie.txt`` (machine-wide only): words the spelling check accepts for everyone.

The personal list ``persoonlijk.txt`` in :func:`desktop.core.paths.user_config_dir` holds the
words a user added with "Toevoegen aan woordenlijst". Plain-text lists are UTF-8, one entry a
line, ``#`` starts a comment. The file formats are documented in resources/wordlists/README.md.
"""

from __future__ import annotations

import re
import threading
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.core import atomic_file, paths
from desktop.core.findings import Category, Finding, Source
from desktop.core.i18n import _
from desktop.core.language.names import in_law_name

B1_FILE = "b1-woorden.toml"
PROTECTED_FILE = "beschermde-termen.txt"
ORGANISATION_FILE = "organisatie.txt"
PERSONAL_FILE = "persoonlijk.txt"
WORDLISTS_DIR = "wordlists"

B1_KINDS = ("ambtelijk", "moeilijk")


class WordListError(ValueError):
    """A word list file could not be read; the message is Dutch and names the file."""


def shipped_wordlists_dir() -> Path:
    """resources/wordlists: the lists that ship with the app."""
    return paths.resources_dir() / WORDLISTS_DIR


def machine_wordlists_dir() -> Path:
    """The organisation's word lists: ProgramData\\Schrijfhulp\\wordlists or /etc/schrijfhulp/wordlists."""
    return paths.machine_config_dir() / WORDLISTS_DIR


def personal_wordlist_path() -> Path:
    """The user's personal spelling list."""
    return paths.user_config_dir() / WORDLISTS_DIR / PERSONAL_FILE


def _apostrophes(text: str) -> str:
    """Typographic apostrophes as straight ones; keeps every offset."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


def normalise(text: str) -> str:
    """NFC-normalise and unify typographic apostrophes, so lists and documents compare equal."""
    return _apostrophes(unicodedata.normalize("NFC", text))


def read_lines(path: Path) -> list[str]:
    """The entries of a plain-text list: stripped, comments and blank lines dropped."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WordListError(_("De woordenlijst {path} is geen UTF-8-tekst.").format(path=path)) from exc
    except OSError as exc:
        raise WordListError(_("De woordenlijst {path} kan niet worden gelezen.").format(path=path)) from exc
    entries = []
    for line in raw.splitlines():
        entry = normalise(line.split("#", 1)[0].strip())
        if entry:
            entries.append(entry)
    return entries


def load_word_list(path: Path | None) -> frozenset[str]:
    """The words of a plain-text list; an absent (optional) file gives an empty list."""
    if path is None or not path.is_file():
        return frozenset()
    return frozenset(read_lines(path))


@dataclass(frozen=True)
class B1Entry:
    """One officialese or difficult term with its plain alternatives.

    ``term`` is a word or a fixed phrase; ``forms`` lists further inflected forms that are
    reported too (all matched case-insensitively, on word boundaries). The alternatives fit the
    term itself, so only an occurrence of the term gets them as suggestions; an inflected form
    gets the explanation only.
    """

    term: str
    alternatives: tuple[str, ...]
    kind: str
    forms: tuple[str, ...] = ()
    note: str = ""

    @property
    def all_forms(self) -> tuple[str, ...]:
        """The term itself followed by its extra forms."""
        return (self.term, *self.forms)


def _parse_b1(path: Path) -> list[B1Entry]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise WordListError(
            _("De B1-woordenlijst {path} kan niet worden gelezen: {error}").format(path=path, error=exc)
        ) from exc
    entries = []
    for number, item in enumerate(data.get("woord", []), start=1):
        term = normalise(str(item.get("term", "")).strip())
        alternatives = item.get("alternatieven", [])
        kind = item.get("soort", "moeilijk")
        forms = item.get("vormen", [])
        if not term or not isinstance(alternatives, list) or not alternatives or kind not in B1_KINDS:
            raise WordListError(
                _(
                    "Regel {number} van de B1-woordenlijst {path} mist een term, alternatieven of soort."
                ).format(number=number, path=path)
            )
        entries.append(
            B1Entry(
                term=term,
                alternatives=tuple(normalise(str(a)) for a in alternatives),
                kind=kind,
                forms=tuple(normalise(str(f)) for f in forms),
                note=str(item.get("toelichting", "")),
            )
        )
    return entries


def _term_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern that finds any of ``terms`` on word boundaries, longest first."""
    alternatives = sorted({t for t in terms if t}, key=len, reverse=True)
    if not alternatives:
        return None
    body = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in alternatives)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


class ProtectedTerms:
    """Terms that must never be simplified away: legal terms, names of schemes."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms: tuple[str, ...] = tuple(sorted({normalise(t) for t in terms}, key=str.lower))
        self._lower = frozenset(t.lower() for t in self.terms)
        self._pattern = _term_pattern(self.terms)

    @classmethod
    def load(cls, shipped: Path, organisation: Path | None = None) -> ProtectedTerms:
        """The shipped list plus the organisation's machine-wide list (when that file exists)."""
        return cls([*read_lines(shipped), *load_word_list(organisation)])

    def __contains__(self, term: str) -> bool:
        return normalise(term).lower() in self._lower

    def __len__(self) -> int:
        return len(self.terms)

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """The ``(start, end)`` of every protected term in ``text``."""
        if self._pattern is None:
            return
        for match in self._pattern.finditer(_apostrophes(text)):
            yield match.start(), match.end()

    def covers(self, text: str, start: int, end: int) -> bool:
        """True when ``text[start:end]`` overlaps a protected term."""
        return any(s < end and start < e for s, e in self.spans(text))


class B1WordList:
    """Officialese and difficult words with plain alternatives, minus the protected terms."""

    def __init__(self, entries: Iterable[B1Entry], protected: ProtectedTerms | None = None) -> None:
        by_term: dict[str, B1Entry] = {}
        for entry in entries:  # later entries (the organisation's) replace earlier ones
            by_term[entry.term.lower()] = entry
        protected = protected or ProtectedTerms(())
        self.entries: tuple[B1Entry, ...] = tuple(
            sorted((e for e in by_term.values() if e.term not in protected), key=lambda e: e.term.lower())
        )
        self._by_form = {form.lower(): entry for entry in self.entries for form in entry.all_forms}
        self._pattern = _term_pattern(self._by_form)

    @classmethod
    def load(
        cls, shipped: Path, organisation: Path | None = None, protected: ProtectedTerms | None = None
    ) -> B1WordList:
        """The shipped list, extended and overridden by the organisation's file when it exists."""
        entries = _parse_b1(shipped)
        if organisation is not None and organisation.is_file():
            entries += _parse_b1(organisation)
        return cls(entries, protected)

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, form: str) -> B1Entry | None:
        """The entry for a term or one of its forms, case-insensitively."""
        return self._by_form.get(re.sub(r"\s+", " ", normalise(form)).lower())

    def find(self, text: str) -> Iterator[tuple[int, int, B1Entry]]:
        """Every occurrence of a listed term in ``text`` as ``(start, end, entry)``."""
        if self._pattern is None:
            return
        for match in self._pattern.finditer(_apostrophes(text)):
            entry = self.lookup(match.group())
            if entry is not None:
                yield match.start(), match.end(), entry


def _match_case(alternative: str, original: str) -> str:
    """Give ``alternative`` a capital when ``original`` starts with one."""
    if original[:1].isupper() and not original.isupper():
        return alternative[:1].upper() + alternative[1:]
    return alternative


class B1WordChecker:
    """Reports words from the B1 list, with their plain alternatives (category stijl)."""

    name = "b1-woorden"

    def __init__(self, words: B1WordList) -> None:
        self.words = words

    def check(self, paragraph_id: str, text: str) -> Iterator[Finding]:
        """Yield one finding per listed term in ``text``, except inside the title of a law or regulation."""
        for start, end, entry in self.words.find(text):
            if in_law_name(text, start, end):
                continue
            original = text[start:end]
            alternatives = ", ".join(f"‘{a}’" for a in entry.alternatives)
            if entry.kind == "ambtelijk":
                message = _("Ambtelijk woord. Eenvoudiger: {alternatives}.")
            else:
                message = _("Moeilijk woord voor taalniveau B1. Eenvoudiger: {alternatives}.")
            yield Finding(
                paragraph=paragraph_id,
                start=start,
                end=end,
                original=original,
                category=Category.STYLE,
                rule=f"B1:{entry.term}",
                source=Source.WORDLIST,
                message=message.format(alternatives=alternatives),
                suggestions=self._suggestions(entry, original),
            )

    @staticmethod
    def _suggestions(entry: B1Entry, original: str) -> tuple[str, ...]:
        if re.sub(r"\s+", " ", normalise(original)).lower() != entry.term.lower():
            return ()
        return tuple(_match_case(a, original) for a in entry.alternatives)


class PersonalWordList:
    """The user's own spelling list; words added here are accepted from then on."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._words: set[str] = set(load_word_list(path))

    def __contains__(self, word: str) -> bool:
        return normalise(word) in self._words

    def __len__(self) -> int:
        return len(self._words)

    @property
    def words(self) -> tuple[str, ...]:
        """The words, sorted for display."""
        return tuple(sorted(self._words, key=str.lower))

    def add(self, word: str) -> bool:
        """Add ``word`` and save the list atomically; False when it was already there."""
        word = normalise(word.strip())
        if not word or any(c.isspace() or c == "#" for c in word):
            raise WordListError(
                _("‘{word}’ kan niet aan de woordenlijst worden toegevoegd.").format(word=word)
            )
        with self._lock:
            if word in self._words:
                return False
            self._words.add(word)
            self._save()
        return True

    def remove(self, word: str) -> bool:
        """Remove ``word`` and save the list atomically; False when it was not there."""
        word = normalise(word.strip())
        with self._lock:
            if word not in self._words:
                return False
            self._words.discard(word)
            self._save()
        return True

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = "# Persoonlijke woordenlijst van Schrijfhulp\n" + "".join(f"{w}\n" for w in self.words)
        atomic_file.write_text(self.path, body, private=True)


@dataclass(frozen=True)
class WordLists:
    """Every list the language checks use, loaded from explicit paths."""

    b1: B1WordList
    protected: ProtectedTerms
    organisation: frozenset[str]
    personal: PersonalWordList

    @classmethod
    def load(
        cls,
        shipped_dir: Path,
        machine_dir: Path | None,
        personal_path: Path,
    ) -> WordLists:
        """Load the shipped lists, the organisation's lists from ``machine_dir`` and the personal list."""

        def machine(name: str) -> Path | None:
            return machine_dir / name if machine_dir is not None else None

        protected = ProtectedTerms.load(shipped_dir / PROTECTED_FILE, machine(PROTECTED_FILE))
        return cls(
            b1=B1WordList.load(shipped_dir / B1_FILE, machine(B1_FILE), protected),
            protected=protected,
            organisation=load_word_list(machine(ORGANISATION_FILE)),
            personal=PersonalWordList(personal_path),
        )

    @classmethod
    def load_default(cls) -> WordLists:
        """Load from the standard folders (shipped resources, machine config, user config)."""
        return cls.load(shipped_wordlists_dir(), machine_wordlists_dir(), personal_wordlist_path())
