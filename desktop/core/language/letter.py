"""Letter checks: salutation and closing agree, "u/U" is written consistently, the reader is "u".

Part of the document review (:mod:`desktop.core.language.awb`), shown under their own heading and
only for letters; works on a whole document as ``(paragraph_id, text)`` pairs and reports
:class:`~desktop.core.language.checklist.ChecklistItem` results. "u" is checked only when the reader
is addressed at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from desktop.core.i18n import _
from desktop.core.language.checklist import ChecklistItem, Status
from desktop.core.language.sentences import split_sentences

SALUTATION = re.compile(r"^\s*(?P<word>Geachte|Beste|Hallo|Dag|Lieve)\b[^\n]*$", re.M)
CLOSING = re.compile(
    r"^\s*(?P<word>Met vriendelijke groet(?:en)?|Hoogachtend|Met hoogachting|Hartelijke groet(?:en)?|"
    r"Vriendelijke groet(?:en)?|Groeten|Groetjes)\b",
    re.M | re.IGNORECASE,
)
_INFORMAL = re.compile(r"\b(?:je|jij|jou|jouw|jullie)\b", re.IGNORECASE)
_U = re.compile(r"\b(?P<u>[uU]w?)\b")
# What may stand between the start of a sentence or list item and a capital "U" at its start.
_AFTER_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n)[\s\"'‘“(–•*-]*$")


_FORMAL = {"Geachte"}
_FORMALCLOSINGS = ("met vriendelijke groet", "hoogachtend", "met hoogachting", "vriendelijke groet")
_INFORMALCLOSINGS = (
    "met vriendelijke groet",
    "vriendelijke groet",
    "hartelijke groet",
    "groeten",
    "groetjes",
)


def find_line(
    paragraphs: Sequence[tuple[str, str]], pattern: re.Pattern[str]
) -> tuple[str, re.Match[str]] | None:
    """The first paragraph (its id and the match) in which ``pattern`` matches, or None."""
    for pid, text in paragraphs:
        match = pattern.search(text)
        if match is not None:
            return pid, match
    return None


def is_letter(paragraphs: Sequence[tuple[str, str]]) -> bool:
    """True when the text has a salutation or a closing: only then are the letter checks about anything
    (a memo or report that is no decision has neither, and is no letter missing both)."""
    return find_line(paragraphs, SALUTATION) is not None or find_line(paragraphs, CLOSING) is not None


def review_letter(paragraphs: Sequence[tuple[str, str]]) -> list[ChecklistItem]:
    """Salutation and closing agree, "u/U" is consistent, the reader is addressed as "u"; nothing for a
    text that is no letter (:func:`is_letter`)."""
    if not is_letter(paragraphs):
        return []
    items = [_salutation_item(paragraphs)]
    forms = list(_u_forms(paragraphs))
    if forms:
        items.append(_u_item(forms))
    items.append(_address_item(paragraphs))
    return items


def _located(check: str, status: Status, message: str, pid: str, match: re.Match[str]) -> ChecklistItem:
    return ChecklistItem(
        check,
        status,
        "",
        match.group().strip(),
        pid,
        match.start(),
        match.start() + len(match.group().rstrip()),
        message,
    )


def _salutation_item(paragraphs: Sequence[tuple[str, str]]) -> ChecklistItem:
    salutation = find_line(paragraphs, SALUTATION)
    closing = find_line(paragraphs, CLOSING)
    if salutation is None:
        assert closing is not None  # a letter has one of the two (is_letter)
        return _located(
            "aanhef-slot", "missing", _("De brief heeft een slotgroet maar geen aanhef."), *closing
        )
    if closing is None:
        return _located(
            "aanhef-slot", "missing", _("De brief heeft een aanhef maar geen slotgroet."), *salutation
        )
    formal = salutation[1].group("word") in _FORMAL
    closing_text = closing[1].group("word").lower()
    fits = closing_text.removesuffix("en") in (_FORMALCLOSINGS if formal else _INFORMALCLOSINGS)
    if fits:
        return _located("aanhef-slot", "present", _("Aanhef en slotgroet passen bij elkaar."), *closing)
    return _located(
        "aanhef-slot",
        "doubtful",
        _("‘{closing}’ past niet bij de aanhef ‘{salutation}’.").format(
            closing=closing[1].group("word"), salutation=salutation[1].group("word")
        ),
        *closing,
    )


def _u_forms(paragraphs: Sequence[tuple[str, str]]) -> Iterator[tuple[str, re.Match[str]]]:
    """Every "u"/"uw"/"U"/"Uw" that is not at the start of a sentence."""
    for pid, text in paragraphs:
        starts = {s.start for s in split_sentences(text)}
        for match in _U.finditer(text):
            before = text[max(0, match.start() - 12) : match.start()]
            if match.start() not in starts and not _AFTER_SENTENCE_START.search(before):
                yield pid, match


def _u_item(forms: list[tuple[str, re.Match[str]]]) -> ChecklistItem:
    capital = [f for f in forms if f[1].group()[0] == "U"]
    lower = [f for f in forms if f[1].group()[0] == "u"]
    if capital and lower:
        minority = capital if len(capital) <= len(lower) else lower
        return _located(
            "u-consistent",
            "doubtful",
            _("‘u’ en ‘U’ staan door elkaar; kies één schrijfwijze (bij voorkeur ‘u’)."),
            *minority[0],
        )
    return _located("u-consistent", "present", _("‘u’ wordt steeds op dezelfde manier geschreven."), *forms[0])


def _address_item(paragraphs: Sequence[tuple[str, str]]) -> ChecklistItem:
    informal = find_line(paragraphs, _INFORMAL)
    if informal is not None:
        return _located(
            "aanspreekvorm",
            "doubtful",
            _("De lezer wordt met ‘{word}’ aangesproken; gebruik ‘u’.").format(word=informal[1].group()),
            *informal,
        )
    if not any(_U.search(text) for _pid, text in paragraphs):
        return ChecklistItem(
            "aanspreekvorm",
            "doubtful",
            "",
            None,
            None,
            None,
            None,
            _("De lezer wordt nergens met ‘u’ aangesproken."),
        )
    return ChecklistItem(
        "aanspreekvorm", "present", "", None, None, None, None, _("De lezer wordt met ‘u’ aangesproken.")
    )
