"""schrijfhulp-cli: headless and batch use of the Schrijfhulp core.

Every subcommand is a function ``_cmd_<name>(args) -> int`` registered in :func:`build_parser`.
Exit codes: 0 success, 1 the input could not be processed (a clear Dutch message on stderr),
2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__, check_command, draft_command, models_command
from desktop.core import network_guard
from desktop.core.document import DocumentError, open_document
from desktop.core.docx_writer import DEFAULT_AUTHOR, WriteOptions, save_document
from desktop.core.findings import Edit
from desktop.core.i18n import _

EXIT_OK = 0
EXIT_INPUT = 1


def _fail(message: str) -> int:
    print(f"schrijfhulp-cli: {message}", file=sys.stderr)
    return EXIT_INPUT


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="schrijfhulp-cli",
        description=_("Schrijfhulp zonder venster: controleren, herschrijven en wijzigingen schrijven."),
    )
    parser.add_argument("--version", action="version", version=f"Schrijfhulp {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMANDO")

    info = commands.add_parser("info", help=_("toon alinea's, woorden en bestaande revisies van een .docx"))
    info.add_argument("document", type=Path)
    info.set_defaults(handler=_cmd_info)

    text = commands.add_parser(
        "text",
        help=_("druk de tekst af, één alinea per regel als <id><TAB><tekst> (regeleinden in een alinea als ↵)"),
    )
    text.add_argument("document", type=Path)
    text.set_defaults(handler=_cmd_text)

    apply = commands.add_parser(
        "apply", help=_("schrijf suggesties uit een JSON-bestand als bijgehouden wijzigingen in een nieuw .docx")
    )
    apply.add_argument("document", type=Path)
    apply.add_argument(
        "suggestions",
        type=Path,
        help=_("JSON-lijst van {paragraph, start, end, replacement, explanation}"),
    )
    apply.add_argument("-o", "--output", type=Path, required=True, help=_("het nieuwe .docx-bestand"))
    apply.add_argument("--clean", action="store_true", help=_("pas de suggesties direct toe, zonder revisies"))
    apply.add_argument("--author", default=DEFAULT_AUTHOR, help=_("naam bij de revisies en opmerkingen"))
    apply.add_argument("--no-comments", action="store_true", help=_("schrijf geen toelichtingen als opmerking"))
    apply.set_defaults(handler=_cmd_apply)

    check_command.add_parser(commands)
    draft_command.add_parser(commands)
    models_command.add_parser(commands)
    return parser


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nee")


def _cmd_info(args: argparse.Namespace) -> int:
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


def _cmd_text(args: argparse.Namespace) -> int:
    try:
        document = open_document(args.document)
    except DocumentError as exc:
        return _fail(str(exc))
    for paragraph in document.paragraphs:
        # One character for one: offsets in the printed text are offsets in the live text.
        print(f"{paragraph.id}\t{paragraph.text.replace(chr(10), '↵')}")
    return EXIT_OK


def _load_edits(path: Path) -> list[Edit]:
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


def _cmd_apply(args: argparse.Namespace) -> int:
    try:
        edits = _load_edits(args.suggestions)
    except ValueError as exc:
        return _fail(str(exc))
    options = WriteOptions(author=args.author, comments=not args.no_comments, clean=args.clean)
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


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of schrijfhulp-cli."""
    network_guard.install()
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    return int(handler(args))


if __name__ == "__main__":
    sys.exit(main())
