"""With the real model, ``schrijfhulp-cli check`` prints nothing but its report: llama.cpp's log stays out."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core import paths
from desktop.core.model.catalog import ModelFile
from desktop.core.model.runtime import NATIVE_LOG_NAME
from tests import REPO

pytestmark = pytest.mark.model


def test_check_with_the_model_prints_only_the_report(
    embedded_model: ModelFile, letter_docx: Callable[..., Path], isolated_folders: dict[str, Path]
) -> None:
    models = paths.user_models_dir()
    models.mkdir(parents=True)
    (models / embedded_model.path.name).symlink_to(embedded_model.path)
    env = {**os.environ, **{name: str(folder) for name, folder in isolated_folders.items()}, "PYTHONPATH": str(REPO)}
    # A fresh process: llama.cpp announces its CPU back-end only the first time one loads.
    result = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "check", str(letter_docx("011_brief")), "--checks", "spelling"],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == "Document: 011_brief.docx"
    assert any(line.startswith("Taalmodel: Qwen2.5-Coder") for line in lines)
    assert not any(word in result.stdout for word in ("load_backend", "llama_", "ggml_", "()"))
    log = paths.log_dir() / NATIVE_LOG_NAME
    if log.exists():  # llama.cpp's warnings, never its informational lines
        assert "load_backend" not in log.read_text(encoding="utf-8", errors="replace")


def test_an_engine_nobody_closed_is_closed_before_the_interpreter_goes(
    embedded_model: ModelFile, isolated_folders: dict[str, Path]
) -> None:
    models = paths.user_models_dir()
    models.mkdir(parents=True)
    (models / embedded_model.path.name).symlink_to(embedded_model.path)
    env = {**os.environ, **{name: str(folder) for name, folder in isolated_folders.items()}, "PYTHONPATH": str(REPO)}
    program = (
        "import sys\n"
        "from desktop.core.model.engine import load_engine, scorer_for\n"
        "from desktop.core.language.confusion_candidates import Candidate\n"
        "engine = load_engine()\n"
        "close = engine.close\n"
        "engine.close = lambda: (print('gesloten', file=sys.stderr), close())\n"
        "scorer_for(engine).margins([('Pas in 1968 word Mauritius onafhankelijk.',\n"
        "                             [Candidate(12, 16, 'word', ('wordt',), 'd/t')])])\n"
    )  # a program that forgets engine.close()
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=env, timeout=600,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "gesloten\n"  # closed at exit, and nothing else said (no llama __del__ error)
