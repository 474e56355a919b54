"""schrijfhulp-cli: headless and batch use of the Schrijfhulp core.

This module only declares the commands and their arguments. Each command's module (with the
document engine, the language tools or the model behind it) is imported when that command runs,
so ``--version`` and ``--help`` answer at once. The imports stay plain ``from desktop import ...``
statements inside the handlers, where the installer's freezer still finds them.
Exit codes: 0 success, 1 the input could not be processed (a clear Dutch message on stderr),
2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__
from desktop.core import network_guard
from desktop.core.i18n import _


def _info(args: argparse.Namespace) -> int:
    from desktop import docx_commands

    return docx_commands.run_info(args)


def _text(args: argparse.Namespace) -> int:
    from desktop import docx_commands

    return docx_commands.run_text(args)


def _apply(args: argparse.Namespace) -> int:
    from desktop import docx_commands

    return docx_commands.run_apply(args)


def _check(args: argparse.Namespace) -> int:
    from desktop import check_command

    return check_command.run(args)


def _draft(args: argparse.Namespace) -> int:
    from desktop import draft_command

    return draft_command.run(args)


def _templates(args: argparse.Namespace) -> int:
    from desktop import draft_command

    return draft_command.list_templates(args)


def _models(args: argparse.Namespace) -> int:
    from desktop import models_command

    return models_command.run(args)


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
    info.set_defaults(handler=_info)

    text = commands.add_parser(
        "text",
        help=_("druk de tekst af, één alinea per regel als <id><TAB><tekst> (regeleinden in een alinea als ↵)"),
    )
    text.add_argument("document", type=Path)
    text.set_defaults(handler=_text)

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
    apply.add_argument("--author", help=_("naam bij de revisies en opmerkingen"))
    apply.add_argument("--no-comments", action="store_true", help=_("schrijf geen toelichtingen als opmerking"))
    apply.set_defaults(handler=_apply)

    check = commands.add_parser("check", help=_("controleer een .docx en toon de bevindingen"))
    check.add_argument("document", type=Path)
    check.add_argument("--json", action="store_true", help=_("één JSON-object per regel"))
    check.add_argument("--no-model", action="store_true", help=_("alleen de taalregels, zonder taalmodel"))
    check.add_argument("-o", "--output", help=_("schrijf de suggesties als bijgehouden wijzigingen naar dit bestand"))
    check.set_defaults(handler=_check)

    draft = commands.add_parser("draft", help=_("maak een concept van een brief of besluit uit een sjabloon"))
    draft.add_argument("--template", required=True, metavar="NAAM", help=_("het sjabloon (zie ‘templates’)"))
    draft.add_argument(
        "--fields", type=Path, required=True, metavar="VELDEN.json", help=_("JSON-object met veld en waarde")
    )
    draft.add_argument("--instruction", default="", metavar="TEKST", help=_("opdracht voor het taalmodel"))
    draft.add_argument(
        "--bouwsteen", action="append", default=[], metavar="ID", help=_("voeg een standaardtekst in (herhaalbaar)")
    )
    draft.add_argument("--no-model", action="store_true", help=_("zonder taalmodel: de vrije tekst blijft open"))
    draft.add_argument("-o", "--output", type=Path, required=True, help=_("het nieuwe .docx-bestand"))
    draft.set_defaults(handler=_draft)

    templates = commands.add_parser("templates", help=_("toon de sjablonen met hun velden, en de standaardteksten"))
    templates.add_argument(
        "--example", metavar="NAAM", help=_("druk een VELDEN.json met de voorbeeldwaarden van dit sjabloon af")
    )
    templates.add_argument(
        "--bouwsteen",
        action="append",
        default=[],
        metavar="ID",
        help=_("met --example: neem ook de velden van deze standaardtekst op (herhaalbaar)"),
    )
    templates.set_defaults(handler=_templates)

    models = commands.add_parser("models", help=_("toon de gevonden taalmodellen met hun controlesom"))
    models.add_argument("--verify", action="store_true", help=_("controleer de sha256 van elk model (duurt even)"))
    models.set_defaults(handler=_models)
    return parser


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
