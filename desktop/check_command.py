"""``schrijfhulp-cli check IN.docx [--format text|json|html] [--no-model] [--checks KIND[,KIND]] [-o OUT.docx]``.

Prints the findings, the level per paragraph and for the document, and the decision checklist:
readably for a person (``text``), one JSON object a line (``json``, also ``--json``), or as one html
page for a person (``html``, see :mod:`desktop.html_report`). Nothing else reaches the terminal: what
the analysis wants to say is part of the report (on stderr only beside JSON), and llama.cpp's own
log goes to the log folder. With ``-o`` every finding that has a suggestion (its first suggestion)
is written into OUT.docx as a tracked change with its explanation as a comment, plus the disclosure
the policy requires and the metadata; ``--only KIND[,KIND]`` and ``--min-confidence X`` choose which. With
``--checks spelling,grammar`` only those checks run, plus the model's confusion stage (d/t, de/het,
ei/ij judged by the model), without the model's rewrites: a corpus of sentences is checked in minutes.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import threading
from pathlib import Path
from typing import TextIO

from desktop.core.analysis import (
    LanguageTools,
    LevelReport,
    ModelReport,
    Notice,
    ParagraphFindings,
    ReviewReport,
    run_analysis,
)
from desktop.core.document.reader import Document, DocumentError, open_document
from desktop.core.findings import Category, Finding, quoted
from desktop.core.i18n import _
from desktop.core.language.awb import Review, kind_label
from desktop.core.language.checklist import ChecklistItem
from desktop.core.model.engine import EngineError, LlamaEngine, load_engine
from desktop.core.model.tasks import B1_RULE
from desktop.core.policy.disclosure import ModelUse
from desktop.core.policy.settings import Settings, load_settings
from desktop.core.saving import SaveBlockedError, save_reviewed
from desktop.core.session import ConflictError, Decision, ReviewSession

CHECK_KINDS = ("spelling", "grammar", "style", "readability", "decision")
# What --only may select for -o: a check's findings, or the model's guarded B1 rewrites apart from them.
WRITE_KINDS = (*CHECK_KINDS, "b1")
CATEGORY_KINDS = {
    Category.SPELLING: "spelling",
    Category.GRAMMAR: "grammar",
    Category.STYLE: "style",
    Category.READABILITY: "readability",
    Category.DECISION: "decision",
}


def _only_checks(settings: Settings, wanted: str) -> Settings | str:
    """``settings`` with every check not in ``wanted`` (comma-separated) switched off, or a Dutch error (also for
    a check the organisation's policy switched off: --checks narrows, it never overrides the policy)."""
    kinds = {kind.strip() for kind in wanted.split(",") if kind.strip()}
    unknown = sorted(kinds - set(CHECK_KINDS))
    if unknown or not kinds:
        return _("Onbekende controle: {names}. Kies uit: {kinds}.").format(
            names=", ".join(unknown) or "-", kinds=", ".join(CHECK_KINDS)
        )
    refused = sorted(kind for kind in kinds if settings.is_locked(f"checks.{kind}") and not settings.value(
        f"checks.{kind}"))
    if refused:
        return _("Uw organisatie heeft deze controle uitgeschakeld: {names}.").format(names=", ".join(refused))
    values = dict(settings.values)
    for kind in CHECK_KINDS:
        values[f"checks.{kind}"] = kind in kinds
    return dataclasses.replace(settings, values=values)


def finding_kind(finding: Finding) -> str:
    """The kind ``--only`` selects a finding by: ``b1`` for the model's guarded rewrites, else its check."""
    if finding.rule == B1_RULE:
        return "b1"
    return CATEGORY_KINDS[finding.category]


def _only_kinds(wanted: str) -> set[str] | str:
    """The kinds in ``wanted`` (comma-separated), or a Dutch error."""
    kinds = {kind.strip() for kind in wanted.split(",") if kind.strip()}
    unknown = sorted(kinds - set(WRITE_KINDS))
    if unknown or not kinds:
        return _("Onbekende soort voor --only: {names}. Kies uit: {kinds}.").format(
            names=", ".join(unknown) or "-", kinds=", ".join(WRITE_KINDS)
        )
    return kinds


def _load_engine(settings: Settings, err: TextIO) -> LlamaEngine | None:
    try:
        return load_engine(settings.model.file, settings.model.threads)
    except EngineError as exc:
        print(_("Taalmodel niet beschikbaar — alleen regels: {reason}").format(reason=exc), file=err)
        return None


def _finding_json(finding: Finding) -> dict[str, object]:
    return {
        "paragraph": finding.paragraph,
        "start": finding.start,
        "end": finding.end,
        "original": finding.original,
        "suggestions": list(finding.suggestions),
        "category": finding.category.value,
        "rule": finding.rule,
        "source": finding.source.value,
        "message": " ".join(finding.reasons),
        "confidence": round(finding.confidence, 3),
        "doubtful": finding.doubtful,
    }


def _article(item: ChecklistItem) -> str:
    """For --json, the same in every language: "6:7 Awb" for an Awb article, other references as they are."""
    return f"{item.article} Awb" if item.article[:1].isdigit() else item.article


def _item_json(item: ChecklistItem, section: str) -> dict[str, object]:
    """One checklist verdict with what it saw: the quote and its place (paragraph id and offsets)."""
    return {
        "check": item.check,
        "section": section,
        "status": item.status,
        "article": _article(item),
        "quote": item.quote,
        "paragraph": item.paragraph,
        "start": item.start,
        "end": item.end,
        "place": item.place,
        "message": item.message,
        "suggestion": item.suggestion,
    }


def _kind_json(review: Review) -> dict[str, object]:
    """The classification with its signs, each quoted with its place."""
    signs = [{"sign": s.label, "weight": s.weight, "quote": s.quote, "paragraph": s.paragraph, "start": s.start,
              "end": s.end} for s in review.classification.signs]
    return {"document_kind": review.kind, "reason": review.kind_reason, "chosen": review.classification.chosen,
            "signs": signs}


def _print_finding(finding: Finding, out: TextIO) -> None:
    change = quoted(finding.original)
    if finding.suggestions:
        change += f" → {quoted(finding.suggestions[0])}"
    source = {"rule": _("regel"), "wordlist": _("woordenlijst"), "model": _("taalmodel")}[finding.source.value]
    print(f"  [{finding.paragraph}] {finding.category.label}: {change}", file=out)
    print(f"      {' '.join(finding.reasons)} ({source}: {finding.rule})", file=out)


def run(args: argparse.Namespace) -> int:
    """Check one document; exit 1 with a Dutch message when it cannot be read or written."""
    out, err = sys.stdout, sys.stderr
    try:
        document = open_document(args.document)
    except DocumentError as exc:
        print(f"schrijfhulp-cli: {exc}", file=err)
        return 1
    settings = load_settings()
    for problem in settings.problems:
        print(_("Instellingen: {problem}").format(problem=problem), file=err)
    write_only = _only_kinds(args.only) if getattr(args, "only", None) else None
    if isinstance(write_only, str):
        print(f"schrijfhulp-cli: {write_only}", file=err)
        return 2
    only = getattr(args, "checks", None)
    if only:
        narrowed = _only_checks(settings, only)
        if isinstance(narrowed, str):
            print(f"schrijfhulp-cli: {narrowed}", file=err)
            return 2
        settings = narrowed
    engine = None if args.no_model or not settings.model.enabled else _load_engine(settings, err)
    try:
        return _check(args, document, settings, engine, write_only, out, err)
    finally:
        if engine is not None:
            engine.close()  # now, not in llama-cpp-python's __del__ while the interpreter shuts down


def _check(
    args: argparse.Namespace,
    document: Document,
    settings: Settings,
    engine: LlamaEngine | None,
    write_only: set[str] | None,
    out: TextIO,
    err: TextIO,
) -> int:
    """Analyse ``document``, print the report and write ``-o``'s copy."""
    only = getattr(args, "checks", None)
    findings: dict[str, tuple[Finding, ...]] = {}
    levels: list[LevelReport] = []
    review: ReviewReport | None = None
    refused = 0
    notices: list[str] = []
    tools = LanguageTools.from_settings(settings)
    for item in run_analysis(document, settings, threading.Event(), tools, engine, rewrites=not only):
        if isinstance(item, ParagraphFindings):
            findings[item.paragraph] = item.findings
        elif isinstance(item, LevelReport):
            levels.append(item)
        elif isinstance(item, ReviewReport):
            review = item
        elif isinstance(item, Notice):
            notices.append(item.message)
        elif isinstance(item, ModelReport) and item.result.text is None:
            refused += 1
    ordered = [f for p in document.paragraphs for f in findings.get(p.id, ())]
    report_format = "json" if args.json else getattr(args, "format", "text")
    if report_format == "json":
        for notice in ([_model_line(engine, refused)] if engine is None else []) + notices:
            print(notice, file=err)
        _emit_json(ordered, levels, review, out)
    elif report_format == "html":
        from desktop.html_report import ReportData, render

        data = ReportData(document.path.name, [(p.id, p.text) for p in document.paragraphs], ordered, levels,
                          review.review if review else None, _model_line(engine, refused), notices)
        print(render(data), file=out)
    else:
        _emit_text(document, ordered, levels, review, refused, engine, notices, out)
    if args.output:
        written, below = to_write(ordered, write_only, getattr(args, "min_confidence", None))
        # Beside a JSON or html report on stdout, what -o did goes to stderr.
        return _write(document, written, args.output, settings, engine, out if report_format == "text" else err,
                      err, below)
    return 0


def to_write(
    findings: list[Finding], kinds: set[str] | None, min_confidence: float | None
) -> tuple[list[Finding], int]:
    """The findings ``-o`` writes (of ``kinds``, at least ``min_confidence`` sure), and how many
    suggestions were left out only for their confidence."""
    chosen = findings if kinds is None else [f for f in findings if finding_kind(f) in kinds]
    if min_confidence is None:
        return chosen, 0
    below = sum(1 for f in chosen if f.suggestions and f.confidence < min_confidence)
    return [f for f in chosen if f.confidence >= min_confidence], below


def _model_line(engine: LlamaEngine | None, refused: int) -> str:
    """Which model helped, or that none did (one line of the report)."""
    if engine is None:
        return _("Geen taalmodel: alleen de taalregels, zonder oordeel over twijfelwoorden.")
    line = _("Taalmodel: {name} (alles op deze computer)").format(name=engine.info.name)
    if refused:
        line += " " + _("Geen veilige herschrijving gevonden voor {count} zin(nen).").format(count=refused)
    cost = engine.meter.total()
    if cost:
        line += " " + _("Herschrijvingen en verbeteringen: {cost}.").format(cost=cost.describe())
    return line


def _emit_json(findings: list[Finding], levels: list[LevelReport], review: ReviewReport | None, out: TextIO) -> None:
    for finding in findings:
        print(json.dumps(_finding_json(finding), ensure_ascii=False), file=out)
    for level in levels:
        print(json.dumps({"level": level.estimate.level, "paragraph": level.paragraph,
                          "reasons": list(level.estimate.reasons)}, ensure_ascii=False), file=out)
    if review is not None:
        print(json.dumps(_kind_json(review.review), ensure_ascii=False), file=out)
        for section, items in (("besluit", review.review.decision), ("brief", review.review.letter)):
            for item in items:
                print(json.dumps(_item_json(item, section), ensure_ascii=False), file=out)


def _emit_text(
    document: Document,
    findings: list[Finding],
    levels: list[LevelReport],
    review: ReviewReport | None,
    refused: int,
    engine: LlamaEngine | None,
    notices: list[str],
    out: TextIO,
) -> None:
    print(_("Document: {name}").format(name=document.path.name), file=out)
    whole = next((level for level in levels if level.paragraph is None), None)
    if whole is not None:
        print(_("Taalniveau van het document: {level} (doel: B1) — {reasons}").format(
            level=whole.estimate.level, reasons="; ".join(whole.estimate.reasons)), file=out)
    print(_model_line(engine, refused), file=out)
    for notice in notices:
        print(notice, file=out)
    print(file=out)
    print(_("Bevindingen ({count}):").format(count=len(findings)), file=out)
    for finding in findings:
        _print_finding(finding, out)
    print(file=out)
    print(_("Taalniveau per alinea:"), file=out)
    for level in levels:
        if level.paragraph is not None:
            print(f"  [{level.paragraph}] {level.estimate.level}: {'; '.join(level.estimate.reasons)}", file=out)
    if review is not None:
        print(file=out)
        print(_("Soort document: {kind} — {reason}").format(kind=kind_label(review.review.kind),
                                                          reason=review.review.kind_reason), file=out)
        for heading, items in ((_("Besluit-eisen (Awb):"), review.review.decision), (_("Briefeisen:"),
                                                                                    review.review.letter)):
            if items:
                print(heading, file=out)
            for item in items:
                where = f" ({item.reference})" if item.reference else ""
                print(f"  {item.status_label} — {item.label}{where}: {item.message}", file=out)
                if item.quote:
                    print(f"      “{item.quote}” — {item.place}", file=out)
                if item.suggestion:
                    print("      " + _("voorstel: ‘{text}’").format(text=item.suggestion), file=out)


def _write(
    document: Document,
    findings: list[Finding],
    output: str,
    settings: Settings,
    engine: LlamaEngine | None,
    out: TextIO,
    err: TextIO,
    below: int = 0,
) -> int:
    """Write the suggestions of ``findings`` into ``output``; ``below``: how many were left out for their confidence."""
    session = ReviewSession(str(document.path), document.sha256)
    session.add(findings)
    skipped = 0
    for finding in findings:
        if finding.suggestions and session.decision(finding.id) is None:
            try:
                session.decide([finding.id], Decision.ACCEPTED)
            except ConflictError:
                skipped += 1
    model = ModelUse(engine.info.name, engine.info.sha256) if engine is not None else ModelUse()
    target = Path(output)
    try:
        cost = engine.meter.total() if engine is not None else None
        result = save_reviewed(document, session.accepted_edits(), target, settings, model, cost=cost)
    except (SaveBlockedError, DocumentError) as exc:
        print(f"schrijfhulp-cli: {exc}", file=err)
        return 1
    report = result.report
    print(_("Geschreven: {target} ({applied} wijzigingen, {comments} opmerkingen).").format(
        target=report.target, applied=len(report.applied), comments=report.comments), file=out)
    for edit, reason in report.refused:
        print(_("Niet geschreven: ‘{text}’: {reason}").format(
            text=document.paragraph(edit.paragraph).text[edit.start:edit.end], reason=reason), file=out)
    if skipped:
        print(_("{count} suggestie(s) overlapten met een andere en zijn niet geschreven.").format(count=skipped),
              file=out)
    if below:
        print(_("{count} suggestie(s) onder de gevraagde zekerheid zijn niet geschreven.").format(count=below),
              file=out)
    if result.audit_note:
        print(result.audit_note, file=err)
    return 0
