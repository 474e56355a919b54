"""schrijfhulp-cli --version and info on the real corpus: a summary or a clear Dutch message, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__
from desktop.cli import main

pytestmark = pytest.mark.core


def test_version_as_installed_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"Schrijfhulp {__version__}"


def test_version_and_help_load_no_engine() -> None:
    # The command's own modules (document engine, language tools, model) load only when it runs.
    probe = (
        "import contextlib, io, sys\n"
        "from desktop.cli import main\n"
        "for argv in (['--version'], ['--help']):\n"
        "    with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "        main(argv)\n"
        "heavy = ('lxml', 'docx', 'llama_cpp', 'lingotweaker', 'desktop.core.document.reader',\n"
        "         'desktop.check_command')\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in heavy or name in heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_info_on_a_document_with_comments(test_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = (
        "Open-XML-SDK__test_DocumentFormat.OpenXml.Tests.Assets_assets_TestDataStorage_O15Conformance_WD_"
        "CommentExTest_Comments-Sample-15-12-01_Comment013.docx"
    )
    assert main(["info", str(test_data / "docx" / "normal" / name)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1:] == ["Alinea's: 4", "Woorden: 185", "Bijgehouden wijzigingen: nee", "Opmerkingen: ja"]


def test_info_sees_existing_tracked_changes(test_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = (test_data / "docx" / "manifest.tsv").read_text(encoding="utf-8").splitlines()
    header = manifest[0].split("\t")
    rows = [dict(zip(header, line.split("\t"), strict=False)) for line in manifest[1:]]
    with_revisions = [
        r for r in rows if r["set"] == "normal" and {"ins", "del"} <= set(r["features"].split(","))
    ]
    assert with_revisions, "the corpus manifest lists files with tracked changes"
    assert main(["info", str(test_data / "docx" / with_revisions[0]["local_file"])]) == 0
    assert "Bijgehouden wijzigingen: ja" in capsys.readouterr().out


@pytest.mark.slow
def test_info_on_every_corpus_file(test_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted((test_data / "docx").glob("*/*.docx"))
    assert len(files) >= 200
    opened = refused = 0
    for path in files:
        code = main(["info", str(path)])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err + captured.out, path
        if code == 0:
            opened += 1
            assert "Alinea's:" in captured.out
        else:
            refused += 1
            assert code == 1 and captured.err.startswith("schrijfhulp-cli: "), path
            assert len(captured.err.strip()) > 40  # a sentence, not an error code
    assert opened >= 190 and refused >= 20


def test_models_lists_and_verifies(capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.core import paths
    from desktop.core.model import catalog
    card = next(c for c in catalog.known_models() if c.default)
    paths.user_models_dir().mkdir(parents=True)
    (paths.user_models_dir() / card.file).write_bytes(b"GGUF" + b"\0" * 60)
    paths.machine_models_dir().mkdir(parents=True)
    (paths.machine_models_dir() / "it-model.gguf").write_bytes(b"GGUF-it")
    assert main(["models"]) == 0
    out = capsys.readouterr().out
    assert card.sha256 in out and "it-model" in out and "wordt bij eerste gebruik vastgelegd" in out
    assert main(["models", "--verify"]) == 1  # the default model's file is not what its card says
    out = capsys.readouterr().out
    assert "controle: MISLUKT" in out and "controle: in orde" in out
