"""Which word of a sentence can be its finite verb, read in its place (language/finite_verbs.py)."""

from __future__ import annotations

import pytest

from desktop.core.language.finite_verbs import has_finite_verb

pytestmark = pytest.mark.core


@pytest.mark.parametrize(
    "sentence",
    ["Ik heb een vraag over de aanvraag.", "Ik ben op 3 mei verhuisd.", "Ik vind de brief duidelijk.",
     "Morgen heb ik tijd.", "Print het formulier.", "De gemeente heeft uw aanvraag ontvangen."],
)
def test_a_sentence_with_a_finite_verb_has_one(sentence: str) -> None:
    assert has_finite_verb(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["Een om te versturen naar de burger.", "Het realiseren van de plannen."],
)
def test_a_piece_without_a_finite_verb_has_none(sentence: str) -> None:
    assert not has_finite_verb(sentence)
