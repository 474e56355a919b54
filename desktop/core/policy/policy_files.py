"""What a team lead prepares for IT: the organisation's defaults and policy files.

The team-lead editor (desktop/ui/team_lead.py) is a thin layer over this module. A
:class:`TeamChoices` holds the values the team lead chose and which of them to lock. From it,
:func:`render_toml` builds either a defaults file (``defaults.toml``: every value, not locked) or a
policy file (``policy.toml``: only the locked values), in exactly the format
:func:`desktop.core.policy.settings.load_settings` reads. :func:`read_file` reads an existing file back and
:func:`changes` says what it would change compared with the current effective settings.
:class:`SampleLayout` shows where the disclosure lands in the shipped sample decision, laid out by
the real document writer. The Dutch labels for setting values and layers live here too, so the
settings dialog, the editor and its import preview describe values the same way.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import tomli_w

from desktop.core import atomic_file, paths
from desktop.core.document.properties import Disclosure
from desktop.core.document.reader import ParagraphKind, open_document
from desktop.core.document.samples import sample_decision
from desktop.core.document.writer import WriteOptions, save_document
from desktop.core.i18n import _
from desktop.core.model.catalog import known_models
from desktop.core.policy.disclosure import DisclosureError, ModelUse, validate_template
from desktop.core.policy.settings import (
    BY_KEY,
    DEFAULTS_FILE,
    POLICY_FILE,
    SCHEMA,
    Layer,
    Settings,
    SettingsProblem,
    read_toml_layer,
)

#: The settings a team lead manages in the editor, in the order the editor shows them.
TEAM_LEAD_KEYS: tuple[str, ...] = (
    "disclosure.when",
    "disclosure.placement",
    "disclosure.text_nl",
    "disclosure.text_en",
    "disclosure.text_language",
    "disclosure.user_may_edit",
    "disclosure.allow_save_without",
    "drafting.mark_model_text",
    "privacy.retention_days",
    "privacy.audit_file_name",
    "first_run.acknowledged_by_organisation",
)

#: Settings that hold a disclosure template: free text with placeholders, checked beyond their type.
TEMPLATE_KEYS: tuple[str, ...] = ("disclosure.text_nl", "disclosure.text_en")

_PREVIEW_MARKER = "SCHRIJFHULP-VOORBEELD-VERMELDING"


class PolicyFileError(Exception):
    """A file cannot be made as asked; ``str(exc)`` says why, in Dutch."""


class FileKind(StrEnum):
    """The two files a team lead can hand to IT."""

    DEFAULTS = "defaults"
    POLICY = "policy"

    @property
    def file_name(self) -> str:
        """The name the app reads this file under in the machine config folder."""
        return POLICY_FILE if self is FileKind.POLICY else DEFAULTS_FILE

    @classmethod
    def for_path(cls, path: Path) -> FileKind:
        """A policy file when the name says so (policy.toml, ...beleid...), else a defaults file."""
        stem = path.stem.lower()
        return cls.POLICY if "policy" in stem or "beleid" in stem else cls.DEFAULTS


# -- how values are shown ---------------------------------------------------------------------------


def choice_label(key: str, value: str) -> str:
    """The Dutch label of one of the choices of ``key`` (KeyError for a value the schema does not offer)."""
    labels = {
        "language": {"nl": _("Nederlands"), "en": _("Engels")},
        "grammar.backend": {
            "auto": _("automatisch"),
            "lingotweaker": _("ingebouwde taalregels (lingotweaker)"),
            "languagetool": _("lokale LanguageTool-server"),
        },
        "save.mode": {"tracked": _("bijgehouden wijzigingen"), "clean": _("schone kopie")},
        "disclosure.when": {
            "always": _("altijd"),
            "model": _("alleen als het taalmodel tekst schreef"),
            "never": _("nooit"),
        },
        "disclosure.placement": {
            "end": _("aan het eind van het document"),
            "footer": _("in de voettekst"),
            "first_page_note": _("als notitie bovenaan de eerste pagina"),
        },
        "disclosure.text_language": {"nl": _("Nederlands"), "en": _("Engels")},
        "drafting.mark_model_text": {"tracked": _("als bijgehouden wijziging"), "highlight": _("gemarkeerd")},
        "privacy.audit_file_name": {"name": _("de bestandsnaam"), "hash": _("alleen de hash")},
    }
    return labels[key][value]


def display_value(key: str, value: Any) -> str:
    """``value`` of setting ``key`` as the user reads it (aan/uit, choice labels, "(leeg)")."""
    setting = BY_KEY[key]
    if setting.kind is bool:
        return _("aan") if value else _("uit")
    if setting.choices:
        return choice_label(key, str(value))
    if setting.kind is list:
        return ", ".join(str(item) for item in value) or _("(leeg)")
    text = str(value)
    return text if text.strip() else _("(leeg)")


def layer_label(layer: Layer) -> str:
    """The Dutch name of the layer that set a value."""
    labels = {
        Layer.BUILTIN: _("standaard"),
        Layer.MACHINE_DEFAULTS: _("organisatie-standaard"),
        Layer.USER: _("gebruiker"),
        Layer.POLICY: _("beleid"),
        Layer.STRICT: _("strikt (beleid ongeldig)"),
    }
    return labels[layer]


# -- checking values ----------------------------------------------------------------------------------


def check_value(key: str, value: Any) -> Any:
    """``value`` validated for ``key``: its type and range, and for disclosure texts the placeholders.

    Raises ValueError with a Dutch reason.
    """
    setting = BY_KEY.get(key)
    if setting is None:
        raise ValueError(_("onbekende instelling"))
    checked = setting.validate(value)
    if key in TEMPLATE_KEYS:
        try:
            validate_template(checked)
        except DisclosureError as exc:
            raise ValueError(str(exc)) from exc
    return checked


@dataclass(frozen=True)
class TeamChoices:
    """The values a team lead chose (any schema setting) and which of them are locked."""

    values: Mapping[str, Any]
    locked: frozenset[str] = frozenset()

    def merged(self, imported: ImportedFile) -> TeamChoices:
        """These choices with an imported file's values on top; a policy file also locks its values."""
        values = {**self.values, **imported.values}
        locked = set(self.locked)
        if imported.kind is FileKind.POLICY:
            locked.update(imported.values)
        return TeamChoices(values, frozenset(locked))


def organisation_choices() -> tuple[TeamChoices, list[SettingsProblem]]:
    """What this machine's organisation files hold now: the editor's starting point.

    The team-lead settings start at their built-in defaults; the machine's ``defaults.toml`` and
    ``policy.toml`` go on top (policy values locked), including settings the editor does not show,
    so exporting again keeps them. Problems in those files are returned, never ignored.
    """
    problems: list[SettingsProblem] = []
    machine = paths.machine_config_dir()
    defaults = read_file(machine / DEFAULTS_FILE, FileKind.DEFAULTS)
    policy = read_file(machine / POLICY_FILE, FileKind.POLICY)
    problems.extend(defaults.problems)
    problems.extend(policy.problems)
    start = TeamChoices({key: BY_KEY[key].default for key in TEAM_LEAD_KEYS})
    return start.merged(defaults).merged(policy), problems


def validate_choices(choices: TeamChoices) -> list[SettingsProblem]:
    """Every value that cannot go into a file, with the Dutch reason."""
    source = _("teamleider-editor")
    problems: list[SettingsProblem] = []
    for key in _schema_order(choices.values):
        try:
            check_value(key, choices.values[key])
        except ValueError as exc:
            problems.append(SettingsProblem(source, key, str(exc)))
    for key in sorted(choices.locked):
        if key not in choices.values:
            problems.append(SettingsProblem(source, key, _("vergrendeld zonder waarde")))
        elif key in BY_KEY and not BY_KEY[key].lockable:
            problems.append(SettingsProblem(source, key, _("kan niet door beleid worden vastgezet")))
    return problems


def _schema_order(keys: Mapping[str, Any]) -> list[str]:
    """Known keys in schema order, then unknown keys sorted (so they are reported, not dropped)."""
    known = [setting.key for setting in SCHEMA if setting.key in keys]
    return known + sorted(key for key in keys if key not in BY_KEY)


# -- writing files --------------------------------------------------------------------------------------


def _nest(flat: Mapping[str, Any]) -> dict[str, Any]:
    """Dotted keys as TOML tables ([disclosure] when = ...), the form load_settings flattens again."""
    nested: dict[str, Any] = {}
    for key in _schema_order(flat):
        *sections, name = key.split(".")
        table = nested
        for section in sections:
            table = table.setdefault(section, {})
        table[name] = flat[key]
    return nested


def render_toml(choices: TeamChoices, kind: FileKind, when: datetime) -> str:
    """The text of a defaults file (every value) or a policy file (the locked values).

    Raises PolicyFileError (Dutch) when a value is invalid or a policy file would lock nothing.
    """
    problems = validate_choices(choices)
    if problems:
        raise PolicyFileError("\n".join(str(problem) for problem in problems))
    if kind is FileKind.POLICY:
        values = {key: value for key, value in choices.values.items() if key in choices.locked}
        if not values:
            raise PolicyFileError(
                _("Er is niets vergrendeld. Vink bij ‘Vergrendelen’ aan welke instellingen vast moeten staan.")
            )
        header = [
            _("Schrijfhulp: vergrendeld beleid van de organisatie ({name}).").format(name=kind.file_name),
            _("Gebruikers kunnen deze instellingen niet wijzigen."),
        ]
    else:
        values = dict(choices.values)
        header = [
            _("Schrijfhulp: standaardinstellingen van de organisatie ({name}).").format(name=kind.file_name),
            _("Gebruikers kunnen deze instellingen zelf aanpassen, tenzij het beleid ze vastzet."),
        ]
    header += [
        _("Gemaakt met de teamleider-editor op {date}.").format(date=when.strftime("%d-%m-%Y %H:%M")),
        _(
            "IT plaatst dit bestand als {name} in %ProgramData%\\Schrijfhulp (Windows) of /etc/schrijfhulp (Linux)."
        ).format(name=kind.file_name),
    ]
    comments = "".join(f"# {line}\n" for line in header)
    return comments + "\n" + tomli_w.dumps(_nest(values))


def write_file(choices: TeamChoices, kind: FileKind, target: Path, when: datetime) -> Path:
    """Write the file atomically (a temporary file in the same folder, then a rename); return ``target``."""
    text = render_toml(choices, kind, when)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_file.write_text(target, text)
    return target


# -- reading files and comparing them ----------------------------------------------------------------


@dataclass(frozen=True)
class ImportedFile:
    """The valid values of a defaults or policy file, and every problem found in it."""

    path: Path
    kind: FileKind
    values: dict[str, Any]
    problems: list[SettingsProblem] = field(default_factory=list)


def read_file(path: Path, kind: FileKind | None = None) -> ImportedFile:
    """Read a defaults or policy file (kind from its name unless given); an absent file holds nothing.

    Values are checked like :func:`load_settings` checks them, disclosure texts also for their
    placeholders; a policy file may not lock a setting that cannot be locked.
    """
    kind = kind or FileKind.for_path(path)
    problems: list[SettingsProblem] = []
    values, _valid = read_toml_layer(path, problems)
    for key in list(values):
        try:
            check_value(key, values[key])
        except ValueError as exc:
            problems.append(SettingsProblem(str(path), key, str(exc)))
            del values[key]
            continue
        if kind is FileKind.POLICY and not BY_KEY[key].lockable:
            problems.append(SettingsProblem(str(path), key, _("kan niet door beleid worden vastgezet")))
            del values[key]
    return ImportedFile(path, kind, values, problems)


@dataclass(frozen=True)
class Change:
    """One setting a file changes: its current effective value and origin, and the new value."""

    key: str
    current: Any
    origin: Layer
    locked_now: bool
    new: Any
    locks: bool


def changes(settings: Settings, imported: ImportedFile) -> list[Change]:
    """What ``imported`` changes compared with the effective ``settings``: a different value, or a lock."""
    found: list[Change] = []
    locks = imported.kind is FileKind.POLICY
    for key in _schema_order(imported.values):
        new = imported.values[key]
        current = settings.value(key)
        if new == current and (not locks or settings.is_locked(key)):
            continue
        found.append(Change(key, current, settings.origin(key), settings.is_locked(key), new, locks))
    return found


# -- the preview --------------------------------------------------------------------------------------


def preview_settings(settings: Settings, choices: TeamChoices) -> Settings:
    """A copy of ``settings`` with the chosen values in effect (for rendering the disclosure)."""
    return Settings(
        values={**settings.values, **choices.values},
        origins=dict(settings.origins),
        locked=set(settings.locked),
        user_file=settings.user_file,
    )


def preview_model() -> ModelUse:
    """The embedded default model as named in the disclosure (no model named when none is the default)."""
    for card in known_models():
        if card.default:
            return ModelUse(card.name, card.sha256)
    return ModelUse()


@dataclass(frozen=True)
class PreviewParagraph:
    """One paragraph of the sample decision as written: its text, whether it is in the footer and
    whether it is the disclosure."""

    text: str
    footer: bool
    disclosure: bool


class SampleLayout:
    """The shipped sample decision as the document writer lays it out with a disclosure.

    Each placement is written once with the real writer (into a temporary folder, removed
    afterwards) and re-read, so the preview shows exactly where a saved document gets its
    disclosure; later previews only substitute the text.
    """

    def __init__(self) -> None:
        self._layouts: dict[str, tuple[PreviewParagraph, ...]] = {}

    def paragraphs(self, placement: str, text: str) -> list[PreviewParagraph]:
        """The sample's paragraphs with ``text`` as the disclosure in ``placement``."""
        layout = self._layouts.get(placement)
        if layout is None:
            layout = self._layouts[placement] = self._layout(placement)
        return [
            PreviewParagraph(text, paragraph.footer, True) if paragraph.disclosure else paragraph
            for paragraph in layout
        ]

    @staticmethod
    def _layout(placement: str) -> tuple[PreviewParagraph, ...]:
        check_value("disclosure.placement", placement)
        with tempfile.TemporaryDirectory(prefix="schrijfhulp-voorbeeld-") as folder:
            source = sample_decision(Path(folder))
            target = source.with_name("voorbeeld-met-vermelding.docx")
            disclosure = Disclosure(text=_PREVIEW_MARKER, placement=placement)  # type: ignore[arg-type]
            save_document(open_document(source), [], target, WriteOptions(disclosure=disclosure))
            written = open_document(target)
        return tuple(
            PreviewParagraph(p.text, p.kind is ParagraphKind.FOOTER, p.text == _PREVIEW_MARKER)
            for p in written.paragraphs
            if p.text.strip()
        )
