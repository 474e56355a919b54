"""The B1 preview: per guard what was checked for an offered rewrite, per guard why nothing passed."""

from __future__ import annotations

import pytest

from desktop.core.findings import Category
from desktop.core.language.readability import LevelEstimate
from desktop.core.model.engine import Completion
from desktop.core.model.guards import GuardOutcome, Task, Verdict
from desktop.core.model.tasks import B1_RULE, ModelResult, word_diff
from desktop.ui.b1_preview import B1Preview

pytestmark = pytest.mark.ui

SOURCE = (
    "dat binnen de gemeente Haarlem-mermeer in het kader van de Vinex Locatie Hoofddorp en het project "
    "Hogesnelheidslijn-Zuid bouwactiviteiten worden gerealiseerd;"
)
COMPLETION = Completion("…", "…", 300, 50, 1.0, 7.0, "stop")


def _result(text: str | None, verdict: Verdict | None, refusals: tuple[Verdict, ...] = ()) -> ModelResult:
    findings = tuple(word_diff("p1", SOURCE, 0, SOURCE, text, category=Category.STYLE, rule=B1_RULE, message="B1",
                               group="model-b1:p1")) if text is not None else ()
    return ModelResult(
        task=Task.B1, paragraph="p1", start=0, end=len(SOURCE), original=SOURCE, text=text, refusals=refusals,
        findings=findings,
        completions=(COMPLETION,) * max(1, len(refusals)), verdict=verdict,
        level_before=LevelEstimate("C1+", ()), level_after=LevelEstimate("B1", ()),
    )


def test_an_offered_rewrite_lists_what_each_guard_checked(qtbot) -> None:
    preview = B1Preview()
    qtbot.addWidget(preview)
    verdict = Verdict((
        GuardOutcome("feiten", "Bedragen, datums, namen, termijnen, verwijzingen en beschermde termen zijn gelijk."),
        GuardOutcome("inhoud", "Alle 10 inhoudswoorden staan er nog."),
        GuardOutcome("grammatica", "Niet gecontroleerd: er is geen LanguageTool ingesteld.", ran=False),
    ))
    preview.finish(_result(SOURCE.replace("binnen", "in"), verdict))
    assert "grammatica niet gecontroleerd" in preview.heading.text()
    assert "feiten zijn behouden" not in preview.heading.text()  # a guard did not run
    status = preview.status.text()
    assert "<b>Feiten</b>" in status and "<b>Inhoud</b>" in status and "Alle 10 inhoudswoorden" in status
    assert "– <b>Grammatica</b>: Niet gecontroleerd" in status
    assert preview.accept_button.isEnabled()  # the rewrite's changes can be taken over
    preview.finish(_result(SOURCE, verdict))  # a "rewrite" that changed nothing has nothing to take over
    assert not preview.accept_button.isEnabled()


def test_a_refused_rewrite_says_per_guard_why_in_plain_words(qtbot) -> None:
    preview = B1Preview()
    qtbot.addWidget(preview)
    case = "De beginletter veranderde van ‘d’ naar ‘D’; dit hoort bij een opsomming."
    missing = "Deze woorden uit de oorspronkelijke tekst ontbreken: ‘bouwactiviteiten’."
    refusals = (
        Verdict((GuardOutcome("vorm", "…", (case,)),)),
        Verdict((GuardOutcome("inhoud", "…", (missing,)),)),
    )
    preview.finish(_result(None, None, refusals))
    assert preview.heading.text() == "Geen veilige herschrijving gevonden."
    status = preview.status.text()
    assert "2 versie(s)" in status
    assert "<b>Opbouw</b>: De beginletter veranderde" in status
    assert "<b>Inhoud</b>: Deze woorden" in status and "‘bouwactiviteiten’" in status
    assert not preview.accept_button.isEnabled()
