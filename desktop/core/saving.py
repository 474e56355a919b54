"""Saving a reviewed document: disclosure, the second check, the atomic write, the audit entry.

The UI, the CLI and drafting all save through :func:`save_reviewed`, so the disclosure policy
and the audit log apply the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.core.document.properties import Disclosure
from desktop.core.document.reader import Document
from desktop.core.document.writer import WriteOptions, WriteReport, save_document
from desktop.core.findings import Edit
from desktop.core.i18n import _
from desktop.core.model.energy import ModelCost
from desktop.core.policy.disclosure import DisclosureError, ModelUse, build, earlier_disclosure, save_check
from desktop.core.policy.settings import Settings
from desktop.core.privacy import audit_log
from desktop.core.privacy.secure_store import StoreUnavailableError, credential_store, open_store


class SaveBlockedError(Exception):
    """Policy forbids this save (e.g. model text without the required disclosure); Dutch message."""


@dataclass(frozen=True)
class SaveResult:
    """What was written, the disclosure used, and a note when the audit log could not be kept."""

    report: WriteReport
    disclosure: Disclosure
    audit_note: str = ""


def default_target(document: Document, settings: Settings, clean: bool = False) -> Path:
    """Next to the original, with the configured suffix; never the original itself."""
    suffix = settings.save.suffix or " (Schrijfhulp)"
    if clean:
        suffix += _(" schoon")
    source = document.path
    return source.with_name(f"{source.stem}{suffix}{source.suffix}")


def save_reviewed(
    document: Document,
    edits: Sequence[Edit],
    target: Path,
    settings: Settings,
    model: ModelUse,
    *,
    clean: bool = False,
    drafted: bool = False,
    visible: bool | None = None,
    text: str | None = None,
    when: datetime | None = None,
    cost: ModelCost | None = None,
) -> SaveResult:
    """Write ``edits`` into a copy of ``document`` at ``target`` with the disclosure policy applied.

    ``cost`` is what the model's work on the document took; the audit entry keeps it.
    """
    when = when or datetime.now().astimezone()
    earlier = earlier_disclosure(document)
    try:
        disclosure = build(settings, edits, model, when, drafted=drafted, visible=visible, text=text, earlier=earlier)
    except DisclosureError as exc:
        raise SaveBlockedError(str(exc)) from exc
    blocked = save_check(settings, edits, disclosure, drafted, earlier)
    if blocked:
        raise SaveBlockedError(blocked)
    options = WriteOptions(
        author=settings.author,
        comments=settings.review.comments,
        clean=clean,
        date=when,
        disclosure=disclosure,
    )
    report = save_document(document, edits, target, options)
    return SaveResult(report, disclosure, _record(settings, report, model, disclosure, clean, cost or ModelCost()))


def _record(
    settings: Settings, report: WriteReport, model: ModelUse, disclosure: Disclosure, clean: bool, cost: ModelCost
) -> str:
    if not settings.privacy.audit_log:
        return ""
    try:
        store = open_store(settings.privacy.allow_unsafe_store)
    except StoreUnavailableError as exc:
        if not credential_store()[1]:
            return ""  # no key store on this computer: said once (first-run screen, About), not at every save
        return _("Het logboek is niet bijgehouden: {reason}").format(reason=exc)
    audit_log.record(
        store,
        audit_log.AuditEntry(
            date=audit_log.now_iso(),
            document=audit_log.describe_document(report.target, settings.privacy.audit_file_name),
            accepted=audit_log.count_by_kind(report.applied),
            model=model.name,
            model_sha256=model.sha256,
            disclosure=bool(disclosure.text),
            mode="clean" if clean else "tracked",
            model_seconds=round(cost.seconds, 1),
            model_tokens=cost.tokens,
            model_cpu_seconds=round(cost.cpu_seconds, 1),
            model_wh=round(cost.watt_hours, 4),
        ),
    )
    return ""
