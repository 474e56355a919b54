"""The user's name as a reader should see it in the disclosure: "Anna de Vries", not the login "avries".

The "Mijn naam" setting (``user_name``) wins. Otherwise the name the computer knows: on Windows
the user name Office keeps (the name Word writes on tracked changes; read from the registry, never
from the directory, which could mean a network call), elsewhere the full-name field of the account
(the first comma-separated part of the passwd GECOS field). The login name is the last resort, used
only when the system knows no other name; the first-run screen then asks for "Mijn naam".
"""

from __future__ import annotations

import getpass
import os
import sys
from functools import lru_cache

#: Where Office keeps the user's name, which Word writes as the author of tracked changes and comments.
OFFICE_USER_INFO = r"Software\Microsoft\Office\Common\UserInfo"


def _office_user_name() -> str | None:
    """The name Office knows the user by (None without Office or without a name). A local registry value: the
    account's directory display name (``GetUserNameExW(NameDisplay)``) may ask the domain controller over the
    network, which Schrijfhulp never does, and could stall a laptop that is offline."""
    if sys.platform != "win32":
        return None
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, OFFICE_USER_INFO) as key:
            value, kind = winreg.QueryValueEx(key, "UserName")
    except OSError:
        return None
    return value if kind == winreg.REG_SZ and isinstance(value, str) else None


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
        name = _office_user_name() if sys.platform == "win32" else _passwd_full_name()
    except OSError:
        return None
    name = " ".join((name or "").split())
    return name or None


def display_name(my_name: str = "") -> str:
    """The name for the disclosure: ``my_name`` (the "Mijn naam" setting), the system's full name, the login."""
    return " ".join(my_name.split()) or system_full_name() or getpass.getuser()
