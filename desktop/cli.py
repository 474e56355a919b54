"""schrijfhulp-cli: headless and batch use of the Schrijfhulp core.

This module only declares the commands and their arguments. Each command's module (with the
document engine, the language tools or the model behind it) is imported when that command runs,
so ``--version`` and ``--help`` answer at once (see :data:`COMMANDS`).
Exit codes: 0 success, 1 the input could not be processed (a clear Dutch message on stderr),
2 wrong usage.
"""

from __future__ import annotations

import argparse
import importlib
import io
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__
from desktop.core.i18n import _
from desktop.core.policy import network_guard

# Each command's handler, as (module, function). The module is imported only when its command runs;
# installer/bundle_contents.py freezes the modules named here, which PyInstaller's import scan cannot see.
COMMANDS = {
    "info": ("desktop.docx_commands", "run_info"),
    "text": ("desktop.docx_commands", "run_text"),
    "apply": ("desktop.docx_commands", "run_apply"),
    "check": ("desktop.check_command", "run"),
    "draft": ("desktop.draft_command", "run"),
    "templates": ("desktop.draft_command", "list_templates"),
    "models": ("desktop.models_command", "run"),
}


def _fraction(text: str) -> float:
    """A number from 0 to 1 (``--min-confidence``); argparse reports anything else in Dutch."""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(_("geef een getal van 0 tot en met 1, bijvoorbeeld 0.6"))
    return value


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

    text = commands.add_parser(
        "text",
        help=_("druk de tekst af, één alinea per regel als <id><TAB><tekst> (regeleinden in een alinea als ↵)"),
    )
    text.add_argument("document", type=Path)

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

    check = commands.add_parser("check", help=_("controleer een .docx en toon de bevindingen"))
    check.add_argument("document", type=Path)
    check.add_argument(
        "--format",
        choices=("text", "json", "html"),
        default="text",
        help=_("het rapport als tekst (standaard), als JSON (één object per regel) of als html-pagina"),
    )
    check.add_argument("--json", action="store_true", help=_("hetzelfde als --format json"))
    check.add_argument("--no-model", action="store_true", help=_("alleen de taalregels, zonder taalmodel"))
    check.add_argument(
        "--checks",
        metavar="SOORT[,SOORT]",
        help=_(
            "alleen deze controles (spelling, grammar, style, readability, decision), zonder herschrijvingen "
            "door het taalmodel; het taalmodel beoordeelt wel twijfelwoorden"
        ),
    )
    check.add_argument("-o", "--output", help=_("schrijf de suggesties als bijgehouden wijzigingen naar dit bestand"))
    check.add_argument(
        "--only",
        metavar="SOORT[,SOORT]",
        help=_(
            "schrijf met -o alleen suggesties van deze soorten (spelling, grammar, style, readability, decision, "
            "b1: de gecontroleerde herschrijvingen van het taalmodel)"
        ),
    )
    check.add_argument(
        "--min-confidence",
        type=_fraction,
        metavar="X",
        help=_("schrijf met -o alleen suggesties waarvan de controle minstens zo zeker is (0 tot 1, bijv. 0.6)"),
    )

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

    models = commands.add_parser("models", help=_("toon de gevonden taalmodellen met hun controlesom"))
    models.add_argument("--verify", action="store_true", help=_("controleer de sha256 van elk model (duurt even)"))
    return parser


def _write_utf8() -> None:
    """Print UTF-8 whatever the locale: Windows writes a redirected stdout in its ANSI code page (cp1252), which
    has no ✓ or ✗ and would garble the html report, which says it is UTF-8, and every JSON reader's input."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of schrijfhulp-cli."""
    network_guard.install()
    _write_utf8()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    module, function = COMMANDS[args.command]
    return int(getattr(importlib.import_module(module), function)(args))


if __name__ == "__main__":
    sys.exit(main())
