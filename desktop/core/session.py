"""The state of reviewing one document: the findings, what the user decided, undo and redo.

A decision applies to a finding and to every finding in its group (the word-level pieces of one
model rewrite). Accepting a finding whose text overlaps an already accepted one is refused with a
reason, so the document writer never receives two changes for the same characters. The session
serialises to a plain dict so it can be kept (encrypted) and restored after a crash.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from desktop.core.findings import Category, Edit, Finding, Source
from desktop.core.i18n import _

#: Rule prefixes of the document review (the decision checklist, the letter checks): its findings follow
#: the document kind, not the analysis of one paragraph.
REVIEW_RULES = ("AWB:", "BRIEF:")


class Decision(StrEnum):
    """What the user did with a finding."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"


class WordList(Protocol):
    """A word list the user adds to (the personal spelling list)."""

    def add(self, word: str) -> bool:
        """Add ``word``; False when it was already there. Raises ValueError (Dutch) for a word it cannot take."""
        ...

    def remove(self, word: str) -> bool:
        """Remove ``word``; False when it was not there."""
        ...


@dataclass(frozen=True)
class _WordAdded:
    """A word added to a word list, and the open spelling findings of it that went away."""

    word: str
    word_list: WordList
    new: bool  # the list did not have it before (so undo removes it again)
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class _Step:
    """One undoable action: the previous and new decision per finding id."""

    before: dict[str, tuple[Decision, int] | None]
    after: dict[str, tuple[Decision, int] | None]
    ignored_rule: str | None = None
    word: _WordAdded | None = None


class ConflictError(Exception):
    """A decision cannot be taken; ``str(exc)`` says why, in Dutch."""


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """A JSON-friendly form of ``finding``."""
    return {
        "paragraph": finding.paragraph,
        "start": finding.start,
        "end": finding.end,
        "original": finding.original,
        "category": finding.category.value,
        "rule": finding.rule,
        "source": finding.source.value,
        "message": finding.message,
        "suggestions": list(finding.suggestions),
        "also": [list(pair) for pair in finding.also],
        "group": finding.group,
        "confidence": finding.confidence,
    }


def finding_from_dict(data: dict[str, Any]) -> Finding:
    """The inverse of :func:`finding_to_dict`."""
    return Finding(
        paragraph=data["paragraph"],
        start=int(data["start"]),
        end=int(data["end"]),
        original=data["original"],
        category=Category(data["category"]),
        rule=data["rule"],
        source=Source(data["source"]),
        message=data["message"],
        suggestions=tuple(data["suggestions"]),
        also=tuple((rule, message) for rule, message in data["also"]),
        group=data.get("group", ""),
        confidence=float(data.get("confidence", 1.0)),
    )


@dataclass
class ReviewSession:
    """Findings of one document and the user's decisions on them."""

    document_path: str
    document_sha256: str
    findings: dict[str, Finding] = field(default_factory=dict)
    decisions: dict[str, tuple[Decision, int]] = field(default_factory=dict)
    ignored_rules: set[str] = field(default_factory=set)
    #: The user's choice for the document review: "besluit" or "brief" (None: as recognised).
    document_kind: str | None = None
    #: Findings the user's actions took away (their word added to a word list; the review of the other
    #: document kind, kept apart): a later stage of the running analysis, which still has them, does not bring
    #: them back.
    withdrawn: set[str] = field(default_factory=set)
    review_withdrawn: set[str] = field(default_factory=set)
    _undo: list[_Step] = field(default_factory=list)
    _redo: list[_Step] = field(default_factory=list)

    # -- findings --------------------------------------------------------------------------------

    def replace_paragraph(self, paragraph: str, findings: Iterable[Finding]) -> None:
        """Set the findings of one paragraph from a stage of the analysis; decisions on findings that remain
        are kept. Withdrawn findings stay away, and the document review's findings (which follow the document
        kind, see :meth:`set_review_findings`) stay as they are."""
        kept = {
            fid: f
            for fid, f in self.findings.items()
            if f.paragraph != paragraph or fid in self.decisions or f.rule.startswith(REVIEW_RULES)
        }
        for finding in findings:
            if finding.id not in self.withdrawn and finding.id not in self.review_withdrawn:
                kept.setdefault(finding.id, finding)
        self.findings = kept

    def adopt(self, decisions: dict[str, tuple[Decision, int]]) -> int:
        """Take over earlier decisions for findings that exist now (after the document was re-read).

        Findings are identified by paragraph, offsets, rule and text, so a decision carries over
        exactly when the text it was about is unchanged. Returns how many were taken over.
        """
        taken = {fid: value for fid, value in decisions.items() if fid in self.findings}
        self.decisions.update(taken)
        return len(taken)

    def set_review_findings(self, findings: Iterable[Finding]) -> None:
        """Replace the open findings of the document review (after the user chose the document kind);
        decided ones stay."""
        for fid, finding in list(self.findings.items()):
            if finding.rule.startswith(REVIEW_RULES) and fid not in self.decisions:
                del self.findings[fid]
                self.review_withdrawn.add(fid)
        for finding in findings:
            self.review_withdrawn.discard(finding.id)
            self.findings.setdefault(finding.id, finding)

    def reset_review_findings(self) -> None:
        """Before an analysis that makes the document review again (with the kind as chosen): its open findings
        go, so a check switched off in the settings leaves none behind."""
        self.findings = {
            fid: f for fid, f in self.findings.items() if not f.rule.startswith(REVIEW_RULES) or fid in self.decisions
        }
        self.review_withdrawn.clear()

    def add(self, findings: Iterable[Finding]) -> None:
        """Add findings (e.g. from the model); known ones are left as they are."""
        for finding in findings:
            self.findings.setdefault(finding.id, finding)

    def visible(self) -> list[Finding]:
        """Findings to show: not from an ignored rule, in paragraph order of appearance, then by offset."""
        order: dict[str, int] = {}
        for finding in self.findings.values():
            order.setdefault(finding.paragraph, len(order))
        shown = [f for f in self.findings.values() if f.rule not in self.ignored_rules]
        return sorted(shown, key=lambda f: (order[f.paragraph], f.start, f.end, f.rule))

    def pending(self) -> list[Finding]:
        """Visible findings without a decision."""
        return [f for f in self.visible() if f.id not in self.decisions]

    def decision(self, finding_id: str) -> tuple[Decision, int] | None:
        """The decision on a finding, if any."""
        return self.decisions.get(finding_id)

    def members(self, finding: Finding) -> list[Finding]:
        """The finding and every other finding of its group."""
        if not finding.group:
            return [finding]
        return [f for f in self.findings.values() if f.group == finding.group]

    # -- decisions -------------------------------------------------------------------------------

    def _conflict(self, finding: Finding, ignoring: set[str]) -> Finding | None:
        for fid, (decision, _choice) in self.decisions.items():
            other = self.findings.get(fid)
            if (
                other is not None
                and fid not in ignoring
                and decision is Decision.ACCEPTED
                and other.suggestions
                and finding.overlaps(other)
            ):
                return other
        return None

    def decide(self, finding_ids: Iterable[str], decision: Decision, choice: int = 0) -> list[str]:
        """Accept or reject findings (with their groups) as one undoable step; return the ids changed.

        Accepting a finding without suggestions, or one that overlaps an accepted finding, raises
        ConflictError and changes nothing.
        """
        targets: dict[str, Finding] = {}
        for finding_id in finding_ids:
            for member in self.members(self.findings[finding_id]):
                targets[member.id] = member
        if decision is Decision.ACCEPTED:
            for finding in targets.values():
                if not finding.suggestions:
                    raise ConflictError(_("Bij ‘{text}’ is geen verbetering voorgesteld; u kunt dit alleen afwijzen "
                                          "of zelf in Word aanpassen.").format(text=finding.original))
                if choice >= len(finding.suggestions) and not finding.group:
                    raise ConflictError(_("Deze suggestie bestaat niet."))
                other = self._conflict(finding, set(targets))
                if other is not None:
                    raise ConflictError(
                        _("‘{text}’ overlapt met een wijziging die u al accepteerde (‘{other}’).").format(
                            text=finding.original, other=other.original
                        )
                    )
        step = _Step(
            before={fid: self.decisions.get(fid) for fid in targets},
            after={fid: (decision, 0 if f.group else choice) for fid, f in targets.items()},
        )
        self._apply(step.after)
        self._undo.append(step)
        self._redo.clear()
        return list(targets)

    def accept_rule(self, rule: str) -> list[str]:
        """Accept every open finding of ``rule`` that has a suggestion, as one undoable step; return their ids.

        The pieces of a model rewrite (a group) are left to be judged as a whole, a doubtful finding is
        left to be judged on its own, and a finding that would overlap an accepted change (or one accepted
        before it in this step) stays open.
        """
        chosen: list[Finding] = []
        for finding in self.pending():
            if finding.rule != rule or not finding.suggestions or finding.group or finding.doubtful:
                continue
            if self._conflict(finding, set()) is None and not any(finding.overlaps(other) for other in chosen):
                chosen.append(finding)
        if not chosen:
            return []
        step = _Step(before={f.id: None for f in chosen}, after={f.id: (Decision.ACCEPTED, 0) for f in chosen})
        self._apply(step.after)
        self._undo.append(step)
        self._redo.clear()
        return [f.id for f in chosen]

    def add_word(self, finding_id: str, word_list: WordList) -> list[str]:
        """Add the finding's word to ``word_list``; that word's open spelling findings go, as one undoable step
        (undo takes the word off the list again if it was new, and brings the findings back). Returns the ids
        of the findings that went. A word the list cannot take raises its ValueError and changes nothing."""
        word = self.findings[finding_id].original
        new = word_list.add(word)
        gone = tuple(
            f for f in self.pending() if f.category is Category.SPELLING and f.original.lower() == word.lower()
        )
        for finding in gone:
            del self.findings[finding.id]
            self.withdrawn.add(finding.id)
        self._undo.append(_Step(before={}, after={}, word=_WordAdded(word, word_list, new, gone)))
        self._redo.clear()
        return [f.id for f in gone]

    def _redo_word(self, change: _WordAdded | None) -> None:
        if change is None:
            return
        if change.new:
            change.word_list.add(change.word)
        for finding in change.findings:
            self.findings.pop(finding.id, None)
            self.withdrawn.add(finding.id)

    def _undo_word(self, change: _WordAdded | None) -> None:
        if change is None:
            return
        if change.new:
            change.word_list.remove(change.word)
        for finding in change.findings:
            self.withdrawn.discard(finding.id)
            self.findings.setdefault(finding.id, finding)

    def ignore_rule(self, rule: str) -> None:
        """Hide every finding of ``rule`` (undoable)."""
        step = _Step(before={}, after={}, ignored_rule=rule)
        self.ignored_rules.add(rule)
        self._undo.append(step)
        self._redo.clear()

    def _apply(self, values: dict[str, tuple[Decision, int] | None]) -> None:
        for fid, value in values.items():
            if value is None:
                self.decisions.pop(fid, None)
            else:
                self.decisions[fid] = value

    def can_undo(self) -> bool:
        """True when there is a step to undo."""
        return bool(self._undo)

    def can_redo(self) -> bool:
        """True when there is a step to redo."""
        return bool(self._redo)

    def undo(self) -> list[str]:
        """Undo the last step; return the finding ids it touched."""
        step = self._undo.pop()
        if step.ignored_rule is not None:
            self.ignored_rules.discard(step.ignored_rule)
        self._undo_word(step.word)
        self._apply(step.before)
        self._redo.append(step)
        return list(step.before)

    def redo(self) -> list[str]:
        """Redo the last undone step; return the finding ids it touched."""
        step = self._redo.pop()
        if step.ignored_rule is not None:
            self.ignored_rules.add(step.ignored_rule)
        self._redo_word(step.word)
        self._apply(step.after)
        self._undo.append(step)
        return list(step.after)

    # -- results ---------------------------------------------------------------------------------

    def accepted(self) -> list[Finding]:
        """Accepted findings in document order."""
        return [f for f in self.visible() if self.decisions.get(f.id, (None,))[0] is Decision.ACCEPTED]

    def accepted_edits(self, author: str | None = None) -> list[Edit]:
        """The edits to write: every accepted finding with its chosen suggestion."""
        return [f.to_edit(self.decisions[f.id][1], author) for f in self.accepted()]

    def counts(self) -> dict[Category, int]:
        """Visible findings per category (for the side panel)."""
        result = dict.fromkeys(Category, 0)
        for finding in self.visible():
            result[finding.category] += 1
        return result

    # -- persistence -----------------------------------------------------------------------------

    def to_payload(self) -> dict[str, Any]:
        """A JSON-friendly snapshot (without undo history)."""
        return {
            "document_path": self.document_path,
            "document_sha256": self.document_sha256,
            "findings": [finding_to_dict(f) for f in self.findings.values()],
            "decisions": {fid: [d.value, c] for fid, (d, c) in self.decisions.items()},
            "ignored_rules": sorted(self.ignored_rules),
            "document_kind": self.document_kind,
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> ReviewSession:
        """Rebuild a session from :meth:`to_payload`."""
        findings = [finding_from_dict(item) for item in payload["findings"]]
        return cls(
            document_path=payload["document_path"],
            document_sha256=payload["document_sha256"],
            findings={f.id: f for f in findings},
            decisions={fid: (Decision(d), int(c)) for fid, (d, c) in payload["decisions"].items()},
            ignored_rules=set(payload["ignored_rules"]),
            document_kind=payload.get("document_kind"),
        )
