"""schrijfhulp-cli: headless and batch use of the Schrijfhulp core.

Every subcommand is a function ``_cmd_<name>(args) -> int`` registered in :func:`build_parser`.
Exit codes: 0 success, 1 the input could not be processed (a clear Dutch message on stderr),
2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__, check_command
from desktop.core import network_guard
from desktop.core.document import DocumentError, open_document
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

    check_command.add_parser(commands)
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
