"""Translations: Dutch is the source language, English the shipped translation.

User-facing strings are written in Dutch in the code and wrapped in ``_()``; the English
catalogue lives in resources/locale/en/LC_MESSAGES/schrijfhulp.po (compiled to .mo by
scripts/compile_translations.py). The core produces user-facing text too (findings, errors),
so translation lives here and not in the UI.
"""

from __future__ import annotations

import gettext
import threading

from desktop.core.paths import resources_dir

DOMAIN = "schrijfhulp"
LANGUAGES = ("nl", "en")

_lock = threading.Lock()
_current: gettext.NullTranslations = gettext.NullTranslations()
_language = "nl"


def locale_dir() -> str:
    """The folder holding <lang>/LC_MESSAGES/schrijfhulp.mo."""
    return str(resources_dir() / "locale")


def set_language(language: str) -> None:
    """Switch every later ``_()`` call to ``language`` ("nl" or "en")."""
    global _current, _language
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; choose one of {LANGUAGES}")
    translations: gettext.NullTranslations
    if language == "nl":
        translations = gettext.NullTranslations()
    else:
        translations = gettext.translation(DOMAIN, localedir=locale_dir(), languages=[language])
    with _lock:
        _current = translations
        _language = language


def language() -> str:
    """The active user-interface language."""
    return _language


def _(message: str) -> str:
    """Translate a Dutch user-facing message to the active language."""
    return _current.gettext(message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "no-op translate"
    """Mark a Dutch message for translation where it is defined (a table); translate it with ``_()`` when shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a Dutch message with a singular and a plural form."""
    return _current.ngettext(singular, plural, n)
