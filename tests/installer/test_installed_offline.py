"""Install the app package and the model pack, use them with no network at all, then uninstall.

Everything after the build runs in a network namespace that holds only loopback (installer/smoke.py):
dpkg itself, ``schrijfhulp-cli --version``, ``schrijfhulp-cli check`` on a real letter with the model
from the model pack, and the GUI (offscreen, and on an X server to see its window). Removing keeps
/etc/schrijfhulp and the user's own folders, purging removes /etc/schrijfhulp too, as
installer/README.md says; nothing else is left.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import __version__
from desktop.core.document.samples import text_to_docx
from installer import model_pack, smoke
from tests.installer.conftest import require_tools

pytestmark = [pytest.mark.root, pytest.mark.slow]

APP_PACKAGE = "schrijfhulp"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Searched for what the packages may leave behind.
WATCHED = (Path("/opt"), Path("/etc"), Path("/usr/bin"), Path("/usr/share"))
LETTER = "letters/texts/011_brief.txt"


def snapshot() -> set[str]:
    """Every path under the watched folders, and the folders themselves with their parents."""
    found: set[str] = set()
    for root in WATCHED:
        found.update(str(folder) for folder in (root, *root.parents))
        for folder, directories, files in os.walk(root):
            found.update(os.path.join(folder, name) for name in directories + files)
    return found


def package_paths(*packages: str) -> set[str]:
    listing = subprocess.run(["dpkg-query", "-L", *packages], capture_output=True, text=True, check=True).stdout
    # dpkg lists the root as "/." and folders such as /usr that every package shares.
    return {os.path.normpath(line) for line in listing.splitlines() if line.startswith("/")}


def installed(package: str) -> bool:
    status = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True, check=False
    ).stdout
    return "installed" in status and "not-installed" not in status


def dpkg(*arguments: str) -> None:
    """dpkg, offline: installing and removing need no network."""
    subprocess.run(smoke.offline(["dpkg", *arguments]), check=True, capture_output=True)


@pytest.fixture
def installation(app_deb, embedded_model_pack) -> Iterator[tuple[set[str], str]]:
    """Install both packages offline; purge them afterwards whatever happened. Yields (paths before, model package)."""
    if os.geteuid() != 0:
        pytest.skip("installing packages and making network namespaces needs root (./scripts/test runs as root in CI)")
    require_tools("dpkg", "unshare", "ip", "Xvfb", "xwininfo")
    model_package = model_pack.package_name(embedded_model_pack.entry["id"])
    for package in (APP_PACKAGE, model_package):
        if installed(package):
            pytest.fail(f"{package} is already installed here; remove it first (dpkg --purge {package})")
    # Files with our name from an earlier run that was killed mid-install are not the system's own
    # folders: purging must remove them too, so they do not count as "there before".
    before = {path for path in snapshot() if "schrijfhulp" not in path.lower()}
    assert embedded_model_pack.deb is not None
    dpkg("--install", str(app_deb), str(embedded_model_pack.deb))
    try:
        yield before, model_package
    finally:
        subprocess.run(["dpkg", "--purge", APP_PACKAGE, model_package], capture_output=True, check=False)


def test_installed_app_works_offline_and_uninstalls_cleanly(installation, test_data, tmp_path):
    before, model_package = installation
    assert smoke.offline_interfaces() == ["lo"]

    # On the PATH, with the desktop entry registered for .docx by the desktop-file-utils trigger.
    assert os.path.realpath("/usr/bin/schrijfhulp-cli") == "/opt/schrijfhulp/schrijfhulp-cli"
    assert os.path.realpath("/usr/bin/schrijfhulp") == "/opt/schrijfhulp/schrijfhulp"
    mime_cache = Path("/usr/share/applications/mimeinfo.cache")
    if mime_cache.exists():
        assert any(
            line.startswith(f"{DOCX_MIME}=") and "schrijfhulp.desktop" in line
            for line in mime_cache.read_text(encoding="utf-8").splitlines()
        )
    # IT's policy, to see what removing keeps.
    policy = Path("/etc/schrijfhulp/policy.toml")
    policy.write_text('organisation = "Gemeente Voorbeeld"\n', encoding="utf-8")

    home = tmp_path / "gebruiker"
    home.mkdir()
    environment = smoke.app_environment(home)
    version = smoke.run_checked(smoke.offline(["schrijfhulp-cli", "--version"]), environment)
    assert version.strip() == f"Schrijfhulp {__version__}"

    letter = text_to_docx((test_data / LETTER).read_text(encoding="utf-8"), tmp_path / "brief.docx")
    report = smoke.run_checked(smoke.offline(["schrijfhulp-cli", "check", str(letter)]), environment)
    assert "Taalmodel: Qwen2.5-Coder 1.5B Instruct (alles op deze computer)" in report, report
    assert "Taalmodel niet beschikbaar" not in report, report
    assert "Er is geen LanguageTool beschikbaar" not in report, report
    assert "Bevindingen (" in report

    smoke.gui_settles_offscreen(smoke.offline(["schrijfhulp"]), environment)
    with smoke.xvfb() as display:
        smoke.gui_window_seconds(smoke.offline(["schrijfhulp"]), environment, display)
    logs = home / ".local" / "share" / "Schrijfhulp" / "logs"
    assert logs.is_dir() and not (logs / "fouten.log").exists()
    assert (logs / "crash.log").read_text(encoding="utf-8") == ""

    # Remove: the program goes, IT's folder and the user's own folders stay.
    shipped = package_paths(APP_PACKAGE, model_package)
    dpkg("--remove", APP_PACKAGE, model_package)
    assert not Path("/opt/schrijfhulp").exists() and not Path("/usr/bin/schrijfhulp-cli").exists()
    assert not Path("/usr/share/schrijfhulp").exists()
    assert sorted(p.name for p in Path("/etc/schrijfhulp").iterdir()) == [
        "defaults.toml.voorbeeld",
        "policy.toml",
        "policy.toml.voorbeeld",
    ]
    assert logs.is_dir()

    # Purge: /etc/schrijfhulp goes too; of what the packages shipped only the shared system folders
    # that were there before remain, and nothing new with our name is left anywhere.
    dpkg("--purge", APP_PACKAGE, model_package)
    assert not Path("/etc/schrijfhulp").exists()
    after = snapshot()
    left = sorted(path for path in shipped if os.path.lexists(path) and path not in before)
    assert left == []
    assert sorted(path for path in after - before if "schrijfhulp" in path.lower()) == []
    assert all(os.path.lexists(path) for path in shipped & before)  # /usr/share/doc and the like
