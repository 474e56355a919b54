"""The content, grammar, structure and level guards, and the truthful verdict, on real sentences and on
real outputs of the embedded 1.5B model (captured with bench/eval_b1_quality.py and the issue's report)."""

from __future__ import annotations

import pytest

from desktop.core.analysis import LanguageTools
from desktop.core.language.readability import LevelEstimate, estimate_level, measure_paragraph
from desktop.core.language.spelling import SpellChecker, default_dictionary_dir
from desktop.core.language.wordlists import WordLists
from desktop.core.model.guards import GuardContext, Task, Verdict, check_output, summary
from desktop.core.model.guards.content import content_guard, content_recall
from desktop.core.model.guards.grammar import double_subjects, new_pronoun_subjects, new_subjects, pieces
from desktop.core.model.guards.level import level_guard, levels
from desktop.core.model.guards.structure import structure_guard
from desktop.core.policy.settings import load_settings

pytestmark = pytest.mark.core

# The considerans item from the issue (a decision of Haarlemmermeer) and the 1.5B model's outputs for it.
HAARLEMMERMEER = (
    "dat binnen de gemeente Haarlem-mermeer in het kader van de Vinex Locatie Hoofddorp en het project "
    "Hogesnelheidslijn-Zuid bouwactiviteiten worden gerealiseerd;"
)
HAARLEMMERMEER_OUTPUTS = (
    # shown as "alle feiten zijn behouden" before this guard (the issue's report)
    "Dat binnen de gemeente Haarlem-mermeer, onder de Vinex Locatie Hoofddorp en het project Hogesnelheidslijn-Zuid, "
    "wordt gerealiseerd.",
    # greedy, captured: a copy with a capital and a full stop
    "Dat binnen de gemeente Haarlem-mermeer in het kader van de Vinex Locatie Hoofddorp en het project "
    "Hogesnelheidslijn-Zuid bouwactiviteiten worden gerealiseerd.",
    # sampled at 0.7, captured: "binnen" moved to the project, "het project" dropped
    "Dat in de gemeente Haarlem-mermeer gerealiseerd wordt in het kader van de Vinex Locatie Hoofddorp en "
    "Hogesnelheidslijn-Zuid bouwactiviteiten binnen het project.",
)
# Culemborg, the mayor's letter (tests/data/letters/texts/025_brief.txt)
CULEMBORG = (
    "Namens de gemeenteraad, het college en de ambtelijke organisatie wens ik alle Culemborgers een verbindend, "
    "gezond en liefdevol 2024 toe!"
)


@pytest.fixture(scope="module")
def lists() -> WordLists:
    return WordLists.load_default()


@pytest.fixture(scope="module")
def context(lists: WordLists) -> GuardContext:
    return GuardContext(SpellChecker(default_dictionary_dir()), lists.protected.terms, alternatives=lists.b1)


@pytest.fixture(scope="module")
def full_context(language_tools: LanguageTools) -> GuardContext:
    return language_tools.guard_context(load_settings(registry=dict))


@pytest.mark.parametrize("output", HAARLEMMERMEER_OUTPUTS)
def test_every_model_output_for_the_haarlemmermeer_item_is_refused(context: GuardContext, output: str) -> None:
    verdict = check_output(Task.B1, HAARLEMMERMEER, output, context)
    assert not verdict.ok
    assert "vorm" in verdict.guards  # "dat" became "Dat", ";" became "."
    assert summary(verdict, Task.B1) == "Geen veilige herschrijving gevonden."


def test_the_issues_output_is_refused_for_each_thing_that_went_wrong(context: GuardContext) -> None:
    verdict = check_output(Task.B1, HAARLEMMERMEER, HAARLEMMERMEER_OUTPUTS[0], context)
    reasons = " ".join(reason for _guard, reason in verdict.reasons)
    assert "‘bouwactiviteiten’" in reasons  # the subject is gone
    assert "‘in het kader van’" in reasons  # became "onder"
    assert "‘d’ naar ‘D’" in reasons  # a list item keeps its small letter
    assert "eindigde op ‘;’" in reasons


def test_a_faithful_rewrite_of_the_item_keeps_its_form_and_words(context: GuardContext) -> None:
    output = (
        "dat in de gemeente Haarlem-mermeer bouwactiviteiten worden gerealiseerd binnen het kader van de Vinex "
        "Locatie Hoofddorp en het project Hogesnelheidslijn-Zuid;"
    )
    assert content_recall(HAARLEMMERMEER, output, context.alternatives) == (10, 10)
    assert structure_guard(HAARLEMMERMEER, output) == []
    # "in het kader van" became "binnen het kader van": a fixed expression is kept whole
    assert any("in het kader van" in r for r in content_guard(HAARLEMMERMEER, output, context.alternatives))


@pytest.mark.parametrize(
    ("source", "output", "reason"),
    [
        # a changed modal verb
        ("U moet het formulier voor 1 mei terugsturen.", "U kunt het formulier voor 1 mei terugsturen.",
         "moeten → kunnen"),
        # "dient te" is "moet"; a listed alternative replaces "retourneren" and "reeds"
        ("U dient het formulier reeds voor 1 mei te retourneren.", "U moet het formulier al voor 1 mei terugsturen.",
         None),
        # a lost negation, though another one stays
        ("U hoeft niet te betalen als u geen inkomen heeft.", "U hoeft te betalen als u geen inkomen heeft.",
         "ontkenningen"),
        # an inference of the model's own: a new negation and "Daarom" (letter 003)
        ("Overwegende dat de verzoeker niet voldoet aan de criteria om in aanmerking te komen voor een persoonlijke "
         "gehandicaptenparkeerplaats.",
         "Overwegende dat de verzoeker niet voldoet aan de criteria. Daarom komt hij niet in aanmerking voor een "
         "persoonlijke parkeerplaats voor gehandicapten.", "‘Daarom’"),
        # the same sentence split without adding anything: the compound written apart is the same word
        ("Overwegende dat de verzoeker niet voldoet aan de criteria om in aanmerking te komen voor een persoonlijke "
         "gehandicaptenparkeerplaats.",
         "Overwegende dat de verzoeker niet voldoet aan de criteria om in aanmerking te komen voor een persoonlijke "
         "parkeerplaats voor gehandicapten.", None),
        # a separable verb written apart
        ("De gemeente wenst alle inwoners een goed 2024 toe.", "De gemeente wil alle inwoners een goed 2024 toewensen.",
         "- → willen"),
        # a verb lost where another form of it stays ("laten" kept, "laat" gone): counted, not only looked up
        ("Wilt u uw verlof door laten gaan tijdens uw ziekte laat het ons dan even weten.",
         "Wilt u uw verlof door laten gaan tijdens uw ziekte? Dat ons dan even weten.", "ontbreken: ‘laat’"),
        ("Wilt u uw verlof door laten gaan tijdens uw ziekte laat het ons dan even weten.",
         "Wilt u uw verlof door laten gaan tijdens uw ziekte? Laat het ons dan even weten.", None),
        # two different words that a rough stem made one (doubled vowel), and a lemma that is not the word's
        ("U betaalt elke maand de huur.", "U betaalt elke mand de huur.", "ontbreken: ‘maand’"),
        ("Uw aanvraag is afgewezen door de gemeente.", "Uw aanvraag is gewezen door de gemeente.",
         "ontbreken: ‘afgewezen’"),
        # an added "hebben" turns an adjective into a perfect tense (a model output on a held-out sentence)
        ("Bent u een vrijwilliger en gemotiveerd om mee te helpen?",
         "Bent u een vrijwilliger? U hebt gemotiveerd om mee te helpen?", "‘hebt’"),
        # an inflection of the same word stays the same word
        ("De vragen van de bewoners zijn beantwoord.", "De vraag van de bewoners is beantwoord.", None),
    ],
)
def test_content_guard(context: GuardContext, source: str, output: str, reason: str | None) -> None:
    reasons = content_guard(source, output, context.alternatives)
    if reason is None:
        assert reasons == []
    else:
        assert any(reason in r for r in reasons), reasons


def test_content_recall_counts_a_word_lost_where_another_form_of_it_stays() -> None:
    source = "Wilt u uw verlof door laten gaan tijdens uw ziekte laat het ons dan even weten."
    lost = "Wilt u uw verlof door laten gaan tijdens uw ziekte? Dat ons dan even weten."
    assert content_recall(source, lost) == (5, 6)
    assert content_recall(source, lost.replace("Dat ons", "Laat het ons")) == (6, 6)


@pytest.mark.parametrize(
    ("source", "output", "reason"),
    [
        ("Gelet op artikel 12 van het Besluit administratieve bepalingen inzake het wegverkeer;",
         "Artikel 12 van het Besluit administratieve bepalingen inzake het wegverkeer geldt hier;", "‘Gelet op’"),
        ("1 verkeersbord E 6 te plaatsen op het Raadhuisplein te Dinteloord.",
         "Plaats verkeersbord E 6 op het Raadhuisplein te Dinteloord.", "‘1’"),
        ("dat mevrouw [naam] is aangewezen op vervoer door middel van een aangepaste bus;",
         "dat mevrouw [naam] vervoer nodig heeft. Dat gaat door middel van een aangepaste bus;", "opsomming"),
        ("De aanvraag is ontvangen op 3 maart.", "De aanvraag is ontvangen op 3 maart. Wij wensen u veel succes.",
         "eigen zin"),
        ("dat de aanvraag op 3 maart is ontvangen;", "datum van ontvangst van de aanvraag is 3 maart;", "‘dat’"),
    ],
)
def test_structure_guard(source: str, output: str, reason: str) -> None:
    reasons = structure_guard(source, output)
    assert any(reason in r for r in reasons), reasons


def test_the_level_guard_allows_the_long_words_of_an_expert_b1_rewrite_and_says_so(
    full_context: GuardContext,
) -> None:
    # Amsterdam pair (tuning document 14): the expert's B1 side keeps the park's name, 2.2 syllables a word
    source = "Het herontwikkelde Nelson Mandelapark is medio 2011 opgeleverd en in gebruik genomen."
    expert = "Het aangepaste Nelson Mandelapark is in 2011 opgeleverd en in gebruik genomen."
    assert level_guard(source, expert) == []
    # the document's readability report keeps the general norm: there the same text is B2 on word length
    assert estimate_level(measure_paragraph("p", expert).counts).level == "B2"
    # the verdict says how the level was measured (the content guard refuses this pair: "medio" is gone)
    level = check_output(Task.B1, source, expert, full_context).outcome("niveau")
    assert level is not None and level.passed
    assert "Taalniveau B2 → B1 (met lange woorden: gemiddeld 2,2 lettergrepen, binnen wat experts" in level.checked
    before, after = levels(source, expert, full_context.max_sentence_words)
    text = summary(Verdict((level,)), Task.B1, before, after)
    assert "taalniveau B2 → B1 (met lange woorden: gemiddeld 2,2 lettergrepen, binnen wat experts" in text, text


def test_the_level_guard_refuses_words_longer_than_the_experts_use() -> None:
    # Amsterdam pair (tuning document 38): the expert's own side, 2.6 syllables a word, past the bound
    source = (
        "Wanneer we binnen de gemeente Amsterdam communicatiemiddelen opstellen bedoeld voor laaggeletterde "
        "doelgroepen, dan volgen wij de onderstaande richtlijnen."
    )
    expert = (
        "Volg deze richtlijnen als je binnen de gemeente Amsterdam communicatiemiddelen opstelt voor "
        "laaggeletterde doelgroepen."
    )
    reasons = level_guard(source, expert)
    assert reasons and "lettergrepen per woord" in reasons[0], reasons


def test_a_rewrite_that_stays_at_b2_is_refused_with_the_level_in_words(context: GuardContext) -> None:
    source = (
        "Voorafgaand aan de werkzaamheden worden er aankondigingen geplaatst om u tijdig te informeren over de "
        "bereikbaarheid van de parkeerplaatsen."
    )
    # captured (greedy): only "Voorafgaand aan" became "Voor"
    output = source.replace("Voorafgaand aan", "Voor")
    verdict = check_output(Task.B1, source, output, context)
    assert "niveau" in verdict.guards
    assert any("Het taalniveau blijft" in r for g, r in verdict.reasons if g == "niveau")


def test_the_grammar_guard_refuses_a_new_languagetool_finding(full_context: GuardContext) -> None:
    # the rewrite the issue saw written into a letter: "Het gemeenteraad … willen"
    output = (
        "Het gemeenteraad, het college en de ambtelijke organisatie willen alle Culemborgers een verbindend, gezond en "
        "liefdevol 2024 toewensen!"
    )
    verdict = check_output(Task.B1, CULEMBORG, output, full_context)
    assert any("Het gemeenteraad" in r for g, r in verdict.reasons if g == "grammatica")
    # the input itself is not held against a rewrite
    same = check_output(Task.B1, CULEMBORG, CULEMBORG, full_context)
    assert "grammatica" not in same.guards


WEESP = (
    "Hierdoor zal de informatie van de processen van Weesp ook in Weesp worden opgeslagen in Decos Join en kan de "
    "post verstuurd worden zoals dat in Weesp gangbaar is."
)


def test_a_split_whose_new_sentence_has_two_subjects_is_refused(full_context: GuardContext) -> None:
    # the 1.5B model's split of the Weesp sentence, which LanguageTool passes: "Dit kan de post verstuurd worden"
    # has "dit" and "de post" as subjects of a passive clause. (The sentence is from Amsterdam document 6, a
    # held-out one: a reported bug, kept as its test; the rule was not tuned on the evaluation.)
    output = (
        "Hierdoor zal de informatie van de processen van Weesp ook in Weesp worden opgeslagen in Decos Join. Dit kan "
        "de post verstuurd worden zoals dat in Weesp gangbaar is."
    )
    verdict = check_output(Task.B1, WEESP, output, full_context)
    assert (
        "Zinsbouw klopt niet: ‘Dit kan de post verstuurd worden zoals dat in Weesp gangbaar is.’ heeft twee "
        "onderwerpen."
    ) in [r for g, r in verdict.reasons if g == "grammatica"]
    # the split the rules build repeats the fronted adverb: grammatical, and passes
    split = output.replace(". Dit kan", ". Hierdoor kan")
    assert "grammatica" not in check_output(Task.B1, WEESP, split, full_context).guards


@pytest.mark.parametrize(
    "sentence",
    [
        "Dat wordt de nieuwe regel voor iedereen.",  # worden as a copula
        "Dit is de brief die wordt verstuurd.",  # the passive is in a relative clause
        "Dit is de manier waarop de post wordt verstuurd.",
        "Dit kan de gemeente doen, omdat het wordt gevraagd.",  # "dit" is the object of an active clause
        "Dit moet de gemeente zelf betalen.",
    ],
)
def test_a_pronoun_before_a_verb_and_a_subject_is_fine_outside_a_passive_clause(sentence: str) -> None:
    assert double_subjects("Een andere zin.", "Een andere zin. " + sentence) == []


@pytest.mark.parametrize(
    ("source", "output", "piece"),
    [
        # the shapes of the 1.5B model's splits seen in the evaluation, on sentences of our own
        (
            "Stuur de aanvraag en de andere stukken mee zodat wij alle informatie hebben voor uw zaak.",
            "Stuur de aanvraag en de andere stukken mee. Zodat wij alle informatie hebben voor uw zaak.",
            "Zodat wij alle informatie hebben voor uw zaak.",
        ),
        (
            "U krijgt twee brieven, één voor uzelf en één voor het opsturen naar uw werkgever.",
            "U krijgt twee brieven. Eén voor uzelf en één voor het opsturen naar uw werkgever.",
            "Eén voor uzelf en één voor het opsturen naar uw werkgever.",
        ),
        # the sentence splitter reads "Plan B. Vooraf." as one sentence; the piece is found all the same
        (
            "Op 3 mei was er een avond over het Plan B. Vooraf en tijdens de avond zijn er veel vragen gesteld.",
            "Op 3 mei was er een avond over het Plan B. Vooraf. Tijdens de avond zijn er veel vragen gesteld.",
            "Vooraf.",
        ),
    ],
)
def test_a_split_that_leaves_a_piece_that_is_no_sentence_is_refused(
    full_context: GuardContext, source: str, output: str, piece: str
) -> None:
    verdict = check_output(Task.B1, source, output, full_context)
    assert f"‘{piece}’ is geen hele zin: een stuk van de zin ervoor." in [
        r for g, r in verdict.reasons if g == "grammatica"
    ]


@pytest.mark.parametrize(
    ("source", "output"),
    [
        ("Als u vragen heeft, kunt u ons bellen.", "Heeft u vragen? Dan kunt u ons bellen."),
        ("Ben jij trainer en gemotiveerd om mee te doen?", "Ben jij trainer? En ben je gemotiveerd om mee te doen?"),
        ("Wij verhuizen, waardoor de balie dicht is.", "Wij verhuizen. Waardoor is de balie dicht?"),
        (
            "De gemeente ontving uw aanvraag en stuurde een brief.",
            "De gemeente ontving uw aanvraag. En ze stuurde een brief.",
        ),
        # an input without a verb (a considerans heading) is not held to it
        (
            "Gelet op de artikelen 2 en 18 van de Wegenverkeerswet 1994;",
            "Gelet op artikel 2 en 18 van de Wegenverkeerswet 1994;",
        ),
    ],
)
def test_whole_sentences_are_no_pieces(source: str, output: str) -> None:
    assert pieces(source, output) == []


def test_all_facts_kept_is_said_only_when_every_guard_ran_and_passed(
    context: GuardContext, full_context: GuardContext
) -> None:
    source = (
        "Met zonnepanelen op uw dak wekt u uw eigen duurzame energie op en bespaart u gemiddeld tussen de 300 en "
        "600 euro per jaar op uw energierekening."
    )
    output = (
        "Met zonnepanelen op uw dak wekt u uw eigen duurzame energie op. U bespaart gemiddeld tussen de 300 en 600 "
        "euro per jaar op uw energierekening."
    )
    complete = check_output(Task.B1, source, output, full_context)
    assert complete.ok and complete.complete
    text = summary(complete, Task.B1, LevelEstimate("B2", ()), LevelEstimate("B1", ()))
    assert text.startswith("Gecontroleerd: bedragen, datums, namen, termijnen, verwijzingen en inhoudswoorden zijn")
    assert "taalniveau B2 → B1" in text and text.endswith("Alle feiten zijn behouden.")
    # without LanguageTool the grammar was not checked: the verdict says so and claims nothing more
    partial = check_output(Task.B1, source, output, context)
    assert partial.ok and not partial.complete
    text = summary(partial, Task.B1, LevelEstimate("B2", ()), LevelEstimate("B1", ()))
    assert "grammatica niet gecontroleerd" in text and "feiten zijn behouden" not in text


def test_languagetools_officialese_suggestions_count_as_listed_alternatives(full_context: GuardContext) -> None:
    source = "Voorafgaand aan de werkzaamheden plaatsen wij borden. Alvorens u begint, belt u ons."
    # LanguageTool suggests "voordat" for "alvorens"; for "voorafgaand aan" it names no replacement
    kept = check_output(Task.B1, source, "Voorafgaand aan de werkzaamheden plaatsen wij borden. Voordat u begint, "
                        "belt u ons.", full_context)
    assert "inhoud" not in kept.guards, kept.reasons
    dropped = check_output(Task.B1, source, "Voor de werkzaamheden plaatsen wij borden. Voordat u begint, belt u ons.",
                           full_context)
    assert any("‘Voorafgaand’" in r for g, r in dropped.reasons if g == "inhoud")


def test_a_lost_preposition_that_turns_the_meaning_around_is_refused(context: GuardContext) -> None:
    # Amsterdam document 31 and the 1.5B model's rewrite (captured): every content word is still there, but now
    # the location depends on something instead of the effects depending on the location
    source = (
        "Meer informatie hierover kunt u vinden op: De effecten voor de natuur hangen sterk af van de specifieke "
        "locatie."
    )
    output = "U kunt meer informatie vinden over de effecten voor de natuur op: De specifieke locatie hangt sterk af."
    assert content_recall(source, output, context.alternatives) == (9, 9)
    reasons = content_guard(source, output, context.alternatives)
    assert any("voorzetsels zijn weggevallen: ‘van’" in r for r in reasons), reasons
    # "hierover" holds "over": moving it is no loss
    moved = source.replace("Meer informatie hierover kunt u vinden", "U kunt hierover meer informatie vinden")
    assert content_guard(source, moved, context.alternatives) == []


@pytest.mark.parametrize(
    ("source", "output", "reason"),
    [
        ("U moet het formulier en de bijlage word opgestuurd.", "U moet het formulier wordt opgestuurd.",
         "‘bijlage’"),
        ("Wij betalen de toeslag niet uit en geen rente.", "Wij betalen de toeslag uit en geen rente.",
         "ontkenningen"),
        ("U moet het formulier opsturen.", "U kan het formulier opsturen.", "hulpwerkwoord"),
        ("Het adminitratieve deel word later behandeld.", "Het administratieve deel wordt later behandeld.", None),
        ("Het bestemmings plan is vastgesteld.", "Het bestemmingsplan is vastgesteld.", None),
        ("De besluit is genomen.", "Het besluit is genomen.", None),
    ],
)
def test_a_correction_changes_the_spelling_and_nothing_else(
    context: GuardContext, source: str, output: str, reason: str | None
) -> None:
    verdict = check_output(Task.CORRECTION, source, output, context)
    content = verdict.outcome("inhoud")
    assert content is not None
    if reason is None:
        assert content.reasons == ()
    else:
        assert not verdict.ok and any(reason in r for r in content.reasons), content.reasons
        assert "Alle feiten zijn behouden" not in summary(verdict, Task.CORRECTION)


@pytest.mark.parametrize(
    ("output", "refused"),
    [
        # the object became the subject (the 1.5B model did this to a held-out sentence; this one is our own)
        ("De afdeling Burgerzaken zal dan een dossier aanmaken. Het dossiernummer zal mailen.", True),
        ("De afdeling Burgerzaken zal dan een dossier aanmaken. De afdeling zal het dossiernummer mailen.", False),
    ],
)
def test_a_split_may_not_make_an_object_its_subject(output: str, refused: bool) -> None:
    source = "De afdeling Burgerzaken zal dan een dossier aanmaken en het dossiernummer mailen."
    assert bool(new_subjects(source, output)) == refused
    assert new_subjects("De aanvraag is ontvangen en de beslissing volgt later.",
                        "De aanvraag is ontvangen. De beslissing volgt later.") == []


# Amsterdam tuning sentences and the 1.5B model's outputs for them that every guard let through (captured)
STEMMEN = "Door te stemmen, bepaalt u dus mee door wie en hoe Nederland wordt bestuurd."
IEDEREEN = (
    "Iedereen voelt daarbij de veiligheid en ruimte om zichzelf te zijn, wordt evenredig gewaardeerd en heeft "
    "toegang tot dezelfde mogelijkheden en middelen."
)


def test_a_rewrite_that_loses_a_person_is_refused(context: GuardContext) -> None:
    captured = "Door te stemmen bepalen Nederland hoe en wie wordt bestuurd."
    assert any("‘u’ staat er niet meer" in r for r in content_guard(STEMMEN, captured, context.alternatives))
    kept = "Door te stemmen bepaalt u dus mee door wie en hoe Nederland wordt bestuurd."
    assert not any("staat er niet meer" in r for r in content_guard(STEMMEN, kept, context.alternatives))
    # "we" and "ons" are the same person as "wij"
    assert content_guard("Wij sturen u de brief.", "We sturen u de brief.", context.alternatives) == []


def test_a_rewrite_that_loses_a_subordinating_conjunction_is_refused(context: GuardContext) -> None:
    # Amsterdam, tuning document 35, and what the 1.5B model made of it: every content word kept, the order of events
    # lost ("Voordat" dropped), and the sentence no longer Dutch
    source = (
        "Voordat zij besluit om van het advies af te wijken overlegt zij eenmaal, voor zover dat redelijkerwijs "
        "mogelijk is, met de cliëntenraad."
    )
    captured = (
        "Zij besluit om van het advies af te wijken overlegt zij eenmaal, voor zover dat redelijkerwijs mogelijk is, "
        "met de cliëntenraad."
    )
    assert any("‘voordat’" in r for r in content_guard(source, captured, context.alternatives))
    # a split that keeps the relation with a linking adverb passes this check (Amsterdam, tuning document)
    source = "Het aanpassen van de maatschappij staat voorop, zodat iedereen mee kan doen."
    split = "Het aanpassen van de maatschappij staat voorop. Daardoor kan iedereen mee doen."
    assert not any("verbindingswoord" in r for r in content_guard(source, split, context.alternatives))
    # a condition may become a question
    source = "Indien u vragen heeft, neem dan contact met ons op."
    assert not any("verbindingswoord" in r for r in content_guard(source, "Heeft u vragen? Neem dan contact met "
                                                                           "ons op.", context.alternatives))


def test_a_pronoun_put_before_a_clause_that_shared_its_subject_is_refused() -> None:
    captured = (
        "Iedereen voelt daarbij de veiligheid en ruimte om zichzelf te zijn. Dit wordt evenredig gewaardeerd en "
        "heeft toegang tot dezelfde mogelijkheden en middelen."
    )
    assert new_pronoun_subjects(IEDEREEN, captured) == [captured.split(". ", 1)[1]]
    repeated = captured.replace("Dit wordt", "Iedereen wordt")
    assert new_pronoun_subjects(IEDEREEN, repeated) == []
    # the pronoun that was the subject may point back to it
    source = "Het plan is klaar en wordt in de raad van maart besproken."
    assert new_pronoun_subjects(source, "Het plan is klaar. Het wordt in de raad van maart besproken.") == []
    # a sentence of other words that opens with "Het" is no such case
    assert new_pronoun_subjects(STEMMEN, "Het is zo dat u door te stemmen meebepaalt.") == []


def test_the_b1_list_names_dan_wel_and_tijdig() -> None:
    # Amsterdam pairs, tuning document 35: the experts wrote "of" and "op tijd"
    lists = WordLists.load_default()
    source = "De voorzitter dan wel het lid heeft twee weken de tijd om zijn visie op het ontslag aan te geven."
    assert content_guard(source, source.replace("dan wel", "of"), lists.b1) == []
    source = "De cliëntenraad informeert de instelling tijdig over een overschrijding van het budget."
    assert content_guard(source, source.replace("tijdig", "op tijd"), lists.b1) == []
