"""``schrijfhulp-cli info``, ``text`` and ``apply``: the document engine on its own.

``info`` prints paragraph and word counts and whether the file holds tracked changes or comments;
``text`` prints the live text, one paragraph a line as ``<id><TAB><text>``; ``apply`` writes the
suggestions of a JSON file as tracked changes (or, with ``--clean``, applied) into a new .docx.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop.core.document.reader import DocumentError, open_document
from desktop.core.document.writer import DEFAULT_AUTHOR, WriteOptions, save_document
from desktop.core.findings import Edit
from desktop.core.i18n import _

EXIT_OK = 0
EXIT_INPUT = 1


def _fail(message: str) -> int:
    print(f"schrijfhulp-cli: {message}", file=sys.stderr)
    return EXIT_INPUT


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nee")


def run_info(args: argparse.Namespace) -> int:
    """``info DOCUMENT``: paragraphs, words, and whether it holds tracked changes or comments."""
    try:
        document = open_document(args.document)
    except DocumentError as exc:
        return _fail(str(exc))
    print(_("Bestand: {name}").format(name=document.path.name))
    print(_("Alinea's: {count}").format(count=len(document.paragraphs)))
    print(_("Woorden: {count}").format(count=document.word_count))
    print(_("Bijgehouden wijzigingen: {answer}").format(answer=_yes_no(document.has_tracked_changes)))
    print(_("Opmerkingen: {answer}").format(answer=_yes_no(document.has_comments)))
    return EXIT_OK


def run_text(args: argparse.Namespace) -> int:
    """``text DOCUMENT``: the live text, one paragraph a line as ``<id><TAB><text>``."""
    try:
        document = open_document(args.document)
    except DocumentError as exc:
        return _fail(str(exc))
    for paragraph in document.paragraphs:
        # One character for one: offsets in the printed text are offsets in the live text.
        print(f"{paragraph.id}\t{paragraph.text.replace(chr(10), '↵')}")
    return EXIT_OK


def load_edits(path: Path) -> list[Edit]:
    """Suggestions from a JSON list of {paragraph, start, end, replacement, explanation, author}."""
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(items, list):
            raise TypeError("not a list")
        return [
            Edit(
                paragraph=str(item["paragraph"]),
                start=int(item["start"]),
                end=int(item["end"]),
                replacement=str(item["replacement"]),
                explanation=str(item.get("explanation") or ""),
                author=str(item["author"]) if item.get("author") else None,
            )
            for item in items
        ]
    except OSError as exc:
        raise ValueError(_("Het suggestiebestand {name} kan niet worden gelezen.").format(name=path.name)) from exc
    except (json.JSONDecodeError, UnicodeDecodeError, TypeError, KeyError, ValueError, AttributeError) as exc:
        raise ValueError(
            _(
                "Het suggestiebestand {name} is geen JSON-lijst van suggesties met paragraph, start, end "
                "en replacement ({detail})."
            ).format(name=path.name, detail=exc)
        ) from exc


def run_apply(args: argparse.Namespace) -> int:
    """``apply DOCUMENT SUGGESTIONS -o OUT``: write the suggestions into a new .docx and report them."""
    try:
        edits = load_edits(args.suggestions)
    except ValueError as exc:
        return _fail(str(exc))
    options = WriteOptions(author=args.author or DEFAULT_AUTHOR, comments=not args.no_comments, clean=args.clean)
    try:
        document = open_document(args.document)
        report = save_document(document, edits, args.output, options)
    except DocumentError as exc:
        return _fail(str(exc))
    print(_("Geschreven: {name}").format(name=report.target))
    print(_("Toegepast: {count}").format(count=len(report.applied)))
    print(_("Geweigerd: {count}").format(count=len(report.refused)))
    for edit, reason in report.refused:
        print(f"  {edit.paragraph} {edit.start}-{edit.end}: {reason}")
    return EXIT_OK
