"""The one long-work API: ``run_analysis(document, settings, cancel)`` yields progress and findings.

Cheap checks run first, paragraph by paragraph (spelling, the B1 word list, sentence length), then
the document review (Awb checklist, letter checks), then LanguageTool's grammar and style rules,
then, when an engine is given, the confusion stage (the model judges words with a confusable twin:
d/t, de/het, ei/ij; language/confusion.py), then, unless ``rewrites`` is off, the model's guarded
B1 rewrites of long sentences and corrections of flagged sentences the rules could not fix. Every
stage yields :class:`ParagraphFindings` that *replace* the earlier findings of that paragraph, so
the UI can show results as they come.
Cancelling (setting ``cancel``) stops between paragraphs, and between tokens in the model stage.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from desktop.core import paths
from desktop.core.document.reader import Document, Paragraph
from desktop.core.findings import Category, Checker, Edit, Finding, merge_findings
from desktop.core.i18n import _
from desktop.core.language.awb import Kind, Review, review_document, review_findings
from desktop.core.language.confusion import WORDS_PER_PAGE, ConfusionChecker, ConfusionPairs
from desktop.core.language.fixes import FixCheck, verify_fixes
from desktop.core.language.genders import RULE as ARTICLE_RULE
from desktop.core.language.genders import ArticleChecker, NounGenders
from desktop.core.language.grammar import GrammarChecker, GrammarUnavailableError, select_backend
from desktop.core.language.names import document_names
from desktop.core.language.readability import (
    LevelEstimate,
    ReadabilityChecker,
    difficulty,
    measure_document,
    measure_paragraph,
)
from desktop.core.language.sentences import split_sentences
from desktop.core.language.spelling import NAME_RULE, SpellChecker, default_dictionary_dir
from desktop.core.language.wordlists import B1WordChecker, WordLists
from desktop.core.policy.settings import Settings

if TYPE_CHECKING:  # llama.cpp and the model's guards load when they are first used, after the first findings
    from desktop.core.document.markup import Preview
    from desktop.core.model.engine import Engine
    from desktop.core.model.guards import GuardContext, RuleMatch
    from desktop.core.model.jobs import ModelJob
    from desktop.core.model.tasks import ModelResult

LANGUAGETOOL_CACHE = "languagetool"
# A lexicon finding on an article that the model strongly doubts is shown as doubtful.
DOUBTED_CONFIDENCE = 0.5
# The model's rewrites and corrections get this many seconds a page (of WORDS_PER_PAGE words): with the rule checks
# and the confusion stage's own budget a 2-page letter is reviewed within a minute on a two-core laptop (issue 19;
# bench/bench_end_to_end.py). A 1.5B model writes a few tokens a second there, so not every sentence gets its turn.
MODEL_SECONDS_PER_PAGE = 20.0
GRAMMAR_THREADS = 4
WARM_UP_TEXT = "Alvorens u het formulier indient, dient u de dagtekening te vermelden op pagina 2."
# A level for a heading or an address line says nothing: paragraphs shorter than this get none.
LEVEL_MIN_WORDS = 8


@dataclass(frozen=True)
class Progress:
    """How far a stage is: ``done`` of ``total`` paragraphs (Dutch stage label)."""

    stage: str
    done: int
    total: int


@dataclass(frozen=True)
class ParagraphFindings:
    """All findings of one paragraph so far; replaces any earlier ParagraphFindings of it."""

    paragraph: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class LevelReport:
    """The estimated level of one paragraph (``paragraph`` set) or of the whole document (None)."""

    paragraph: str | None
    estimate: LevelEstimate
    words: int


@dataclass(frozen=True)
class ReviewReport:
    """The document review: decision or letter, and the checklist."""

    review: Review


@dataclass(frozen=True)
class Notice:
    """Something the user should know about the analysis itself (a check unavailable, a model refusal)."""

    message: str


@dataclass(frozen=True)
class ModelReport:
    """One model task's outcome (also when nothing passed the guards, for counting refusals)."""

    result: ModelResult


AnalysisItem = Progress | ParagraphFindings | LevelReport | ReviewReport | Notice | ModelReport


@dataclass
class LanguageTools:
    """The language checkers, built once from the settings and reused across analyses."""

    word_lists: WordLists
    spelling: SpellChecker
    b1_words: B1WordChecker
    readability: ReadabilityChecker
    grammar: GrammarChecker
    protected_terms: tuple[str, ...] = field(default=())
    confusion: ConfusionChecker | None = None
    articles: ArticleChecker | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> LanguageTools:
        """Load word lists and the dictionary; the grammar engine loads on first use (see ``grammar.load``)."""
        lists = WordLists.load_default()
        server = settings.grammar.server or None
        spelling = SpellChecker(default_dictionary_dir(), lists.organisation, lists.personal, lists.protected)
        genders = NounGenders.load(analyse=spelling.analyses, is_word=spelling.in_dictionary)

        def backend():  # noqa: ANN202 - a GrammarBackend
            return select_backend(settings.grammar.backend, paths.user_cache_dir() / LANGUAGETOOL_CACHE,
                                  server_url=server)

        return cls(
            word_lists=lists,
            spelling=spelling,
            b1_words=B1WordChecker(lists.b1),
            readability=ReadabilityChecker(settings.checks.b1_sentence_length),
            grammar=GrammarChecker(backend, lists.protected),
            protected_terms=lists.protected.terms,
            confusion=ConfusionChecker(spelling.in_dictionary, ConfusionPairs.load(), genders),
            articles=ArticleChecker(genders),
        )

    def warm_up(self) -> None:
        """Run the cheap checks once, so the first real paragraph does not pay for loading word
        frequencies, hyphenation patterns and sentence rules."""
        for checker in (self.spelling, self.b1_words, self.readability):
            list(checker.check("warm-up", WARM_UP_TEXT))
        measure_document([("warm-up", WARM_UP_TEXT)])

    def guard_context(self, settings: Settings) -> GuardContext:
        """What the model guards need: spelling, LanguageTool (loaded on first use), the B1 list."""
        from desktop.core.model.guards import GuardContext

        return GuardContext(
            self.spelling,
            self.protected_terms,
            settings.checks.b1_sentence_length,
            grammar=self.grammar_matches,
            alternatives=self.b1_words.words,
        )

    def fix_check(self) -> FixCheck:
        """What a one-click fix is checked with: LanguageTool's rules and the spelling check, on the sentence."""
        return FixCheck(
            grammar=lambda text: [
                (f.rule, f.original) for f in self.grammar.check("fix", text) if f.category is not Category.STYLE
            ],
            misspelt=self.spelling.misspelt,
        )

    def grammar_matches(self, text: str) -> list[RuleMatch]:
        """LanguageTool's findings in ``text``, for the grammar guard (and its officialese alternatives)."""
        from desktop.core.model.guards import RuleMatch

        return [
            RuleMatch(f.rule, f.original, f.message, f.suggestions, f.category is Category.STYLE)
            for f in self.grammar.check("guard", text)
        ]


def _writable(paragraph: Paragraph, finding: Finding) -> Finding:
    """The finding, or, where the text cannot be changed, the finding without suggestions and with the reason."""
    if not finding.suggestions:
        return finding
    reason = paragraph.lock_reason(finding.start, finding.end)
    if reason is None:
        return finding
    return replace(finding, suggestions=(), message=f"{finding.message} ({reason})")


def _enabled(settings: Settings, finding: Finding) -> bool:
    checks = settings.checks
    return {
        Category.SPELLING: checks.spelling,
        Category.GRAMMAR: checks.grammar,
        Category.STYLE: checks.style,
        Category.READABILITY: checks.readability,
        Category.DECISION: checks.decision,
    }[finding.category]


def _paragraph_result(paragraph: Paragraph, findings: Iterable[Finding], settings: Settings) -> ParagraphFindings:
    kept = [_writable(paragraph, f) for f in findings if _enabled(settings, f)]
    return ParagraphFindings(paragraph.id, tuple(merge_findings(kept, {paragraph.id: paragraph.text})))


def run_analysis(
    document: Document,
    settings: Settings,
    cancel: threading.Event,
    tools: LanguageTools | None = None,
    engine: Engine | None = None,
    rewrites: bool = True,
    kind: Kind | None = None,
) -> Iterator[AnalysisItem]:
    """Analyse ``document``; see the module docstring for the order and what is yielded.

    ``rewrites`` False leaves out the model's rewrites and corrections (the confusion stage still runs).
    ``kind`` is the user's choice of decision or letter for the document review, when made.
    """
    tools = tools or LanguageTools.from_settings(settings)
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    found: dict[str, list[Finding]] = {p.id: [] for p in paragraphs}
    total = len(paragraphs)

    stage = _("Spelling en woordkeus")
    names = document_names([p.text for p in paragraphs])
    for done, paragraph in enumerate(paragraphs, 1):
        if cancel.is_set():
            return
        found[paragraph.id].extend(tools.spelling.check(paragraph.id, paragraph.text, names))
        checks: list[Checker] = [tools.b1_words, tools.readability]
        if tools.articles is not None:
            checks.append(tools.articles)
        for checker in checks:
            found[paragraph.id].extend(checker.check(paragraph.id, paragraph.text))
        yield _paragraph_result(paragraph, found[paragraph.id], settings)
        yield Progress(stage, done, total)

    yield from level_reports((p.id, p.text) for p in paragraphs)

    by_id = {p.id: p for p in paragraphs}
    if settings.checks.decision:
        review = review_document([(p.id, p.text) for p in paragraphs], kind)
        yield ReviewReport(review)
        touched: set[str] = set()
        for finding in review_findings(review, {p.id: p.text for p in paragraphs}):
            found[finding.paragraph].append(finding)
            touched.add(finding.paragraph)
        for paragraph_id in sorted(touched, key=list(by_id).index):
            yield _paragraph_result(by_id[paragraph_id], found[paragraph_id], settings)

    if cancel.is_set():
        return
    if settings.checks.grammar or settings.checks.style:
        yield from _grammar_stage(paragraphs, found, settings, tools, cancel)
    if engine is not None and settings.model.enabled and not cancel.is_set():
        if settings.checks.spelling or settings.checks.grammar:
            yield from confusion_stage(engine, paragraphs, found, settings, tools, cancel)
        if rewrites and not cancel.is_set():
            yield from model_stage(engine, paragraphs, found, settings, tools, cancel)


def level_reports(texts: Iterable[tuple[str, str]]) -> list[LevelReport]:
    """The level of every paragraph long enough to have one, then of the whole text (``paragraph`` None).

    ``texts`` are (paragraph id, text) pairs: the document as opened, or as it will be saved.
    """
    metrics = measure_document((paragraph, text) for paragraph, text in texts if text.strip())
    reports = [
        LevelReport(measured.paragraph, measured.level, measured.counts.words)
        for measured in metrics.paragraphs
        if measured.counts.words >= LEVEL_MIN_WORDS
    ]
    reports.append(LevelReport(None, metrics.level, metrics.counts.words))
    return reports


def _grammar_findings(tools: LanguageTools, paragraph: Paragraph, earlier: list[Finding]) -> list[Finding]:
    """The paragraph's findings with LanguageTool's added, each one-click fix checked (language/fixes.py)."""
    findings = earlier + list(tools.grammar.check(paragraph.id, paragraph.text))
    return verify_fixes(findings, paragraph.text, tools.fix_check())


def _grammar_stage(
    paragraphs: Sequence[Paragraph],
    found: dict[str, list[Finding]],
    settings: Settings,
    tools: LanguageTools,
    cancel: threading.Event,
) -> Iterator[AnalysisItem]:
    """LanguageTool's rules on every paragraph, spread over the physical cores (the engine releases
    the GIL), results yielded in document order; a cancel takes effect after the paragraphs in hand."""
    try:
        tools.grammar.load()
    except GrammarUnavailableError as exc:
        yield Notice(_("Grammaticacontrole niet beschikbaar: {reason}").format(reason=exc))
        return
    stage = _("Grammatica en stijl")
    import psutil  # here, not before the first findings

    workers = max(1, min(GRAMMAR_THREADS, psutil.cpu_count(logical=False) or 1))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="grammatica") as pool:
        futures = [pool.submit(_grammar_findings, tools, p, list(found[p.id])) for p in paragraphs]
        for done, (paragraph, future) in enumerate(zip(paragraphs, futures, strict=True), 1):
            if cancel.is_set():
                for pending in futures:
                    pending.cancel()
                return
            found[paragraph.id] = future.result()
            yield _paragraph_result(paragraph, found[paragraph.id], settings)
            yield Progress(stage, done, len(paragraphs))


def confusion_stage(
    engine: Engine,
    paragraphs: Sequence[Paragraph],
    found: dict[str, list[Finding]],
    settings: Settings,
    tools: LanguageTools,
    cancel: threading.Event,
) -> Iterator[AnalysisItem]:
    """The model judges the words that have a confusable twin; its findings join the rule findings
    (one error found by both gives one finding with both reasons). Within a time budget per page."""
    from desktop.core.model.engine import scorer_for

    scorer = scorer_for(engine)
    if scorer is None or tools.confusion is None:
        return
    stage = _("Taalmodel beoordeelt twijfelwoorden")
    by_id = {p.id: p for p in paragraphs}
    merged = {p.id: merge_findings(found[p.id], {p.id: p.text}) for p in paragraphs}
    judged = tools.confusion.judge([(p.id, p.text) for p in paragraphs], scorer, cancel, rule_findings=merged)
    for done, (paragraph_id, findings) in enumerate(judged, 1):
        revised = tools.confusion.revise(paragraph_id, merged[paragraph_id])
        if findings or revised != merged[paragraph_id]:
            found[paragraph_id] = revised + findings
            yield _paragraph_result(by_id[paragraph_id], found[paragraph_id], settings)
        yield Progress(stage, done, len(paragraphs))
    report = tools.confusion.report
    for paragraph_id, start, end, margin in report.doubts:
        doubted = [
            replace(f, confidence=min(f.confidence, DOUBTED_CONFIDENCE), message=_(
                "{message} Het taalmodel twijfelt: het vindt het lidwoord zoals het er staat waarschijnlijker "
                "(verschil {margin:.1f}); misschien hoort het niet bij dit zelfstandig naamwoord."
            ).format(message=f.message, margin=-margin))
            if f.rule == ARTICLE_RULE and (f.start, f.end) == (start, end) else f
            for f in found[paragraph_id]
        ]
        if doubted != found[paragraph_id]:
            found[paragraph_id] = doubted
            yield _paragraph_result(by_id[paragraph_id], found[paragraph_id], settings)
    if report.unscored_sentences and not cancel.is_set():
        yield Notice(
            _("Het taalmodel kon {count} van de {total} zinnen met twijfelwoorden niet op tijd beoordelen; "
              "daar gelden alleen de taalregels.").format(
                count=report.unscored_sentences, total=report.unscored_sentences + report.scored_sentences
            )
        )


def run_confusion(
    document: Document,
    settings: Settings,
    cancel: threading.Event,
    tools: LanguageTools,
    engine: Engine,
    findings: Mapping[str, Sequence[Finding]],
) -> Iterator[AnalysisItem]:
    """The confusion stage on its own, after :func:`run_analysis` ran the rules without a model (the app
    runs it on the model's thread once the model is loaded): ``findings`` are each paragraph's findings so
    far, which the model's findings join. Yields what run_analysis yields for this stage."""
    if not settings.model.enabled or not (settings.checks.spelling or settings.checks.grammar):
        return
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    found = {p.id: list(findings.get(p.id, ())) for p in paragraphs}
    yield from confusion_stage(engine, paragraphs, found, settings, tools, cancel)


def model_jobs(paragraph: Paragraph, findings: Sequence[Finding]) -> list[ModelJob]:
    """What the model should do in one paragraph.

    A B1 rewrite for every sentence the readability check flags; a correction for every other
    sentence with a grammar or spelling finding that has no suggestion.
    """
    from desktop.core.model.guards import Task
    from desktop.core.model.jobs import ModelJob

    jobs: list[ModelJob] = []
    long_sentences = [(f.start, f.end) for f in findings if f.category is Category.READABILITY]
    for start, end in long_sentences:
        jobs.append(ModelJob(Task.B1, paragraph.id, paragraph.text, start, end))
    for sentence in split_sentences(paragraph.text):
        if any(s < sentence.end and sentence.start < e for s, e in long_sentences):
            continue
        unfixed = [
            f for f in findings
            if f.category in (Category.GRAMMAR, Category.SPELLING) and not f.suggestions
            and f.rule != NAME_RULE  # a probable name has no correction by design: nothing for the model to fix
            and sentence.start <= f.start < sentence.end
        ]
        if unfixed:
            problems = "; ".join(f"‘{f.original}’: {f.message}" for f in unfixed)
            jobs.append(ModelJob(Task.CORRECTION, paragraph.id, paragraph.text, sentence.start, sentence.end,
                                 problems=problems))
    return [job for job in jobs if paragraph.writable(job.start, job.end)]


def by_expected_gain(
    work: Sequence[tuple[Paragraph, ModelJob]], max_sentence_words: int
) -> list[tuple[Paragraph, ModelJob]]:
    """The model's tasks, the one whose sentence is hardest to read first (longest sentences, longest and
    rarest words, passives: readability.difficulty); equal ones in document order."""
    return sorted(
        work,
        key=lambda item: -difficulty(measure_paragraph(item[1].paragraph, item[1].original).counts, max_sentence_words),
    )


def model_stage(
    engine: Engine,
    paragraphs: Sequence[Paragraph],
    found: dict[str, list[Finding]],
    settings: Settings,
    tools: LanguageTools,
    cancel: threading.Event,
) -> Iterator[AnalysisItem]:
    """Run the model's guarded tasks on what the rules flagged, yielding updated paragraphs.

    The stage has MODEL_SECONDS_PER_PAGE of the document's pages; the hardest sentences go first
    (:func:`by_expected_gain`), so when the time is up or the user stops the model, the work done is the
    work that helps the reader most. What was left undone is said in a notice.
    """
    import time

    from desktop.core.model.tasks import run_task

    context = tools.guard_context(settings)
    work = by_expected_gain(
        [(p, job) for p in paragraphs for job in model_jobs(p, found[p.id])], settings.checks.b1_sentence_length
    )
    words = sum(len(p.text.split()) for p in paragraphs)
    stop_at = time.monotonic() + MODEL_SECONDS_PER_PAGE * max(1.0, words / WORDS_PER_PAGE)
    from_model: dict[str, list[Finding]] = {}
    stage = _("Lokaal taalmodel")
    for done, (paragraph, job) in enumerate(work, 1):
        if cancel.is_set():
            return
        if time.monotonic() >= stop_at:
            yield Notice(
                _("Het taalmodel had geen tijd meer voor {count} van de {total} zinnen die het kon herschrijven of "
                  "verbeteren (de moeilijkste gingen voor); daar gelden alleen de taalregels.").format(
                    count=len(work) - done + 1, total=len(work))
            )
            return
        result = run_task(engine, job, context, cancel=cancel, stop_at=stop_at)
        yield ModelReport(result)
        if result.findings:
            # Model findings are alternatives to the rule findings, never merged with them.
            from_model.setdefault(paragraph.id, []).extend(result.findings)
            rules = _paragraph_result(paragraph, found[paragraph.id], settings)
            yield ParagraphFindings(paragraph.id, rules.findings + tuple(from_model[paragraph.id]))
        yield Progress(stage, done, len(work))


def levels_as_saved(document: Document, edits: Sequence[Edit]) -> tuple[Preview, list[LevelReport]]:
    """What a save of ``edits`` would write, and the levels measured on that text (not on the text as opened)."""
    from desktop.core.document.markup import preview

    saved = preview(document, edits)
    texts = ((p.id, saved.final_text(p.id, p.text)) for p in document.paragraphs)
    return saved, level_reports(texts)
