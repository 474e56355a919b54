"""The user's name as a reader should see it in the disclosure: "Anna de Vries", not the login "avries".

The "Mijn naam" setting (``user_name``) wins. Otherwise the operating system's full name: on
Windows the display name of the account (``GetUserNameExW(NameDisplay)``, set by the organisation's
directory), elsewhere the full-name field of the account (the first comma-separated part of the
passwd GECOS field). The login name is the last resort, used only when the system knows no other
name; the first-run screen then asks for "Mijn naam".
"""

from __future__ import annotations

import getpass
import os
import sys
from functools import lru_cache

NAME_DISPLAY = 3  # EXTENDED_NAME_FORMAT NameDisplay (secext.h)


def _windows_display_name() -> str | None:
    """The account's display name from Windows (None for a local account without one)."""
    import ctypes
    from ctypes import wintypes

    function = ctypes.WinDLL("secur32").GetUserNameExW  # type: ignore[attr-defined]
    function.argtypes = [ctypes.c_int, wintypes.LPWSTR, ctypes.POINTER(wintypes.ULONG)]
    function.restype = wintypes.BOOLEAN
    size = wintypes.ULONG(0)
    function(NAME_DISPLAY, None, ctypes.byref(size))  # fails, and says how many characters it needs
    if size.value == 0:
        return None
    buffer = ctypes.create_unicode_buffer(size.value + 1)
    if not function(NAME_DISPLAY, buffer, ctypes.byref(size)):
        return None
    return buffer.value


def _passwd_full_name() -> str | None:
    """The full-name part of the account's GECOS field (None when empty or just the login name)."""
    import pwd

    try:
        entry = pwd.getpwuid(os.getuid())
    except KeyError:
        return None
    # "Anna de Vries,Kamer 3,..." -> "Anna de Vries"; "&" stands for the login name, capitalised (BSD).
    name = entry.pw_gecos.split(",")[0].replace("&", entry.pw_name.capitalize())
    return None if name.strip().lower() == entry.pw_name.lower() else name


@lru_cache(maxsize=1)
def system_full_name() -> str | None:
    """The user's full name as the operating system knows it, or None when it knows none."""
    try:
        name = _windows_display_name() if sys.platform == "win32" else _passwd_full_name()
    except OSError:
        return None
    name = " ".join((name or "").split())
    return name or None


def display_name(my_name: str = "") -> str:
    """The name for the disclosure: ``my_name`` (the "Mijn naam" setting), the system's full name, the login."""
    return " ".join(my_name.split()) or system_full_name() or getpass.getuser()
