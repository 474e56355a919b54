"""Every Dutch string has an English translation with the same placeholders, and the .mo is current."""

from __future__ import annotations

import re
import sys

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo

from desktop.core import i18n
from tests import REPO

pytestmark = pytest.mark.core

sys.path.insert(0, str(REPO / "scripts"))
import translations  # noqa: E402

PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def test_every_string_in_the_code_has_an_english_translation() -> None:
    extracted = translations.extract()
    catalog = translations.read_catalog()
    missing = [m.id for m in extracted if m.id and (catalog.get(m.id) is None or not catalog.get(m.id).string)]
    assert missing == [], f"{len(missing)} strings without English; run scripts/translations.py update and translate"


def test_translations_keep_the_placeholders() -> None:
    for message in translations.read_catalog():
        if message.id and message.string and isinstance(message.id, str):
            assert sorted(PLACEHOLDER.findall(message.id)) == sorted(PLACEHOLDER.findall(message.string)), message.id


def _translations(catalog: Catalog) -> dict[object, object]:
    return {message.id: message.string for message in catalog if message.id}


def test_the_compiled_catalogue_is_current() -> None:
    # Compare the translations, not the bytes: Babel writes its own version into the .mo header.
    assert translations.MO.is_file(), "run scripts/translations.py compile"
    with translations.MO.open("rb") as handle:
        compiled = read_mo(handle)
    source = _translations(translations.read_catalog())
    assert len(source) > 700
    assert _translations(compiled) == source, "run scripts/translations.py compile"


def test_switching_language() -> None:
    try:
        i18n.set_language("en")
        assert i18n._("Alles blijft op deze computer") == "Everything stays on this computer"
    finally:
        i18n.set_language("nl")
    assert i18n._("Alles blijft op deze computer") == "Alles blijft op deze computer"
