"""All guards on one model output, and what the verdict may truthfully say.

Which guards run depends on the task:

- B1 rewrite: facts, content, language, grammar, structure, level (and purpose: easier, not longer);
- correction: facts, content (only the spelling changes), language, grammar, purpose (close to the input,
  and changed);
- draft: facts (no fact that is not in the material) and language.

Any reason from any guard refuses the output. :func:`summary` says what was checked; it says "alle
feiten zijn behouden" only when every guard ran and passed.
"""

from __future__ import annotations

from desktop.core.i18n import _
from desktop.core.language.grammar import GrammarUnavailableError
from desktop.core.language.readability import LevelEstimate
from desktop.core.model.guards.content import content_guard, content_recall, correction_guard
from desktop.core.model.guards.facts import fact_guard
from desktop.core.model.guards.grammar import grammar_guard
from desktop.core.model.guards.language import language_guard
from desktop.core.model.guards.level import level_change, level_guard, levels, purpose_guard
from desktop.core.model.guards.structure import describe_form, structure_guard
from desktop.core.model.guards.verdict import GuardContext, GuardOutcome, RuleMatch, Task, Verdict


def _facts(task: Task, source: str, output: str, context: GuardContext) -> GuardOutcome:
    is_word = context.speller.in_dictionary  # a word at a sentence start is a name unless the dictionary has it
    if task is Task.DRAFT:
        reasons = fact_guard(
            source, output, context.protected_terms, require_all=False, allowed=context.sources, is_word=is_word
        )
        checked = _("Elk bedrag, elke datum, naam, termijn en verwijzing komt uit uw gegevens.")
    else:
        reasons = fact_guard(source, output, context.protected_terms, is_word=is_word)
        checked = _("Bedragen, datums, namen, termijnen, verwijzingen en beschermde termen zijn gelijk.")
    return GuardOutcome("feiten", checked, tuple(reasons))


def style_alternatives(source: str, context: GuardContext) -> tuple[RuleMatch, ...]:
    """LanguageTool's officialese findings in ``source`` with their suggestions: a list of alternatives the
    content guard accepts next to the B1 list (none when LanguageTool is not available)."""
    if context.grammar is None:
        return ()
    try:
        return tuple(m for m in context.grammar(source) if m.style and m.suggestions)
    except GrammarUnavailableError:
        return ()


def check_output(task: Task, source: str, output: str, context: GuardContext) -> Verdict:
    """Run the guards for ``task`` on ``output`` (the model's answer to ``source``)."""
    outcomes = [
        _facts(task, source, output, context),
        GuardOutcome(
            "taal",
            _("Nederlands, zonder opmaakcode, toelichting of nieuwe spelfouten."),
            tuple(language_guard(source, output, context.speller)),
        ),
    ]
    if task is Task.B1:
        style = style_alternatives(source, context)
        kept, total = content_recall(source, output, context.alternatives, style)
        outcomes.append(
            GuardOutcome(
                "inhoud",
                _(
                    "Alle {total} inhoudswoorden staan er nog (of een alternatief uit de B1-woordenlijst of "
                    "LanguageTool); vaste uitdrukkingen, ontkenningen en hulpwerkwoorden als ‘moet’ en ‘kan’ "
                    "zijn gelijk."
                ).format(total=total, kept=kept),
                tuple(content_guard(source, output, context.alternatives, style)),
            )
        )
    if task is Task.CORRECTION:
        outcomes.append(
            GuardOutcome(
                "inhoud",
                _("Alleen de spelling is veranderd: dezelfde woorden, ontkenningen en hulpwerkwoorden."),
                tuple(correction_guard(source, output)),
            )
        )
    if task in (Task.B1, Task.CORRECTION):
        outcomes.append(grammar_guard(source, output, context.grammar))
    if task is Task.B1:
        outcomes.append(
            GuardOutcome(
                "vorm",
                _("Opbouw gelijk ({form}); geen zin van het model zelf.").format(form=describe_form(source)),
                tuple(structure_guard(source, output, context.alternatives, style)),
            )
        )
        before, after = levels(source, output, context.max_sentence_words)
        reasons = level_guard(source, output, context.max_sentence_words)
        reasons += purpose_guard(source, output, task, context.max_sentence_words)
        outcomes.append(
            GuardOutcome(
                "niveau",
                _("Taalniveau {change}, eenvoudiger en niet veel langer.").format(change=level_change(before, after)),
                tuple(reasons),
            )
        )
    elif task is Task.CORRECTION:
        outcomes.append(
            GuardOutcome(
                "doel",
                _("Dicht bij de oorspronkelijke zin, met een verbetering."),
                tuple(purpose_guard(source, output, task, context.max_sentence_words)),
            )
        )
    return Verdict(tuple(outcomes))


def summary(
    verdict: Verdict, task: Task, level_before: LevelEstimate | None = None, level_after: LevelEstimate | None = None
) -> str:
    """What was checked, in one Dutch sentence for a person (and for the comment in the saved file).

    The levels are the level guard's (:func:`desktop.core.model.guards.level.levels`), with how they were
    measured. "Alle feiten zijn behouden" is said only when every guard ran and passed.
    """
    if not verdict.ok:
        return _("Geen veilige herschrijving gevonden.")
    parts: list[str] = []
    if task is Task.B1:
        parts.append(_("bedragen, datums, namen, termijnen, verwijzingen en inhoudswoorden zijn gelijk"))
    else:
        parts.append(_("bedragen, datums, namen, termijnen, verwijzingen en de woorden zelf zijn gelijk"))
    grammar = verdict.outcome("grammatica")
    if grammar is not None:
        parts.append(_("geen nieuwe taalfouten") if grammar.ran else _("grammatica niet gecontroleerd"))
    if verdict.outcome("vorm") is not None:
        parts.append(_("opbouw gelijk"))
    if level_before is not None and level_after is not None:
        parts.append(_("taalniveau {change}").format(change=level_change(level_before, level_after)))
    text = _("Gecontroleerd: {checks}.").format(checks="; ".join(parts))
    if verdict.complete:
        text += " " + _("Alle feiten zijn behouden.")
    return text
