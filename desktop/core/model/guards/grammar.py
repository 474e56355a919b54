"""The grammar guard: a rewrite may not have a LanguageTool finding that its input did not have.

"Het gemeenteraad … willen" (a wrong article, a plural verb with a singular subject) in a rewrite of a
correct sentence is refused. Findings are compared per rule: the output may have as many findings of
a rule as the input had (a kept officialese word stays flagged), never more.
"""

from __future__ import annotations

from collections import Counter

from desktop.core.i18n import _
from desktop.core.language.grammar import GrammarUnavailableError
from desktop.core.model.guards.verdict import GrammarMatches, GuardOutcome


def grammar_guard(source: str, output: str, grammar: GrammarMatches | None) -> GuardOutcome:
    """The grammar guard's outcome; it does not run (and says so) without a LanguageTool."""
    if grammar is None:
        return GuardOutcome("grammatica", _("Niet gecontroleerd: er is geen LanguageTool ingesteld."), ran=False)
    try:
        before, after = grammar(source), grammar(output)
    except GrammarUnavailableError as exc:
        return GuardOutcome("grammatica", _("Niet gecontroleerd: {reason}").format(reason=exc), ran=False)
    allowed = Counter(match.rule for match in before)
    reasons = []
    for match in after:
        if allowed[match.rule] > 0:
            allowed[match.rule] -= 1
            continue
        reasons.append(
            _("Nieuwe taalfout: ‘{text}’ — {message}").format(text=match.text, message=match.message.rstrip("."))
        )
    return GuardOutcome("grammatica", _("Geen nieuwe taalfouten volgens LanguageTool."), tuple(reasons))
