"""The model's tasks: B1 rewrite, correction and draft text, each guarded.

A task renders its versioned prompt, asks the engine (constrained to ``{"tekst": ...}``), and runs
the guards. A refused output is counted and dropped; the task may try again with other sampling
settings while its time budget lasts. What passes becomes minimal word-level findings (a diff),
so a small change shows as a small tracked change; the pieces of one rewrite share a group and
are accepted or rejected together.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.core.findings import Category, Finding, Source
from desktop.core.i18n import _
from desktop.core.language.confusion import ConfusionScorer
from desktop.core.language.readability import LevelEstimate, difficulty, measure_paragraph
from desktop.core.language.word_diff import opcodes
from desktop.core.model.candidates import ATTEMPTS, B1_ATTEMPTS, Attempt, EarlyStop
from desktop.core.model.engine import (
    Completion,
    Engine,
    EngineError,
    Request,
    TextCallback,
    UnusableAnswerError,
    scorer_for,
)
from desktop.core.model.examples import closest_examples, render_examples
from desktop.core.model.guards import GuardContext, Task, Verdict, check_output, summary
from desktop.core.model.guards.level import TARGET_LEVELS, rewrite_level
from desktop.core.model.guards.structure import LIST_ENDINGS, closing_punctuation
from desktop.core.model.jobs import ModelJob
from desktop.core.model.prompts import load_prompt
from desktop.core.model.rule_rewrites import rule_candidates

B1_RULE = "model-b1"  # the rule of a guarded B1 rewrite's findings
# A B1 candidate is not started after this many seconds: a sentence that gets no rewrite costs at most
# about this plus one given-up candidate (the target: 15 s).
B1_BUDGET_SECONDS = 6.0
# A B1 candidate still writing after this many seconds of its sentence is stopped (the target for a
# sentence that gets no rewrite is 15 s).
B1_LIMIT_SECONDS = 14.0
CORRECTION_BUDGET_SECONDS = 60.0


@dataclass(frozen=True)
class ModelResult:
    """The outcome of one task on one span of a paragraph."""

    task: Task
    paragraph: str
    start: int
    end: int
    original: str
    text: str | None  # the output that passed every guard, or None
    findings: tuple[Finding, ...] = ()
    refusals: tuple[Verdict, ...] = ()
    completions: tuple[Completion, ...] = ()
    prompt_version: int = 0
    level_before: LevelEstimate | None = None
    level_after: LevelEstimate | None = None
    errors: tuple[str, ...] = field(default=())
    verdict: Verdict | None = None  # the guards' verdict on ``text`` (what was checked)
    # Candidates the rules built and the model judged (rule_rewrites.py), in the order the guards saw them.
    rule_candidates: tuple[str, ...] = ()
    by_rules: bool = False  # ``text`` is one of them (not written by the model)

    @property
    def message(self) -> str:
        """What the user is told when nothing passed."""
        return _("Geen veilige herschrijving gevonden.") if self.text is None else ""


def word_diff(
    paragraph_id: str,
    paragraph_text: str,
    offset: int,
    original: str,
    rewritten: str,
    *,
    category: Category,
    rule: str,
    message: str,
    group: str,
) -> list[Finding]:
    """Minimal word-level findings that turn ``original`` (at ``offset``) into ``rewritten``."""
    old, new, codes = opcodes(original, rewritten)
    starts = [0]
    for token in old:
        starts.append(starts[-1] + len(token))
    findings: list[Finding] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal":
            continue
        start, end = offset + starts[i1], offset + starts[i2]
        findings.append(
            Finding(
                paragraph=paragraph_id,
                start=start,
                end=end,
                original=paragraph_text[start:end],
                category=category,
                rule=rule,
                source=Source.MODEL,
                message=message,
                suggestions=("".join(new[j1:j2]),),
                group=group,
            )
        )
    return findings


def _request(task: Task, values: dict[str, str], attempt: Attempt, max_tokens: int) -> tuple[Request, int]:
    name = attempt.prompt or task.value
    prompt = load_prompt(name)
    system, user = prompt.render(**values)
    # Drafts from the prompt pay off only when the output copies the input: a correction does, a rewrite
    # or a draft mostly does not (bench/bench_prompt_lookup.py: B1 rewrites ran at 0.9 times the speed
    # with them).
    request = Request(
        system=system,
        user=user,
        max_tokens=max_tokens,
        temperature=attempt.temperature,
        seed=attempt.seed,
        prompt_lookup=task is Task.CORRECTION,
    )
    return request, prompt.version


def _max_tokens(text: str, factor: float = 2.0, floor: int = 48) -> int:
    # Dutch runs at roughly 1.5–2 tokens a word for these models; JSON adds a few.
    return max(floor, int(len(text.split()) * 2.2 * factor) + 16)


def run_task(
    engine: Engine,
    job: ModelJob,
    context: GuardContext,
    *,
    cancel: threading.Event | None = None,
    on_text: TextCallback | None = None,
    budget_seconds: float | None = None,
    attempts: Sequence[Attempt] | None = None,
    stop_at: float | None = None,
    scorer: ConfusionScorer | None = None,
) -> ModelResult:
    """Do ``job`` (a B1 rewrite or a correction of ``job.original``) with ``engine``, guarded.

    A correction tries ``attempts`` in order until one passes the guards. A B1 rewrite first tries the
    splits and plainer words the rules build and the model judges (rule_rewrites.py; ``scorer``, by
    default the engine's own log-probability scorer): they cost a fraction of a second, and when one
    passes every guard it is offered without asking the model to write. Otherwise it tries the model's
    candidates (a rewrite with the closest expert examples, greedy, then sampled) until one reaches B1,
    giving up a candidate early when it copies its input or loses its form (a greedy one that does so
    rules out the sampled ones of its prompt), and offers the easiest candidate
    that passed. No candidate starts after the budget is spent or when ``cancel`` is set; at ``stop_at``
    (a ``time.monotonic()``) the candidate being written is stopped too. This is the one way the app and
    the CLI run the model on a document's text.
    """
    task = job.task
    if task not in (Task.B1, Task.CORRECTION):
        raise ValueError(f"run_task handles B1 and corrections, not {task}")
    original = job.original
    if task is Task.B1:
        values = {"text": original}
        examples = render_examples(closest_examples(original))
        tries = B1_ATTEMPTS if attempts is None else attempts
        budget = B1_BUDGET_SECONDS if budget_seconds is None else budget_seconds
    else:
        values = {"text": original, "problems": job.problems or "-"}
        examples = ""
        tries = ATTEMPTS if attempts is None else attempts
        budget = CORRECTION_BUDGET_SECONDS if budget_seconds is None else budget_seconds
    completions: list[Completion] = []
    refusals: list[Verdict] = []
    errors: list[str] = []
    passed: list[tuple[float, str, Verdict, int]] = []  # (difficulty, output, verdict, prompt version)
    version = 0
    deadline = time.monotonic() + budget
    limit = time.monotonic() + max(budget, B1_LIMIT_SECONDS)
    if stop_at is not None:  # the caller's time is up then (the analysis's budget for the model), whatever runs
        deadline, limit = min(deadline, stop_at), min(limit, stop_at)
    built: list[str] = []
    in_time = stop_at is None or time.monotonic() < stop_at
    if task is Task.B1 and closing_punctuation(original) not in LIST_ENDINGS and in_time:
        judge = scorer if scorer is not None else scorer_for(engine)
        if judge is not None:
            built = rule_candidates(judge, original, context, cancel)
        for candidate in built:
            verdict = check_output(task, original, candidate, context)
            if not verdict.ok:
                refusals.append(verdict)
                continue
            counts = measure_paragraph(job.paragraph, candidate).counts
            passed.append((difficulty(counts, context.max_sentence_words), candidate, verdict, 0))
    by_rules = bool(passed)
    copying: set[str] = set()  # prompts whose greedy candidate copied its input or lost its form
    for attempt in tries if not by_rules else ():
        if (cancel is not None and cancel.is_set()) or (completions and time.monotonic() > deadline):
            break
        if stop_at is not None and time.monotonic() >= stop_at:
            break
        name = attempt.prompt or task.value
        if name in copying:
            continue  # sampling the same prompt copied too (candidates.py)
        prompt_values = {**values, "examples": examples} if name == "b1" else values
        request, version = _request(task, prompt_values, attempt, _max_tokens(original))
        rewrite = task is Task.B1
        watch = EarlyStop(original, cancel, on_text, limit if rewrite else stop_at, context, rewrite=rewrite)
        try:
            completion = engine.complete(request, watch.stop, watch)
        except EngineError as exc:
            errors.append(str(exc))
            continue
        completions.append(completion)
        if completion.finish == "cancelled":
            if watch.user_cancelled:
                break
            if watch.copied_or_lost_form and attempt.temperature == 0.0:
                copying.add(name)
            refusals.append(watch.verdict())
            continue
        verdict = check_output(task, original, completion.text, context)
        if not verdict.ok:
            refusals.append(verdict)
            continue
        counts = measure_paragraph(job.paragraph, completion.text).counts
        passed.append((difficulty(counts, context.max_sentence_words), completion.text, verdict, version))
        if task is not Task.B1 or rewrite_level(counts, context.max_sentence_words).level in TARGET_LEVELS:
            break
    if passed:
        _score, output, verdict, version = min(passed, key=lambda item: item[0])
        return _accepted(
            job,
            output,
            context,
            completions=tuple(completions),
            refusals=tuple(refusals),
            prompt_version=version,
            verdict=verdict,
            rule_candidates=tuple(built),
            by_rules=by_rules,
        )
    return ModelResult(
        task=task,
        paragraph=job.paragraph,
        start=job.start,
        end=job.end,
        original=original,
        text=None,
        refusals=tuple(refusals),
        completions=tuple(completions),
        prompt_version=version,
        errors=tuple(errors),
        rule_candidates=tuple(built),
    )


def _accepted(
    job: ModelJob,
    output: str,
    context: GuardContext,
    *,
    completions: tuple[Completion, ...],
    refusals: tuple[Verdict, ...],
    prompt_version: int,
    verdict: Verdict,
    rule_candidates: tuple[str, ...] = (),
    by_rules: bool = False,
) -> ModelResult:
    """The result for ``output``, which passed every guard: word-level findings and the levels before and after."""
    original = job.original
    counts_before = measure_paragraph(job.paragraph, original).counts
    counts_after = measure_paragraph(job.paragraph, output).counts
    before = rewrite_level(counts_before, context.max_sentence_words)
    after = rewrite_level(counts_after, context.max_sentence_words)
    if job.task is Task.B1:
        category, rule = Category.STYLE, B1_RULE
        if not by_rules:
            made = _("Eenvoudiger geschreven (B1) door het lokale taalmodel.")
        elif counts_after.sentences > counts_before.sentences:
            made = _("Eenvoudiger geschreven (B1) volgens vaste regels (zinnen gesplitst, eenvoudiger woorden); het "
                     "lokale taalmodel koos de zinsbouw.")
        else:
            made = _("Eenvoudiger geschreven (B1) volgens vaste regels (eenvoudiger woorden uit de B1-woordenlijst of "
                     "van LanguageTool); het lokale taalmodel koos de woorden.")
        message = made + " " + summary(verdict, job.task, before, after)
    else:
        category, rule = Category.GRAMMAR, "model-correctie"
        message = _("Taalfout verbeterd door het lokale taalmodel.") + " " + summary(verdict, job.task)
    group = f"{rule}:{job.paragraph}:{job.start}:{job.end}"
    findings = word_diff(
        job.paragraph,
        job.text,
        job.start,
        original,
        output,
        category=category,
        rule=rule,
        message=message,
        group=group,
    )
    return ModelResult(
        task=job.task,
        paragraph=job.paragraph,
        start=job.start,
        end=job.end,
        original=original,
        text=output,
        findings=tuple(findings),
        refusals=refusals,
        completions=completions,
        prompt_version=prompt_version,
        level_before=before,
        level_after=after,
        verdict=verdict,
        rule_candidates=rule_candidates,
        by_rules=by_rules,
    )


def draft_text(
    engine: Engine,
    slot: str,
    instruction: str,
    fields: dict[str, str],
    paragraphs: Sequence[str],
    context: GuardContext,
    *,
    cancel: threading.Event | None = None,
    on_text: TextCallback | None = None,
    attempts: Sequence[Attempt] = ATTEMPTS,
) -> tuple[str | None, list[Verdict], list[Completion]]:
    """Text for a template's free-text ``slot``, grounded in the user's material, or None if refused.

    Every fact in the output must come from ``fields``, ``instruction`` or ``paragraphs``. A model that fails
    raises its EngineError (a refusal would hide the failure from the user); an answer in the wrong form is
    tried again, like a refused one.
    """
    field_lines = "\n".join(f"- {name}: {value}" for name, value in fields.items() if value)
    material = [instruction, *fields.values(), *paragraphs]
    grounded = GuardContext(
        context.speller, context.protected_terms, context.max_sentence_words, tuple(material)
    )
    refusals: list[Verdict] = []
    completions: list[Completion] = []
    for attempt in attempts:
        if cancel is not None and cancel.is_set():
            break
        request, _version = _request(
            Task.DRAFT,
            {
                "slot": slot,
                "instruction": instruction,
                "fields": field_lines or "-",
                "paragraphs": "\n".join(paragraphs) or "-",
            },
            attempt,
            max_tokens=320,
        )
        try:
            completion = engine.complete(request, cancel, on_text)
        except UnusableAnswerError:
            continue  # an answer in the wrong form: the next attempt may do better (a failing model raises)
        completions.append(completion)
        if completion.finish != "stop":
            continue
        verdict = check_output(Task.DRAFT, "", completion.text, grounded)
        if verdict.ok:
            return completion.text, refusals, completions
        refusals.append(verdict)
    return None, refusals, completions
