"""The first findings need only the cheap checks: spelling, the B1 word list and sentence length."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core import paths
from tests import REPO

pytestmark = pytest.mark.core

FIRST_FINDINGS = """
import sys, threading
from desktop.core.analysis import LanguageTools, ParagraphFindings, run_analysis
from desktop.core.document.reader import open_document
from desktop.core.policy.settings import load_settings

settings = load_settings()
tools = LanguageTools.from_settings(settings)
tools.warm_up()
for item in run_analysis(open_document(sys.argv[1]), settings, threading.Event(), tools):
    if isinstance(item, ParagraphFindings) and item.findings:
        print(sorted({finding.category.value for finding in item.findings}))
        break
print([name for name in ("lt_py", "llama_cpp", "desktop.core.model.guards", "simplemma", "psutil",
                         "desktop.core.document.markup", "xmlschema.validators") if name in sys.modules])
"""


@pytest.mark.parametrize("first", ["", "import PySide6.QtWidgets  # as in the app: Qt, then the checks\n"])
def test_the_first_findings_load_neither_languagetool_nor_the_model_guards(
    first: str, letter_docx: Callable[[str], Path], isolated_folders: dict[str, Path]
) -> None:
    """LanguageTool's rules take seconds to load, the model's guards and xmlschema (which the sentence splitter's
    choppa imports but never uses) about 0.1 s each to import: the first findings of a document come before any
    of them (bench/bench_ui_startup.py times them)."""
    env = {**os.environ, "PYTHONPATH": str(REPO), **{name: str(path) for name, path in isolated_folders.items()}}
    assert paths.ENV_USER_CACHE in env
    result = subprocess.run([sys.executable, "-c", first + FIRST_FINDINGS, str(letter_docx("015_brief"))],
                            capture_output=True, text=True, env=env, timeout=300, check=True)
    categories, loaded = result.stdout.splitlines()
    assert categories != "[]"
    assert loaded == "[]"
