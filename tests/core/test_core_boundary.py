"""desktop.core must never pull in Qt: every core module imports with PySide6 blocked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests import REPO

pytestmark = pytest.mark.core


PROBE = r"""
import importlib, pkgutil, sys

class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith(("PySide6.", "shiboken6", "PyQt")):
            raise ImportError(f"desktop.core imported Qt: {name}")
        return None

sys.meta_path.insert(0, BlockQt())
import desktop.core
names = [m.name for m in pkgutil.walk_packages(desktop.core.__path__, "desktop.core.")]
for name in names:
    importlib.import_module(name)
leaked = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6", "PyQt")))
assert not leaked, leaked
print(len(names))
"""


def test_core_imports_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 5  # the probe really walked the core's modules


def test_the_probe_catches_a_qt_import(tmp_path: Path) -> None:
    """The blocker itself works: importing PySide6 under it fails."""
    code = PROBE.split("import desktop.core")[0] + "import PySide6.QtCore\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "desktop.core imported Qt" in result.stderr
