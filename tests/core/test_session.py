"""Review-session rules the UI only triggers: accept every finding of a rule, add a word to the word list;
both one undoable step. Findings come from the real checks (OpenTaal, the B1 word list)."""

from __future__ import annotations

import pytest

from desktop.core.analysis import LanguageTools
from desktop.core.findings import Category, Finding
from desktop.core.language.wordlists import WordListError
from desktop.core.policy.settings import load_settings
from desktop.core.session import Decision, ReviewSession

pytestmark = pytest.mark.core

TEXT = (
    "Inzake uw aanvraag en inzake de kosten van de wozopas schrijven wij u. "
    "De gemeente neemt een besluit over de wozopas inzake het adminitratieve deel."
)


@pytest.fixture
def tools() -> LanguageTools:
    return LanguageTools.from_settings(load_settings(registry=dict))


def _session(tools: LanguageTools) -> ReviewSession:
    session = ReviewSession("/tmp/brief.docx", "ab" * 32)
    findings: list[Finding] = []
    for checker in (tools.spelling, tools.b1_words):
        findings.extend(checker.check("p1", TEXT))
    session.replace_paragraph("p1", findings)
    return session


def _of(session: ReviewSession, original: str) -> list[Finding]:
    return [f for f in session.findings.values() if f.original.lower() == original.lower()]


def test_accept_rule_accepts_every_open_finding_of_the_rule_as_one_step(tools: LanguageTools) -> None:
    session = _session(tools)
    inzake = _of(session, "inzake")
    assert len(inzake) == 3 and len({f.rule for f in inzake}) == 1 and all(f.suggestions for f in inzake)
    first = inzake[0]
    session.decide([first.id], Decision.REJECTED)
    accepted = session.accept_rule(first.rule)
    assert sorted(accepted) == sorted(f.id for f in inzake[1:])  # the rejected one keeps its decision
    assert session.decision(first.id) == (Decision.REJECTED, 0)
    session.undo()
    assert all(session.decision(f.id) is None for f in inzake[1:]) and session.decision(first.id) is not None
    session.redo()
    assert all(session.decision(f.id) == (Decision.ACCEPTED, 0) for f in inzake[1:])


def test_accept_rule_leaves_overlaps_and_rewrites_open(tools: LanguageTools) -> None:
    session = _session(tools)
    inzake = _of(session, "inzake")
    start = inzake[1].start
    overlapping = Finding("p1", start, start + 6, TEXT[start:start + 6], Category.STYLE, "andere-regel",
                          inzake[1].source, "test", ("over",))
    at = TEXT.index("neemt")
    rewrite = Finding("p1", at, at + 5, "neemt", Category.STYLE, inzake[2].rule, inzake[2].source, "herschrijving",
                      ("maakt",), group="model-b1:p1:0:10")
    session.add([overlapping, rewrite])
    session.decide([overlapping.id], Decision.ACCEPTED)
    accepted = session.accept_rule(inzake[0].rule)
    assert sorted(accepted) == sorted([inzake[0].id, inzake[2].id])
    assert session.decision(rewrite.id) is None and session.decision(inzake[1].id) is None
    assert session.accept_rule("geen-regel") == []


def test_add_word_hides_the_words_spelling_findings_and_undo_takes_it_back(tools: LanguageTools) -> None:
    session = _session(tools)
    personal = tools.word_lists.personal
    names = _of(session, "wozopas")
    assert len(names) == 2 and all(f.category is Category.SPELLING for f in names)
    typo = _of(session, "adminitratieve")
    gone = session.add_word(names[0].id, personal)
    assert sorted(gone) == sorted(f.id for f in names)
    assert "wozopas" in personal and personal.path.read_text(encoding="utf-8").count("wozopas") == 1
    assert not _of(session, "wozopas") and _of(session, "adminitratieve") == typo
    assert session.can_undo()
    session.undo()
    assert "wozopas" not in personal and "wozopas" not in personal.path.read_text(encoding="utf-8")
    assert sorted(f.id for f in _of(session, "wozopas")) == sorted(f.id for f in names)
    session.redo()
    assert "wozopas" in personal and not _of(session, "wozopas")


def test_undo_keeps_a_word_that_was_on_the_list_before(tools: LanguageTools) -> None:
    session = _session(tools)
    personal = tools.word_lists.personal
    names = _of(session, "wozopas")
    personal.add("wozopas")
    session.add_word(names[0].id, personal)
    session.undo()
    assert "wozopas" in personal and _of(session, "wozopas")


def test_a_word_the_list_refuses_changes_nothing(tools: LanguageTools) -> None:
    session = _session(tools)
    at = TEXT.index("uw aanvraag")
    bad = Finding("p1", at, at + 11, "uw aanvraag", Category.SPELLING, "spelling",
                  _of(session, "wozopas")[0].source, "test", ())
    session.add([bad])
    before = dict(session.findings)
    with pytest.raises(WordListError):
        session.add_word(bad.id, tools.word_lists.personal)
    assert session.findings == before and not session.can_undo()


def _findings_of(tools: LanguageTools) -> list[Finding]:
    return [f for checker in (tools.spelling, tools.b1_words) for f in checker.check("p1", TEXT)]


def test_a_later_stage_of_the_analysis_does_not_bring_back_the_findings_of_an_added_word(tools) -> None:
    # The grammar stage re-sends the paragraph's findings as they were before the user added the word.
    session = _session(tools)
    names = _of(session, "wozopas")
    stale = _findings_of(tools)  # worked out before the word was added
    session.add_word(names[0].id, tools.word_lists.personal)
    session.replace_paragraph("p1", stale)
    assert not _of(session, "wozopas") and _of(session, "inzake")
    session.undo()  # the word is off the list again: its findings are back, and a later stage keeps them
    session.replace_paragraph("p1", stale)
    assert sorted(f.id for f in _of(session, "wozopas")) == sorted(f.id for f in names)


def test_the_review_of_the_chosen_document_kind_survives_a_later_stage_of_the_analysis(tools) -> None:
    session = _session(tools)
    source = _of(session, "inzake")[0].source
    letter = Finding("p1", 0, 6, "Inzake", Category.DECISION, "BRIEF:aanhef-slot", source, "geen aanhef")
    decision = Finding("p1", 7, 9, "uw", Category.DECISION, "AWB:bezwaarclausule", source, "geen clausule")
    session.replace_paragraph("p1", [*_findings_of(tools), letter])
    session.set_review_findings([decision])  # the user says: this is a decision
    session.replace_paragraph("p1", [*_findings_of(tools), letter])  # a stage that began as a letter
    assert letter.id not in session.findings and decision.id in session.findings
    assert _of(session, "inzake")  # the paragraph's own findings are replaced as before
    session.set_review_findings([letter])  # and back again
    assert letter.id in session.findings and decision.id not in session.findings


def test_accept_rule_leaves_doubtful_findings_to_be_judged_one_by_one(tools: LanguageTools) -> None:
    session = _session(tools)
    sure = _of(session, "inzake")[0]
    at = TEXT.index("neemt")
    doubtful = Finding("p1", at, at + 5, "neemt", Category.GRAMMAR, sure.rule, sure.source, "twijfel",
                       ("nemen",), confidence=0.4)
    session.add([doubtful])
    accepted = session.accept_rule(sure.rule)
    assert sure.id in accepted and doubtful.id not in accepted and session.decision(doubtful.id) is None


def test_a_new_analysis_makes_the_document_review_again(tools) -> None:
    # The settings changed (a check switched off or on): the analysis runs again on the same session.
    session = _session(tools)
    source = _of(session, "inzake")[0].source
    letter = Finding("p1", 0, 6, "Inzake", Category.DECISION, "BRIEF:aanhef-slot", source, "geen aanhef")
    session.replace_paragraph("p1", [*_findings_of(tools), letter])
    session.set_review_findings([])  # the user's "not a letter" took it away
    session.reset_review_findings()  # a new analysis, for the kind as chosen, is the authority again
    session.replace_paragraph("p1", [*_findings_of(tools), letter])
    assert letter.id in session.findings
    session.reset_review_findings()
    session.replace_paragraph("p1", _findings_of(tools))  # the decision check is switched off now
    assert letter.id not in session.findings
