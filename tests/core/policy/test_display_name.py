"""The name in the disclosure: "Mijn naam", else the system's full name, the login name only as a last resort."""

from __future__ import annotations

import getpass
import os
import pwd
import sys
from datetime import datetime

import pytest

from desktop.core import paths
from desktop.core.policy import display_name as module
from desktop.core.policy.disclosure import ModelUse, render_text
from desktop.core.policy.display_name import display_name, system_full_name
from desktop.core.policy.settings import load_settings

pytestmark = [pytest.mark.core, pytest.mark.skipif(sys.platform == "win32", reason="the passwd database")]


@pytest.fixture(autouse=True)
def fresh_lookup() -> None:
    system_full_name.cache_clear()


def _account(monkeypatch: pytest.MonkeyPatch, gecos: str, login: str = "avries") -> None:
    """This process's real passwd entry, with another login name and full-name field."""
    real = pwd.getpwuid(os.getuid())
    fields = list(real)
    fields[0], fields[4] = login, gecos
    monkeypatch.setattr(pwd, "getpwuid", lambda _uid: pwd.struct_passwd(fields))


@pytest.mark.parametrize(
    ("gecos", "expected"),
    [
        ("Anna de Vries,Kamer 3.14,070-1234567,", "Anna de Vries"),
        ("  Anna   de Vries ", "Anna de Vries"),
        ("& de Vries", "Avries de Vries"),  # BSD: & is the login name, capitalised
        ("avries", None),  # only the login name again
        ("", None),
        (",,,", None),
    ],
)
def test_the_full_name_comes_from_the_account(monkeypatch: pytest.MonkeyPatch, gecos: str, expected: str | None):
    _account(monkeypatch, gecos)
    assert system_full_name() == expected


def test_my_name_wins_and_the_login_is_the_last_resort(monkeypatch: pytest.MonkeyPatch) -> None:
    _account(monkeypatch, "Anna de Vries,,,")
    assert display_name("") == "Anna de Vries"
    assert display_name("  A. de  Vries ") == "A. de Vries"
    system_full_name.cache_clear()
    _account(monkeypatch, "", login=getpass.getuser())
    assert display_name("") == getpass.getuser()


def test_the_disclosure_names_the_full_name_not_the_login(monkeypatch: pytest.MonkeyPatch) -> None:
    _account(monkeypatch, "Anna de Vries,,,", login="root")
    settings_file = paths.user_config_dir() / "settings.toml"
    template = '[disclosure]\ntext_nl = "Gecontroleerd door {user}."\n'
    settings_file.write_text(template, encoding="utf-8")
    when = datetime(2026, 11, 24)
    assert render_text(load_settings(registry=dict), ModelUse(), when) == "Gecontroleerd door Anna de Vries."
    settings_file.write_text('user_name = "A. de Vries"\n' + template, encoding="utf-8")
    assert render_text(load_settings(registry=dict), ModelUse(), when) == "Gecontroleerd door A. de Vries."


def test_a_failing_lookup_is_no_name(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> str:
        raise OSError("geen toegang")

    monkeypatch.setattr(module, "_passwd_full_name", broken)
    assert system_full_name() is None


def test_on_windows_the_name_is_offices_never_the_directorys(monkeypatch: pytest.MonkeyPatch) -> None:
    # Office's user name is a local registry value (the author name Word writes); the directory's display
    # name could mean a network call. Off Windows there is no Office name to read.
    assert module._office_user_name() is None
    monkeypatch.setattr(module.sys, "platform", "win32")
    monkeypatch.setattr(module, "_office_user_name", lambda: "  Anna  de Vries ")
    monkeypatch.setattr(module, "_passwd_full_name", lambda: "Niet Deze")
    assert system_full_name() == "Anna de Vries"
