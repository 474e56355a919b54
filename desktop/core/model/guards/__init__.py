"""Guards: what a model output must pass before anyone sees it, and what the verdict may say.

Public API: :func:`check_output` runs the guards for a :class:`Task` and returns a :class:`Verdict`
(per guard what was checked and why it refused); :func:`summary` words it truthfully. The guards,
one module each: ``facts`` (amounts, dates, names, terms, references), ``content`` (every content word,
fixed expressions, negations, modal verbs), ``language`` (Dutch, no markup or commentary, no new
spelling errors), ``grammar`` (no new LanguageTool finding), ``structure`` (list items, paragraph
markers, no sentences of the model's own), ``level`` (B1 or a level easier; purpose).
"""

from desktop.core.model.guards.check import check_output, summary
from desktop.core.model.guards.verdict import (
    GrammarMatches,
    GuardContext,
    GuardOutcome,
    RuleMatch,
    Speller,
    Task,
    Verdict,
    guard_label,
)

__all__ = [
    "GrammarMatches",
    "GuardContext",
    "GuardOutcome",
    "RuleMatch",
    "Speller",
    "Task",
    "Verdict",
    "check_output",
    "guard_label",
    "summary",
]
