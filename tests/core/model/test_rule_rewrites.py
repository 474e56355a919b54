"""B1 candidates built by rules and judged by the model (model/rule_rewrites.py), and how the tasks use them.

The scorer here is a stand-in that returns prepared margins per alternative, so the logic (which way is
picked, what is dropped, how candidates are composed, when the model is not asked to write) is tested
apart from the model; tests/model/test_b1_letters.py runs the real model's scorer on real sentences.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from desktop.core.analysis import LanguageTools
from desktop.core.language.clauses import SplitOption, split_options
from desktop.core.language.confusion_candidates import Candidate
from desktop.core.language.spelling import SpellChecker, default_dictionary_dir
from desktop.core.language.wordlists import WordLists
from desktop.core.model.guards import GuardContext, Task, check_output
from desktop.core.model.jobs import ModelJob
from desktop.core.model.rule_rewrites import (
    MIN_SPLIT_MARGIN,
    WORD_KIND,
    can_reach_level,
    compose,
    judge,
    rule_candidates,
    word_options,
)
from desktop.core.model.tasks import run_task
from desktop.core.policy.settings import load_settings
from tests.core.model.test_candidates import HAARLEMMERMEER, FakeEngine

pytestmark = pytest.mark.core

REPO = Path(__file__).resolve().parents[3]

# the Weesp sentence the 1.5B model split into "Dit kan de post verstuurd worden" (ungrammatical)
WEESP = (
    "Hierdoor zal de informatie van de processen van Weesp ook in Weesp worden opgeslagen in Decos Join en kan de "
    "post verstuurd worden zoals dat in Weesp gangbaar is."
)
WEESP_SPLIT = (
    "Hierdoor zal de informatie van de processen van Weesp ook in Weesp worden opgeslagen in Decos Join. Hierdoor "
    "kan de post verstuurd worden zoals dat in Weesp gangbaar is."
)


class FakeScorer:
    """Margins by alternative (``default`` for any other); records what it was asked."""

    def __init__(self, margins: dict[str, float] | None = None, default: float = -1.0) -> None:
        self.margins_by_alternative = margins or {}
        self.default = default
        self.asked: list[tuple[str, list[Candidate]]] = []

    def margins(
        self, sentences: Sequence[tuple[str, Sequence[Candidate]]], cancel: threading.Event | None = None
    ) -> list[list[tuple[float, ...]] | None] | None:
        if cancel is not None and cancel.is_set():
            return None
        output: list[list[tuple[float, ...]] | None] = []
        for sentence, candidates in sentences:
            self.asked.append((sentence, list(candidates)))
            output.append(
                [tuple(self.margins_by_alternative.get(a, self.default) for a in c.alternatives) for c in candidates]
            )
        return output

    @property
    def tokens_scored(self) -> int:
        return 0


@pytest.fixture(scope="module")
def context() -> GuardContext:
    lists = WordLists.load_default()
    return GuardContext(SpellChecker(default_dictionary_dir()), lists.protected.terms, alternatives=lists.b1)


def test_the_way_the_model_prefers_is_taken_and_a_split_that_reads_wrong_is_dropped(context: GuardContext) -> None:
    scorer = FakeScorer({". Hierdoor kan": -2.0, ". Ook kan": -4.0})
    assert rule_candidates(scorer, WEESP, context) == [WEESP_SPLIT]
    # every way reads much worse than the sentence as written: no candidate
    worse = FakeScorer(default=MIN_SPLIT_MARGIN - 0.5)
    assert rule_candidates(worse, WEESP, context) == []
    # the other way, when the model prefers it
    ook = FakeScorer({". Hierdoor kan": -5.0, ". Ook kan": -1.0})
    assert rule_candidates(ook, WEESP, context) == [WEESP_SPLIT.replace(". Hierdoor kan", ". Ook kan")]


def test_a_plainer_word_replaces_a_conjunction_only_where_a_clause_starts(context: GuardContext) -> None:
    opening = "Echter is het besluit nog niet genomen."
    assert [(o.original, o.alternatives) for o in word_options(opening, context)] == [("Echter", ("Maar",))]
    middle = "Zijn de molens echter nodig voor de stroom van de stad?"
    assert word_options(middle, context) == []  # "zijn de molens maar nodig" means something else
    # not a conjunction: replaced anywhere
    indien = "U kunt bellen indien u vragen heeft over deze brief."
    assert [(o.original, o.alternatives) for o in word_options(indien, context)] == [("indien", ("als",))]
    # a conjunction of the list is replaced by a plainer one where it stands (Amsterdam pairs, tuning document 35;
    # the expert wrote "De voorzitter of het lid")
    dan_wel = "De voorzitter dan wel het lid heeft twee weken de tijd om zijn visie op het ontslag aan te geven."
    assert [(o.original, o.alternatives) for o in word_options(dan_wel, context)] == [("dan wel", ("of",))]


def test_a_plainer_word_that_means_something_else_is_no_option(language_tools: LanguageTools) -> None:
    """Decision 129 (real), seen in the app's B1 preview: LanguageTool offers "om" and "voor" for "ten behoeve van",
    and the model chose "maatregelen te treffen om de Wielerronde Leyhof 2012"."""
    context = language_tools.guard_context(load_settings(registry=dict))
    sentence = (
        "Burgemeester en Wethouders van Leiderdorp hebben besloten een aantal tijdelijke verkeersmaatregelen te "
        "treffen ten behoeve van de Wielerronde Leyhof 2012."
    )
    [option] = [o for o in word_options(sentence, context) if o.original == "ten behoeve van"]
    assert "voor" in option.alternatives and "om" not in option.alternatives


def test_plainer_words_need_the_models_clear_preference_and_go_with_the_split() -> None:
    sentence = "Het plan is klaar, maar de bouw begint later en de kosten worden middels een brief bekendgemaakt."
    start = sentence.index("middels")
    word = SplitOption(start, start + len("middels"), "middels", ("met", "via"), WORD_KIND)
    options = [*split_options(sentence), word]
    judged = judge(FakeScorer({"via": 0.5, ". De": -3.0}, default=-1.0), sentence, options)
    assert [(j.option.kind, j.alternative) for j in judged] == [
        (WORD_KIND, "via"),
        ("nevenschikking", ". Maar de"),
        ("nevenschikking", ". En de"),
    ]
    # 17 words: under MIN_WORDS_FOR_TWO, so each split alone, with and without the plainer word; last the
    # plainer word alone
    assert compose(sentence, judged) == [
        "Het plan is klaar. Maar de bouw begint later en de kosten worden via een brief bekendgemaakt.",
        "Het plan is klaar. Maar de bouw begint later en de kosten worden middels een brief bekendgemaakt.",
        "Het plan is klaar, maar de bouw begint later. En de kosten worden via een brief bekendgemaakt.",
        "Het plan is klaar, maar de bouw begint later. En de kosten worden middels een brief bekendgemaakt.",
        "Het plan is klaar, maar de bouw begint later en de kosten worden via een brief bekendgemaakt.",
    ]
    # a plainer word the model finds a little worse than the word as written is dropped
    judged = judge(FakeScorer({"via": -0.1, "met": -0.2}, default=-1.0), sentence, options)
    assert all(j.option.kind != WORD_KIND for j in judged)


def test_two_splits_go_together_in_a_long_sentence() -> None:
    sentence = (
        "Het plan voor de nieuwe school in de wijk is klaar, maar de bouw van de school begint later dan gedacht en "
        "de kosten zijn nog niet bekend."
    )
    candidates = compose(sentence, judge(FakeScorer(), sentence, split_options(sentence)))
    assert candidates[0] == (
        "Het plan voor de nieuwe school in de wijk is klaar. Maar de bouw van de school begint later dan gedacht. En "
        "de kosten zijn nog niet bekend."
    )
    assert len(candidates) == 3  # both, then each alone


def test_a_rule_split_that_passes_every_guard_is_offered_without_asking_the_model_to_write(
    context: GuardContext,
) -> None:
    engine = FakeEngine()
    scorer = FakeScorer({". Hierdoor kan": -2.0, ". Ook kan": -4.0})
    result = run_task(engine, ModelJob(Task.B1, "p1", WEESP, 0, len(WEESP)), context, scorer=scorer)
    assert result.text == WEESP_SPLIT
    assert result.by_rules and result.rule_candidates == (WEESP_SPLIT,)
    assert engine.requests == []
    assert result.verdict is not None and result.verdict.ok
    assert result.findings and all("volgens vaste regels" in f.message for f in result.findings)


def test_the_model_writes_when_no_rule_candidate_passes(context: GuardContext) -> None:
    engine = FakeEngine([WEESP] * 2)  # a model that copies
    result = run_task(
        engine, ModelJob(Task.B1, "p1", WEESP, 0, len(WEESP)), context, scorer=FakeScorer(default=-9.0)
    )
    assert not result.by_rules and result.rule_candidates == ()
    assert engine.requests  # the model was asked


def test_a_sentence_without_a_place_to_split_or_a_plainer_word_is_not_scored(context: GuardContext) -> None:
    scorer = FakeScorer(default=5.0)
    assert rule_candidates(scorer, "U kunt ons bellen als u vragen heeft over deze brief.", context) == []
    assert scorer.asked == []


# an Amsterdam tuning sentence (medezeggenschapsregeling): no place to split, one officialese phrase
SPOEDIG = "De instelling besluit zo spoedig mogelijk of zij een ongevraagd advies zal volgen."


def test_plainer_words_alone_are_a_candidate_and_offered_when_every_guard_passes(context: GuardContext) -> None:
    plain = "De instelling besluit zo snel mogelijk of zij een ongevraagd advies zal volgen."
    scorer = FakeScorer({"zo snel mogelijk": 0.5})
    assert rule_candidates(scorer, SPOEDIG, context) == [plain]
    engine = FakeEngine()
    result = run_task(engine, ModelJob(Task.B1, "p1", SPOEDIG, 0, len(SPOEDIG)), context, scorer=scorer)
    assert result.text == plain and result.by_rules and engine.requests == []
    assert result.findings and all("eenvoudiger woorden" in f.message for f in result.findings)
    assert all("gesplitst" not in f.message for f in result.findings)
    # the model reads the plainer phrase worse: no candidate, and the model is asked to write
    assert rule_candidates(FakeScorer(default=-0.5), SPOEDIG, context) == []


def test_after_an_article_an_adjective_is_not_replaced_by_a_determiner_or_a_preposition(
    context: GuardContext,
) -> None:
    # "betreffende" → "over" or "deze" (B1 list): right where it opens a phrase, wrong after an article
    # ("de deze maand", "de over maand")
    assert word_options("Wij sturen u de betreffende brief morgen.", context) == []
    assert word_options("Wij sturen u het onderhavige besluit morgen.", context) == []
    opening = [(o.original, o.alternatives) for o in word_options("Betreffende uw brief het volgende.", context)]
    assert opening == [("Betreffende", ("Over", "Deze"))]


def test_a_word_in_a_name_is_not_replaced(context: GuardContext) -> None:
    named = "Het college stelt de Regeling inzake tegemoetkoming schade vast."
    assert word_options(named, context) == []  # "inzake" is part of the regulation's name
    plain = named.replace("Regeling", "regeling")
    assert [(o.original, o.alternatives) for o in word_options(plain, context)] == [("inzake", ("over",))]
    # a capital that opens a sentence is no name
    assert [o.original for o in word_options("Dit is de brief. Wij bellen u indien nodig.", context)] == ["indien"]


def test_a_list_item_gets_no_rule_candidate_and_the_scorer_is_not_asked(context: GuardContext) -> None:
    captured = HAARLEMMERMEER.replace("dat", "Dat", 1).replace(";", ".")
    engine = FakeEngine([captured, captured])
    scorer = FakeScorer(default=5.0)
    result = run_task(engine, ModelJob(Task.B1, "p1", HAARLEMMERMEER, 0, len(HAARLEMMERMEER)), context, scorer=scorer)
    assert result.text is None and scorer.asked == []


def test_a_paragraph_that_no_split_brings_to_the_level_asked_is_not_scored(context: GuardContext) -> None:
    # a real 57-word sentence (Amsterdam pairs, tuning document 13): split, it stays above B1, so scoring it
    # would cost a second of the user's wait before the model starts writing, for candidates the level
    # guard refuses
    sentence = (
        "Het voorliggend Stedenbouwkundig Plan (SP) Woningen naast het Nelson Mandela Park is de uitwerking van het "
        "SP-concept dat is voorgelegd aan de commissies CIRK en TAC., en is tevens het resultaat van de uitkomsten "
        "participatie op 02-09- 2019 , waarin wordt geadviseerd om voor de verdere planuitwerking uit te gaan van700 "
        "woningen als maximaal aantal woningen."
    )
    assert split_options(sentence, context.speller.in_dictionary)  # there is a place to split
    scorer = FakeScorer(default=5.0)  # a judge that would take every split
    assert rule_candidates(scorer, sentence, context) == []
    assert scorer.asked == []
    # a 109-word paragraph of letter 016 (2.2 syllables a word) can reach B1 by the experts' word-length bound
    letter = (REPO / "tests" / "data" / "letters" / "texts" / "016_brief.txt").read_text(encoding="utf-8")
    paragraph = next(p for p in letter.split("\n") if p.startswith("De concept planning"))
    options = split_options(paragraph, context.speller.in_dictionary)
    assert can_reach_level(paragraph, options, context.max_sentence_words)
    # the Weesp sentence can reach it: it is scored (the tests above)
    assert can_reach_level(WEESP, split_options(WEESP, context.speller.in_dictionary), context.max_sentence_words)


def test_a_languagetool_suggestion_replaces_the_word_it_was_found_for(language_tools: LanguageTools) -> None:
    # Amsterdam pairs, tuning document 35: LanguageTool finds "te" of "te Amsterdam" (minder formeel: "in");
    # the first "te" in the sentence is inside "cliëntenraad", which became "cliëninnraad"
    sentence = (
        "De cliëntenraad kan een verzoek in het kader van het recht van enquête indienen bij het gerechtshof te "
        "Amsterdam."
    )
    full = language_tools.guard_context(load_settings(registry=dict))
    options = [(sentence[o.start : o.end], o.start, o.alternatives) for o in word_options(sentence, full)]
    assert options == [("te", sentence.index("te Amsterdam"), ("in",))]


def test_a_plainer_word_from_the_b1_list_goes_with_the_split(language_tools: LanguageTools) -> None:
    # Amsterdam pairs, tuning document 35; the expert wrote "Kandidaten krijgen tijdens de proeftijd toegang tot de
    # vergaderingen en de vergaderstukken. Maar ze hebben geen stemrecht."
    sentence = (
        "Kandidaten krijgen gedurende de proeftijd toegang tot de vergaderingen en de vergaderstukken maar hebben "
        "geen stemrecht."
    )
    full = language_tools.guard_context(load_settings(registry=dict))
    candidates = rule_candidates(FakeScorer(default=5.0), sentence, full)
    assert candidates[0] == (
        "Kandidaten krijgen tijdens de proeftijd toegang tot de vergaderingen en de vergaderstukken. Maar kandidaten "
        "hebben geen stemrecht."
    )
    assert check_output(Task.B1, sentence, candidates[0], full).ok
