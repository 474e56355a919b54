"""No decision is lost when the app is killed: a real Schrijfhulp process reviews a real decision, is killed
with SIGKILL, and the next start gets the decisions back, with a key store (the whole review, encrypted)
and without one (the decisions alone, without document text)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core.privacy import history, journal
from desktop.core.session import Decision
from desktop.ui.main_window import MainWindow
from tests import REPO

pytestmark = [pytest.mark.ui, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")]

# The app in its own process: open the document, decide as a user does, wait until the review is kept, say
# which decisions were taken, and wait to be killed.
REVIEW_AND_WAIT = """
import json, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.core.session import Decision
from desktop.ui.main_window import MainWindow

window = MainWindow()
window.show()
done = []
window.controller.analysis_done.connect(lambda: done.append(True))
window.open_path(Path(sys.argv[1]))
while not done:
    app.processEvents()
    time.sleep(0.01)
session = window.controller.session
accepted, rejected = [], []
for finding in session.pending():
    if finding.suggestions and len(accepted) < 3 and window.controller.decide([finding.id], Decision.ACCEPTED):
        accepted.append(finding.id)
    elif len(rejected) < 2 and not finding.suggestions:
        window.controller.decide([finding.id], Decision.REJECTED)
        rejected.append(finding.id)
while window.controller._autosave.isActive():
    app.processEvents()
    time.sleep(0.01)
print(json.dumps({"accepted": accepted, "rejected": rejected}), flush=True)
time.sleep(600)
"""


def _review_and_kill(document: Path, backend: str) -> dict[str, list[str]]:
    """Run the app on ``document`` in a process of its own, let it decide, then kill it with SIGKILL."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen", "PYTHON_KEYRING_BACKEND": backend}
    process = subprocess.Popen([sys.executable, "-c", REVIEW_AND_WAIT, str(document)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line, process.stderr.read() if process.stderr else ""
        decided = json.loads(line)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL  # killed mid-review: no save, no close, no clean-up
    return decided


def _restart_and_open(qtbot, document: Path, language_tools) -> MainWindow:
    again = MainWindow()
    again.controller.tools = language_tools
    again.confirm_close = lambda: "discard"
    qtbot.addWidget(again)
    with (
        qtbot.waitSignal(again.controller.analysis_done, timeout=120_000),
        qtbot.waitSignal(again.controller.restored, timeout=30_000) as restored,
    ):
        again.open_path(document)
    assert restored.args == [5, False]
    return again


def _assert_back(window: MainWindow, decided: dict[str, list[str]]) -> None:
    session = window.controller.session
    assert session is not None and len(decided["accepted"]) == 3 and len(decided["rejected"]) == 2
    assert {fid: session.decision(fid) for fid in decided["accepted"]} == dict.fromkeys(
        decided["accepted"], (Decision.ACCEPTED, 0))
    assert {fid: session.decision(fid) for fid in decided["rejected"]} == dict.fromkeys(
        decided["rejected"], (Decision.REJECTED, 0))
    assert window.controller.dirty and window.windowTitle().startswith("*")  # not saved yet
    view = window.review.view
    assert sum(len(view.marks(p.id)) for p in window.document.paragraphs) >= 3  # shown as changes again
    window.workers.shutdown()


def test_killed_without_a_key_store_the_decisions_come_back(
    qtbot, letter_docx: Callable[..., Path], language_tools
) -> None:
    document = letter_docx("003_besluit")
    decided = _review_and_kill(document, "keyring.backends.fail.Keyring")
    assert not history.history_dir().exists()
    kept = list(journal.journal_dir().iterdir())
    assert len(kept) == 1 and "criteria" not in kept[0].read_text(encoding="utf-8")
    _assert_back(_restart_and_open(qtbot, document, language_tools), decided)


def test_killed_with_a_key_store_the_review_comes_back(
    qtbot, secret_service: None, letter_docx: Callable[..., Path], language_tools
) -> None:
    document = letter_docx("003_besluit")
    decided = _review_and_kill(document, "keyring.backends.SecretService.Keyring")
    assert len(list(history.history_dir().iterdir())) == 1 and not journal.journal_dir().exists()
    _assert_back(_restart_and_open(qtbot, document, language_tools), decided)
