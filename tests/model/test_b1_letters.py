"""B1 rewrites of real letters with the embedded model: each sentence is refused or rewritten, and a
rewrite never loses a content word, a fact or its form; the independent checker agrees with the guards."""

from __future__ import annotations

import pytest

from desktop.core.analysis import LanguageTools
from desktop.core.model.engine import LlamaEngine
from desktop.core.model.guards import Task, check_output
from desktop.core.model.guards.check import style_alternatives
from desktop.core.model.guards.content import content_recall
from desktop.core.model.guards.structure import closing_punctuation, first_letter
from desktop.core.model.jobs import ModelJob
from desktop.core.model.tasks import run_task
from desktop.core.policy.settings import load_settings
from tests.independent_check import independent_flags

pytestmark = [pytest.mark.model, pytest.mark.slow]

SENTENCES = (
    # the considerans item (Haarlemmermeer)
    "dat binnen de gemeente Haarlem-mermeer in het kader van de Vinex Locatie Hoofddorp en het project "
    "Hogesnelheidslijn-Zuid bouwactiviteiten worden gerealiseerd;",
    # the Culemborg letter (025): its last paragraph and a long sentence
    "Namens de gemeenteraad, het college en de ambtelijke organisatie wens ik alle Culemborgers een verbindend, "
    "gezond en liefdevol 2024 toe!",
    "Het zijn de Culemborgers die onze stad haar ziel geven en elke dag weer een beetje mooier maken.",
    # ten sentences of the real letters (001, 003, 008, 009, 012, 014, 016, 019, 020, 021)
    "Gedurende een termijn van 6 weken kunnen belanghebbenden op grond van artikel 7:1 van de Algemene wet "
    "bestuursrecht, bij ons schriftelijk bezwaar maken.",
    "Gelet op de artikelen 2, lid 1b en 18 lid 1d van de Wegenverkeerswet 1994 en artikel 12 van het Besluit "
    "adminitratieve bepalingen inzake het wegverkeer (BAWB);",
    "Een schriftelijk verzoek om informatie zoals bedoeld in artikel 3 van de Wet openbaarheid van bestuur dat is "
    "gericht aan de Dienst Uitvoering Onderwijs kan slechts per post of per e-mail worden ingediend.",
    "Gedeputeerde Staten hebben op 8 maart 2019 besloten de door Prolander aangevraagde vergunning voor de "
    "ontgronding van diverse percelen in de gemeente Westerkwartier, onder voorschriften, te verlenen.",
    "In de bewonersbrief van 29 juli 2008 hebben wij u gemeld dat u als omwonende over de inrichting van het "
    "ontruimde speelterrein achter uw woning, in het najaar opnieuw zou worden geïnformeerd.",
    "Voor de start ontvangt u een brief met de exacte startdatum, de duur van de werkzaamheden en de eventuele "
    "hinder die u kunt ondervinden.",
    "Het verkrijgen van toestemming van een andere wegbeheerder voor het uitvoeren van werkzaamheden valt onder "
    "bouwcommunicatie en is een (contractuele) verantwoordelijkheid van de opdrachtnemer van het werk.",
    "Het Uwv is verder van mening dat appellante in de periode voorafgaand aan haar ziekmelding per 31 oktober 2007 "
    "niet structureel werkzaamheden heeft verricht, maar hooguit af en toe is ingevallen.",
    "Een jaar na inwerkingtreding van de Woo moet ik helaas constateren dat ondanks alle gepleegde inspanningen de "
    "uitvoering van de nieuwe wet onder druk staat.",
    "Het fractievoorzittersoverleg doet aanbevelingen aan de raad inzake de organisatie en het functioneren van de "
    "raad en de raadscommissies voor zover het niet betreft de taken van de agendacommissie.",
)


@pytest.mark.parametrize("sentence", SENTENCES, ids=[s[:30] for s in SENTENCES])
def test_refused_or_rewritten_never_losing_a_content_word(
    embedded_engine: LlamaEngine, language_tools: LanguageTools, sentence: str
) -> None:
    context = language_tools.guard_context(load_settings(registry=dict))
    result = run_task(embedded_engine, ModelJob(Task.B1, "p", sentence, 0, len(sentence)), context)
    # the model was really asked: to write, or to judge the candidates the rules built
    assert result.completions or result.rule_candidates
    assert not result.by_rules or result.text in result.rule_candidates
    if result.text is None:
        assert result.refusals and all(verdict.reasons for verdict in result.refusals)
        assert not result.findings
        return
    verdict = check_output(Task.B1, sentence, result.text, context)
    assert verdict.ok, verdict.reasons
    kept, total = content_recall(sentence, result.text, context.alternatives, style_alternatives(sentence, context))
    assert kept == total
    assert independent_flags(sentence, result.text) == [], result.text
    assert first_letter(result.text).islower() == first_letter(sentence).islower()
    assert closing_punctuation(result.text) == closing_punctuation(sentence)
    assert all("Gecontroleerd: bedragen, datums, namen, termijnen, verwijzingen en inhoudswoorden" in f.message
               for f in result.findings)
