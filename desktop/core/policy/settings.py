"""Settings in layers, declared once.

Later layers win: built-in defaults -> machine defaults (IT: ``defaults.toml`` in the machine config
folder) -> user settings (``settings.toml`` in the user's config folder) -> machine policy (IT:
``policy.toml`` in the machine config folder and, on Windows, HKLM\\SOFTWARE\\Policies\\Schrijfhulp).
Policy values are locked: nothing (UI, user file, CLI) can change them.

Every setting is declared once in :data:`SCHEMA` with its type, default, description, whether it
may be locked, and its *strict* value: while a policy source is invalid, every lockable setting
takes its strict value and is locked, so a broken policy never makes the app less safe. Every
problem in any file is reported with file, key and reason; nothing is silently ignored.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import tomli_w

from desktop.core import atomic_file, paths
from desktop.core.i18n import _
from desktop.core.policy.display_name import display_name
from desktop.core.policy.settings_view import SettingsView

DEFAULTS_FILE = "defaults.toml"
POLICY_FILE = "policy.toml"
USER_FILE = "settings.toml"
REGISTRY_KEY = r"SOFTWARE\Policies\Schrijfhulp"

DEFAULT_DISCLOSURE_NL = (
    "Bij het schrijven van deze tekst is een AI-hulpmiddel gebruikt ({tool}, model {model}). "
    "{user} heeft de tekst gecontroleerd en is er verantwoordelijk voor. Datum: {date}."
)
DEFAULT_DISCLOSURE_EN = (
    "An AI tool was used in writing this text ({tool}, model {model}). "
    "{user} checked the text and is responsible for it. Date: {date}."
)
DISCLOSURE_PLACEHOLDERS = ("tool", "model", "user", "date", "organisation")


class Layer(StrEnum):
    """Where an effective value came from."""

    BUILTIN = "standaard"
    MACHINE_DEFAULTS = "organisatie-standaard"
    USER = "gebruiker"
    POLICY = "beleid"
    STRICT = "strikt (beleid ongeldig)"


@dataclass(frozen=True)
class Setting:
    """One setting: its key, type, default, Dutch description and behaviour under policy."""

    key: str
    kind: type
    default: Any
    description: str
    lockable: bool = True
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    strict: Any = None  # the safest value, used while policy is invalid; None = the default

    @property
    def strict_value(self) -> Any:
        """The value used when policy cannot be trusted."""
        return self.default if self.strict is None else self.strict

    def validate(self, value: Any) -> Any:
        """Return ``value`` converted to this setting's type, or raise ValueError with a Dutch reason."""
        if self.kind is bool:
            if isinstance(value, bool):
                return value
            if isinstance(value, int) and value in (0, 1):  # registry DWORDs
                return bool(value)
            raise ValueError(_("verwacht waar of onwaar (true/false)"))
        if self.kind is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(_("verwacht een geheel getal"))
            if self.minimum is not None and value < self.minimum:
                raise ValueError(_("mag niet kleiner zijn dan {n}").format(n=self.minimum))
            if self.maximum is not None and value > self.maximum:
                raise ValueError(_("mag niet groter zijn dan {n}").format(n=self.maximum))
            return value
        if self.kind is list:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(_("verwacht een lijst met teksten"))
            return list(value)
        if not isinstance(value, str):
            raise ValueError(_("verwacht een tekst"))
        if self.choices and value not in self.choices:
            raise ValueError(_("kies uit: {choices}").format(choices=", ".join(self.choices)))
        return value

    def parse(self, text: str) -> Any:
        """Convert a command-line value (always text) and validate it."""
        if self.kind is bool:
            lowered = text.strip().lower()
            if lowered in ("true", "waar", "ja", "aan", "1"):
                return True
            if lowered in ("false", "onwaar", "nee", "uit", "0"):
                return False
            raise ValueError(_("verwacht waar of onwaar (true/false)"))
        if self.kind is int:
            try:
                return self.validate(int(text))
            except ValueError as exc:
                raise ValueError(_("verwacht een geheel getal")) from exc
        if self.kind is list:
            return self.validate([part.strip() for part in text.split(",") if part.strip()])
        return self.validate(text)


def _s(key: str, kind: type, default: Any, description: str, **options: Any) -> Setting:
    return Setting(key, kind, default, description, **options)


# Descriptions are Dutch source strings; the UI shows them through _().
SCHEMA: tuple[Setting, ...] = (
    _s("language", str, "nl", "Taal van Schrijfhulp", choices=("nl", "en")),
    _s(
        "author",
        str,
        "Schrijfhulp (AI)",
        "Auteursnaam bij bijgehouden wijzigingen en opmerkingen",
        strict="Schrijfhulp (AI)",
    ),
    _s(
        "user_name",
        str,
        "",
        "Mijn naam, in de AI-vermelding (leeg: de volledige naam die het systeem van u kent)",
        lockable=False,
    ),
    _s("organisation", str, "", "Naam van de organisatie in de AI-vermelding"),
    _s("checks.spelling", bool, True, "Spelling controleren"),
    _s("checks.grammar", bool, True, "Grammatica controleren (LanguageTool-regels)"),
    _s("checks.style", bool, True, "Ambtelijke taal en B1-woordenlijst controleren"),
    _s("checks.readability", bool, True, "Leesbaarheid en taalniveau beoordelen"),
    _s("checks.decision", bool, True, "Besluiten toetsen aan de Awb"),
    _s(
        "checks.b1_sentence_length",
        int,
        20,
        "Langste zin die nog als B1 geldt (woorden)",
        minimum=8,
        maximum=40,
    ),
    _s(
        "grammar.backend",
        str,
        "auto",
        "LanguageTool-onderdeel: automatisch, lingotweaker of een lokale server",
        choices=("auto", "lingotweaker", "languagetool"),
    ),
    _s("grammar.server", str, "", "Adres van een lokale LanguageTool-server (alleen 127.0.0.1 of localhost)"),
    _s("model.enabled", bool, True, "Het lokale taalmodel gebruiken"),
    _s("model.file", str, "", "Gekozen model (leeg: het standaardmodel)"),
    _s("model.threads", int, 0, "Aantal rekenkernen voor het model (0: automatisch)", minimum=0, maximum=64),
    _s("review.comments", bool, True, "Uitleg als opmerking bij elke wijziging schrijven"),
    _s("save.suffix", str, " (Schrijfhulp)", "Achtervoegsel van de bestandsnaam bij opslaan"),
    _s(
        "save.mode",
        str,
        "tracked",
        "Standaard opslaan: bijgehouden wijzigingen of schone kopie",
        choices=("tracked", "clean"),
    ),
    _s(
        "disclosure.when",
        str,
        "model",
        "Wanneer een AI-vermelding verplicht is",
        choices=("always", "model", "never"),
        strict="always",
    ),
    _s(
        "disclosure.placement",
        str,
        "end",
        "Plaats van de AI-vermelding",
        choices=("end", "footer", "first_page_note"),
    ),
    _s("disclosure.text_nl", str, DEFAULT_DISCLOSURE_NL, "Tekst van de AI-vermelding (Nederlands)"),
    _s("disclosure.text_en", str, DEFAULT_DISCLOSURE_EN, "Tekst van de AI-vermelding (Engels)"),
    _s(
        "disclosure.text_language",
        str,
        "nl",
        "Taal van de AI-vermelding in het document",
        choices=("nl", "en"),
    ),
    _s(
        "disclosure.user_may_edit",
        bool,
        True,
        "Gebruiker mag de AI-vermelding aanpassen of weglaten",
        strict=False,
    ),
    _s(
        "disclosure.allow_save_without",
        bool,
        False,
        "Opslaan zonder verplichte AI-vermelding toestaan",
        strict=False,
    ),
    _s(
        "drafting.mark_model_text",
        str,
        "tracked",
        "Door het model geschreven tekst markeren als",
        choices=("tracked", "highlight"),
        strict="tracked",
    ),
    _s("privacy.history", bool, True, "Beoordelingen tussentijds versleuteld bewaren (herstel na een crash)"),
    _s("privacy.audit_log", bool, True, "Versleuteld logboek van opgeslagen documenten bijhouden"),
    _s(
        "privacy.audit_file_name",
        str,
        "hash",
        "In het logboek: de bestandsnaam of alleen de hash",
        choices=("name", "hash"),
        strict="hash",
    ),
    _s(
        "privacy.retention_days",
        int,
        30,
        "Bewaartermijn van geschiedenis en logboek (dagen)",
        minimum=1,
        maximum=3650,
        strict=7,
    ),
    _s(
        "privacy.allow_unsafe_store",
        bool,
        False,
        "Zonder sleutelbos van het systeem toch gegevens bewaren (minder veilig)",
        strict=False,
    ),
    _s(
        "first_run.acknowledged_by_organisation",
        bool,
        False,
        "Het startscherm over verantwoord gebruik is namens de organisatie bevestigd",
        strict=False,
    ),
)
BY_KEY: dict[str, Setting] = {setting.key: setting for setting in SCHEMA}


@dataclass(frozen=True)
class SettingsProblem:
    """A value that was not accepted: which file (or registry key), which setting, why (Dutch)."""

    source: str
    key: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}: {self.key}" if self.key else self.source
        return f"{where}: {self.reason}"


class LockedSettingError(Exception):
    """A setting is managed by the organisation's policy; ``str(exc)`` says so in Dutch."""


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, key + "."))
        else:
            flat[key] = value
    return flat


def _nest(flat: Mapping[str, Any]) -> dict[str, Any]:
    nested: dict[str, Any] = {}
    for key, value in sorted(flat.items()):
        *sections, name = key.split(".")
        table = nested
        for section in sections:
            table = table.setdefault(section, {})
        table[name] = value
    return nested


def _validated(raw: Mapping[str, Any], source: str, problems: list[SettingsProblem]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in raw.items():
        setting = BY_KEY.get(key)
        if setting is None:
            problems.append(SettingsProblem(source, key, _("onbekende instelling")))
            continue
        try:
            values[key] = setting.validate(value)
        except ValueError as exc:
            problems.append(SettingsProblem(source, key, str(exc)))
    return values


def read_toml_layer(path: Path, problems: list[SettingsProblem]) -> tuple[dict[str, Any], bool]:
    """Read one settings file; return (valid values, whether the whole file was valid)."""
    if not path.is_file():
        return {}, True
    before = len(problems)
    try:
        with path.open("rb") as handle:
            raw = _flatten(tomllib.load(handle))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        problems.append(SettingsProblem(str(path), "", _("onleesbaar bestand: {error}").format(error=exc)))
        return {}, False
    values = _validated(raw, str(path), problems)
    return values, len(problems) == before


RegistryReader = Callable[[], dict[str, Any]]


def read_windows_policy() -> dict[str, Any]:
    """Values under HKLM\\SOFTWARE\\Policies\\Schrijfhulp: subkeys are sections, value names keys.

    ``HKLM\\...\\Schrijfhulp\\disclosure`` value ``when`` (REG_SZ) sets ``disclosure.when``; DWORDs
    serve booleans and numbers, REG_MULTI_SZ lists. Returns {} on other systems or without the key.
    """
    if sys.platform != "win32":
        return {}
    import winreg

    def walk(handle: Any, prefix: str) -> dict[str, Any]:
        found: dict[str, Any] = {}
        index = 0
        while True:
            try:
                name, value, _kind = winreg.EnumValue(handle, index)
            except OSError:
                break
            found[prefix + name] = value
            index += 1
        index = 0
        while True:
            try:
                sub = winreg.EnumKey(handle, index)
            except OSError:
                break
            with winreg.OpenKey(handle, sub) as child:
                found.update(walk(child, f"{prefix}{sub}."))
            index += 1
        return found

    try:
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, REGISTRY_KEY) as root:
            return walk(root, "")
    except FileNotFoundError:
        return {}


@dataclass
class Settings(SettingsView):
    """The effective settings with, for each, the layer that set it and whether it is locked.

    Read a setting typed, by name: ``settings.checks.spelling``, ``settings.author`` (see settings_view).
    """

    values: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, Layer] = field(default_factory=dict)
    locked: set[str] = field(default_factory=set)
    problems: list[SettingsProblem] = field(default_factory=list)
    policy_invalid: bool = False
    user_file: Path | None = None

    def value(self, key: str) -> Any:
        """The effective value of ``key``, for code that handles any setting by its key (dialogs, policy files)."""
        return self.values[key]

    def origin(self, key: str) -> Layer:
        """The layer that set the effective value of ``key``."""
        return self.origins[key]

    def is_locked(self, key: str) -> bool:
        """True when the organisation's policy manages ``key``."""
        return key in self.locked

    def disclosure_name(self) -> str:
        """The name used in the disclosure: "Mijn naam" (user_name), else the system's full name, else the login."""
        return display_name(self.user_name)

    def set_user_value(self, key: str, value: Any) -> None:
        """Change ``key`` in the user's settings file (atomically); refused for locked settings."""
        setting = BY_KEY.get(key)
        if setting is None:
            raise KeyError(_("Onbekende instelling: {key}").format(key=key))
        if self.is_locked(key):
            raise LockedSettingError(
                _(
                    "De instelling {key} wordt beheerd door uw organisatie en kan niet worden gewijzigd."
                ).format(key=key)
            )
        checked = setting.validate(value)
        target = self.user_file or paths.user_config_dir() / USER_FILE
        current, _valid = read_toml_layer(target, [])
        current[key] = checked
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_file.write_text(target, tomli_w.dumps(_nest(current)))
        self.values[key] = checked
        self.origins[key] = Layer.USER


def load_settings(registry: RegistryReader = read_windows_policy) -> Settings:
    """Combine the four layers into the effective settings."""
    problems: list[SettingsProblem] = []
    machine = paths.machine_config_dir()
    user_file = paths.user_config_dir() / USER_FILE
    settings = Settings(user_file=user_file, problems=problems)
    for setting in SCHEMA:
        settings.values[setting.key] = setting.default
        settings.origins[setting.key] = Layer.BUILTIN

    def apply(values: Mapping[str, Any], layer: Layer) -> None:
        for key, value in values.items():
            settings.values[key] = value
            settings.origins[key] = layer

    defaults, _valid = read_toml_layer(machine / DEFAULTS_FILE, problems)
    apply(defaults, Layer.MACHINE_DEFAULTS)
    user, _valid = read_toml_layer(user_file, problems)
    apply(user, Layer.USER)

    policy, policy_valid = read_toml_layer(machine / POLICY_FILE, problems)
    registry_problems_before = len(problems)
    registry_values = _validated(registry(), "HKLM\\" + REGISTRY_KEY, problems)
    policy_valid = policy_valid and len(problems) == registry_problems_before
    policy.update(registry_values)
    not_lockable = [key for key in policy if not BY_KEY[key].lockable]
    for key in not_lockable:
        problems.append(
            SettingsProblem(str(machine / POLICY_FILE), key, _("kan niet door beleid worden vastgezet"))
        )
        del policy[key]
    if not_lockable:
        policy_valid = False

    if policy_valid:
        apply(policy, Layer.POLICY)
        settings.locked = set(policy)
    else:
        settings.policy_invalid = True
        for setting in SCHEMA:
            if setting.lockable:
                settings.values[setting.key] = setting.strict_value
                settings.origins[setting.key] = Layer.STRICT
                settings.locked.add(setting.key)
    return settings


def describe(
    settings: Settings, keys: Iterable[str] | None = None
) -> list[tuple[str, Any, Layer, bool, str]]:
    """(key, effective value, layer, locked, Dutch description) for each setting, in schema order."""
    wanted = set(keys) if keys is not None else None
    return [
        (s.key, settings.value(s.key), settings.origin(s.key), settings.is_locked(s.key), _(s.description))
        for s in SCHEMA
        if wanted is None or s.key in wanted
    ]
