"""Keep the English translation in step with the Dutch source strings.

Usage:
  .venv/bin/python scripts/translations.py update   # extract every _()/N_()/ngettext()/_s() string from
                                                   # desktop/ and merge into resources/locale/en/.../schrijfhulp.po
  .venv/bin/python scripts/translations.py compile  # write schrijfhulp.mo next to the .po

Dutch is the source language (msgid); the English text is the msgstr, written by a person.
tests/core/test_translations.py fails when a string has no English translation or the .mo is stale.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop import __version__  # noqa: E402

PO = ROOT / "resources" / "locale" / "en" / "LC_MESSAGES" / "schrijfhulp.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "_s": (4,)}


def extract() -> Catalog:
    """Every translatable Dutch string in desktop/, with where it is used."""
    catalog = Catalog(project="Schrijfhulp", locale="en", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT / "desktop"), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        catalog.add(message, locations=[(f"desktop/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def read_catalog(path: Path = PO) -> Catalog:
    """The English catalogue as it is on disk (empty when there is none yet)."""
    if not path.is_file():
        return Catalog(locale="en", charset="utf-8")
    with path.open("rb") as handle:
        return read_po(handle, locale="en")


def update() -> Catalog:
    """Merge the extracted strings into the .po, keeping existing translations; drop unused ones."""
    template = extract()
    catalog = read_catalog()
    created = catalog.creation_date
    catalog.update(template, no_fuzzy_matching=True)
    catalog.creation_date = created  # a new date on every update would make every branch conflict
    catalog.obsolete.clear()
    catalog.project, catalog.version = "Schrijfhulp", __version__
    catalog.fuzzy = False  # a fuzzy header would leave the charset out of the .mo
    PO.parent.mkdir(parents=True, exist_ok=True)
    with PO.open("wb") as handle:
        # Sorted by message, without source locations: adding a string in one place of the code
        # changes one entry of the file, so work on parallel branches merges cleanly.
        write_po(handle, catalog, width=120, sort_output=True, no_location=True)
    return catalog


def compiled(catalog: Catalog) -> bytes:
    """The .mo bytes for ``catalog``."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def compile_mo() -> None:
    """Write the .mo from the .po."""
    MO.write_bytes(compiled(read_catalog()))


def main(argv: list[str]) -> int:
    """Run ``update`` or ``compile``."""
    if argv == ["update"]:
        catalog = update()
        missing = [m.id for m in catalog if m.id and not m.string]
        print(f"{PO}: {len(catalog)} strings, {len(missing)} without English")
    elif argv == ["compile"]:
        compile_mo()
        print(MO)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
