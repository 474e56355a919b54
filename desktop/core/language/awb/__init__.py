"""The decision review ("Besluit-eisen"): is this a decision, and does it meet the Awb?

Public API: :func:`review_document` (classification with its signs, the checklist of a decision, the
letter checks), :func:`review_findings` (findings for the verdicts that point at text), :class:`Review`,
:class:`Classification` and ``Kind``. The parts: ``classify`` (decision or letter), ``remedies`` (the
rechtsmiddelenclausule), ``signature`` (kenmerk, date, signature, mandate), ``motivation`` (grounds and
legal basis), ``review`` (putting them together).
"""

from desktop.core.language.awb.classify import Classification, Kind, Sign, kind_label
from desktop.core.language.awb.review import Review, review_document, review_findings

__all__ = ["Classification", "Kind", "Review", "Sign", "kind_label", "review_document", "review_findings"]
