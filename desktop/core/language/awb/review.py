"""The whole review of a document: classification, the Awb checklist of a decision, the letter checks.

Every verdict carries what it saw: the quoted sentence and its place (paragraph id and offsets), or,
when something is missing, where it looked. :func:`review_findings` turns the verdicts that point at
text into Findings: a wrong or doubtful decision item is a DECISION finding (a wrong term comes with
the correct wording as its suggestion), a letter remark is a STYLE finding; missing items have no
place and stay in the checklist.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from desktop.core.findings import Category, Finding, Source
from desktop.core.language.awb.classify import Classification, Kind, classify
from desktop.core.language.awb.motivation import motivation_items
from desktop.core.language.awb.remedies import remedy_items
from desktop.core.language.awb.signature import date_item, kenmerk_item, signature_items
from desktop.core.language.checklist import ChecklistItem, Text
from desktop.core.language.letter import review_letter

#: A doubtful verdict becomes a finding below the doubt threshold (see ``Finding.doubtful``).
DOUBTFUL_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Review:
    """The review of a whole document."""

    classification: Classification
    decision: tuple[ChecklistItem, ...]
    letter: tuple[ChecklistItem, ...]

    @property
    def kind(self) -> Kind:
        """'besluit' or 'brief' (the user's choice when made)."""
        return self.classification.kind

    @property
    def kind_reason(self) -> str:
        """Why, in Dutch, with the signs quoted."""
        return self.classification.reason

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        """Every item, decision checks first."""
        return self.decision + self.letter


def review_decision(text: Text, regulation: bool = False) -> list[ChecklistItem]:
    """The Awb checklist for a decision."""
    return [
        *remedy_items(text, regulation),
        *motivation_items(text, regulation),
        date_item(text),
        kenmerk_item(text),
        *signature_items(text),
    ]


def review_document(paragraphs: Sequence[tuple[str, str]], kind: Kind | None = None) -> Review:
    """Review a whole document; ``kind`` is the user's choice of decision or letter, when made."""
    text = Text(paragraphs)
    classification = classify(text, kind)
    decision = tuple(review_decision(text, classification.regulation)) if classification.kind == "besluit" else ()
    letter = tuple(review_letter(text.paragraphs))
    return Review(classification, decision, letter)


def review_findings(review: Review, texts: dict[str, str]) -> Iterator[Finding]:
    """A finding for every wrong or doubtful verdict that points at a place in the text."""
    for item in review.items:
        if item.status not in ("wrong", "doubtful") or item.paragraph is None or item.start is None or item.end is None:
            continue
        letter = item in review.letter
        yield Finding(
            paragraph=item.paragraph,
            start=item.start,
            end=item.end,
            original=texts[item.paragraph][item.start : item.end],
            category=Category.STYLE if letter else Category.DECISION,
            rule=("BRIEF:" if letter else "AWB:") + item.check,
            source=Source.RULE,
            message=item.message + (f" ({item.reference})" if item.reference else ""),
            suggestions=(item.suggestion,) if item.suggestion else (),
            confidence=DOUBTFUL_CONFIDENCE if item.status == "doubtful" else 1.0,
        )
