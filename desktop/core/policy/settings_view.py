"""Typed read access to every setting: ``settings.checks.spelling`` is a bool, ``settings.save.mode``
one of its choices.

GENERATED from ``settings.SCHEMA`` by scripts/settings_view.py; do not edit (tests/core/policy/test_settings_view.py
checks that it matches the schema). A misspelt setting or a value used as the wrong type fails at type-check time.
Code that handles any setting by its key (the settings dialog, policy files) uses ``Settings.value(key)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal


class _Section:
    """The settings under one prefix, read from the effective values."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Any]) -> None:
        self._values = values


class ChecksSettings(_Section):
    """The checks.* settings."""

    __slots__ = ()

    @property
    def spelling(self) -> bool:
        """Spelling controleren."""
        return self._values["checks.spelling"]

    @property
    def grammar(self) -> bool:
        """Grammatica controleren (LanguageTool-regels)."""
        return self._values["checks.grammar"]

    @property
    def style(self) -> bool:
        """Ambtelijke taal en B1-woordenlijst controleren."""
        return self._values["checks.style"]

    @property
    def readability(self) -> bool:
        """Leesbaarheid en taalniveau beoordelen."""
        return self._values["checks.readability"]

    @property
    def decision(self) -> bool:
        """Besluiten toetsen aan de Awb."""
        return self._values["checks.decision"]

    @property
    def b1_sentence_length(self) -> int:
        """Langste zin die nog als B1 geldt (woorden)."""
        return self._values["checks.b1_sentence_length"]


class GrammarSettings(_Section):
    """The grammar.* settings."""

    __slots__ = ()

    @property
    def backend(self) -> Literal["auto", "lingotweaker", "languagetool"]:
        """LanguageTool-onderdeel: automatisch, lingotweaker of een lokale server."""
        return self._values["grammar.backend"]

    @property
    def server(self) -> str:
        """Adres van een lokale LanguageTool-server (alleen 127.0.0.1 of localhost)."""
        return self._values["grammar.server"]


class ModelSettings(_Section):
    """The model.* settings."""

    __slots__ = ()

    @property
    def enabled(self) -> bool:
        """Het lokale taalmodel gebruiken."""
        return self._values["model.enabled"]

    @property
    def file(self) -> str:
        """Gekozen model (leeg: het standaardmodel)."""
        return self._values["model.file"]

    @property
    def threads(self) -> int:
        """Aantal rekenkernen voor het model (0: automatisch)."""
        return self._values["model.threads"]


class ReviewSettings(_Section):
    """The review.* settings."""

    __slots__ = ()

    @property
    def comments(self) -> bool:
        """Uitleg als opmerking bij elke wijziging schrijven."""
        return self._values["review.comments"]


class SaveSettings(_Section):
    """The save.* settings."""

    __slots__ = ()

    @property
    def suffix(self) -> str:
        """Achtervoegsel van de bestandsnaam bij opslaan."""
        return self._values["save.suffix"]

    @property
    def mode(self) -> Literal["tracked", "clean"]:
        """Standaard opslaan: bijgehouden wijzigingen of schone kopie."""
        return self._values["save.mode"]


class DisclosureSettings(_Section):
    """The disclosure.* settings."""

    __slots__ = ()

    @property
    def when(self) -> Literal["always", "model", "never"]:
        """Wanneer een AI-vermelding verplicht is."""
        return self._values["disclosure.when"]

    @property
    def placement(self) -> Literal["end", "footer", "first_page_note"]:
        """Plaats van de AI-vermelding."""
        return self._values["disclosure.placement"]

    @property
    def text_nl(self) -> str:
        """Tekst van de AI-vermelding (Nederlands)."""
        return self._values["disclosure.text_nl"]

    @property
    def text_en(self) -> str:
        """Tekst van de AI-vermelding (Engels)."""
        return self._values["disclosure.text_en"]

    @property
    def text_language(self) -> Literal["nl", "en"]:
        """Taal van de AI-vermelding in het document."""
        return self._values["disclosure.text_language"]

    @property
    def user_may_edit(self) -> bool:
        """Gebruiker mag de AI-vermelding aanpassen of weglaten."""
        return self._values["disclosure.user_may_edit"]

    @property
    def allow_save_without(self) -> bool:
        """Opslaan zonder verplichte AI-vermelding toestaan."""
        return self._values["disclosure.allow_save_without"]


class DraftingSettings(_Section):
    """The drafting.* settings."""

    __slots__ = ()

    @property
    def mark_model_text(self) -> Literal["tracked", "highlight"]:
        """Door het model geschreven tekst markeren als."""
        return self._values["drafting.mark_model_text"]


class PrivacySettings(_Section):
    """The privacy.* settings."""

    __slots__ = ()

    @property
    def history(self) -> bool:
        """Beoordelingen tussentijds versleuteld bewaren (herstel na een crash)."""
        return self._values["privacy.history"]

    @property
    def audit_log(self) -> bool:
        """Versleuteld logboek van opgeslagen documenten bijhouden."""
        return self._values["privacy.audit_log"]

    @property
    def audit_file_name(self) -> Literal["name", "hash"]:
        """In het logboek: de bestandsnaam of alleen de hash."""
        return self._values["privacy.audit_file_name"]

    @property
    def retention_days(self) -> int:
        """Bewaartermijn van geschiedenis en logboek (dagen)."""
        return self._values["privacy.retention_days"]

    @property
    def allow_unsafe_store(self) -> bool:
        """Zonder sleutelbos van het systeem toch gegevens bewaren (minder veilig)."""
        return self._values["privacy.allow_unsafe_store"]


class FirstRunSettings(_Section):
    """The first_run.* settings."""

    __slots__ = ()

    @property
    def acknowledged_by_organisation(self) -> bool:
        """Het startscherm over verantwoord gebruik is namens de organisatie bevestigd."""
        return self._values["first_run.acknowledged_by_organisation"]


class SettingsView:
    """Every setting by name, typed; mixed into :class:`desktop.core.policy.settings.Settings`."""

    values: dict[str, Any]

    @property
    def language(self) -> Literal["nl", "en"]:
        """Taal van Schrijfhulp."""
        return self.values["language"]

    @property
    def author(self) -> str:
        """Auteursnaam bij bijgehouden wijzigingen en opmerkingen."""
        return self.values["author"]

    @property
    def user_name(self) -> str:
        """Mijn naam, in de AI-vermelding (leeg: de volledige naam die het systeem van u kent)."""
        return self.values["user_name"]

    @property
    def organisation(self) -> str:
        """Naam van de organisatie in de AI-vermelding."""
        return self.values["organisation"]

    @property
    def checks(self) -> ChecksSettings:
        """The checks.* settings."""
        return ChecksSettings(self.values)

    @property
    def grammar(self) -> GrammarSettings:
        """The grammar.* settings."""
        return GrammarSettings(self.values)

    @property
    def model(self) -> ModelSettings:
        """The model.* settings."""
        return ModelSettings(self.values)

    @property
    def review(self) -> ReviewSettings:
        """The review.* settings."""
        return ReviewSettings(self.values)

    @property
    def save(self) -> SaveSettings:
        """The save.* settings."""
        return SaveSettings(self.values)

    @property
    def disclosure(self) -> DisclosureSettings:
        """The disclosure.* settings."""
        return DisclosureSettings(self.values)

    @property
    def drafting(self) -> DraftingSettings:
        """The drafting.* settings."""
        return DraftingSettings(self.values)

    @property
    def privacy(self) -> PrivacySettings:
        """The privacy.* settings."""
        return PrivacySettings(self.values)

    @property
    def first_run(self) -> FirstRunSettings:
        """The first_run.* settings."""
        return FirstRunSettings(self.values)
