"""``schrijfhulp-cli models [--verify]``: the models Schrijfhulp knows and finds, with their hashes.

For IT: shows every GGUF in the user's and the machine-wide models folder, the model card it
matches (from models/manifest.toml or a model pack's manifest entry), and the sha256 it must
have. With ``--verify`` every file is hashed and checked, exactly as the app does before loading.
"""

from __future__ import annotations

import argparse
import sys

from desktop.core.i18n import _
from desktop.core.model import catalog


def run(args: argparse.Namespace) -> int:
    """List the models; with --verify exit 1 when any file fails its check."""
    try:
        found = catalog.find_models()
    except catalog.ModelError as exc:
        print(f"schrijfhulp-cli: {exc}", file=sys.stderr)
        return 1
    recorded = catalog.recorded_hashes()
    folders = ", ".join(str(folder) for folder, _machine in catalog.model_folders())
    if not found:
        print(_("Geen taalmodellen gevonden in: {folders}").format(folders=folders))
        return 0
    failed = 0
    for model in found:
        where = _("organisatie") if model.machine_wide else _("gebruiker")
        expected = model.card.sha256 if model.card else recorded.get(str(model.path.resolve()), "")
        print(f"{model.display_name} [{where}] {model.path}")
        digest = expected or _("(wordt bij eerste gebruik vastgelegd)")
        print(f"    {model.path.stat().st_size:,} bytes; sha256 {digest}")
        if model.card:
            print(f"    {model.card.quantization}, {model.card.license}; {model.card.description_nl}")
        if args.verify:
            try:
                digest = catalog.verify(model)
                print("    " + _("controle: in orde ({digest})").format(digest=digest))
            except catalog.ModelError as exc:
                failed += 1
                print("    " + _("controle: MISLUKT — {reason}").format(reason=exc))
    return 1 if failed else 0
