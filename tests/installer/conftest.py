"""Installer fixtures: the frozen app, its Debian package and the model pack, built once per session.

Building takes minutes (PyInstaller on two cores, a 1 GB model pack), so every test of the session
shares one build. A missing build tool skips with the Debian or PyPI package to install;
./scripts/test installs them all, so in CI these tests always run.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from desktop.core.model.catalog import ModelFile
from installer import debian, freeze, model_pack
from tests import REPO

# Where repeated builds keep PyInstaller's analysis cache (gitignored).
PYINSTALLER_WORK = REPO / "build" / "pyinstaller"
TOOL_PACKAGES = {"dpkg-deb": "dpkg", "readelf": "binutils", "wixl": "wixl", "msiinfo": "msitools",
                 "msibuild": "msitools", "unshare": "util-linux", "ip": "iproute2", "Xvfb": "xvfb",
                 "xwininfo": "x11-utils", "desktop-file-validate": "desktop-file-utils"}  # fmt: skip


def require_tools(*names: str) -> None:
    """Skip the test, naming the Debian package, when a build or inspection tool is missing."""
    missing = [name for name in names if shutil.which(name) is None]
    if missing:
        packages = sorted({TOOL_PACKAGES.get(name, name) for name in missing})
        pytest.skip(
            f"missing {', '.join(missing)}: install the Debian packages {', '.join(packages)} (./scripts/test does)"
        )


@pytest.fixture(scope="session")
def frozen_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The app frozen by installer/freeze.py from this checkout (one folder, both executables)."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed: pip install -e '.[test]' (./scripts/test does)")
    try:
        return freeze.freeze(tmp_path_factory.mktemp("dist"), PYINSTALLER_WORK)
    except freeze.FreezeError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def app_deb(frozen_app: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """schrijfhulp_<version>_amd64.deb built from the frozen app."""
    require_tools("dpkg-deb", "readelf")
    return debian.build_app_deb(frozen_app, tmp_path_factory.mktemp("deb"))


@pytest.fixture(scope="session")
def embedded_model_pack(embedded_model: ModelFile, tmp_path_factory: pytest.TempPathFactory) -> model_pack.ModelPack:
    """The model pack (.deb and .zip) of the embedded default model."""
    require_tools("dpkg-deb")
    return model_pack.build_model_pack(embedded_model.path, tmp_path_factory.mktemp("modelpack"))
