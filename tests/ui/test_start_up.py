"""Start-up: the first paint is the start page alone, start-up work runs in the background, the start page works."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop.core import paths
from desktop.core.privacy import history
from desktop.core.privacy.secure_store import open_store
from desktop.core.session import ReviewSession
from desktop.ui.main_window import MainWindow
from desktop.ui.review_controller import ANALYSIS_LANE, RETENTION_LANE
from tests import REPO

pytestmark = pytest.mark.ui


def _run_fresh(code: str, tmp_path: Path, *, acknowledged: bool = False) -> list[str]:
    """Run ``code`` in a fresh Python with its own settings folders (the first-run screen acknowledged by the
    organisation when ``acknowledged``); its output lines."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    for name in ("USER_CONFIG", "USER_DATA", "MACHINE_CONFIG", "MACHINE_DATA"):
        env[f"SCHRIJFHULP_{name}_DIR"] = str(tmp_path / name.lower())
    if acknowledged:
        (tmp_path / "machine_config").mkdir()
        (tmp_path / "machine_config" / "defaults.toml").write_text(
            "[first_run]\nacknowledged_by_organisation = true\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                            timeout=120, check=True)
    return result.stdout.splitlines()


FIRST_PAINT = """
import sys
import PySide6.QtCore
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.ui.main_window import MainWindow
window = MainWindow()
window.show()
app.processEvents()
loaded = [name for name in ("desktop.ui.review_pane", "desktop.ui.document_view", "desktop.ui.suggestions",
                            "desktop.core.analysis", "desktop.core.document.reader", "desktop.core.session",
                            "keyring", "llama_cpp") if name in sys.modules]
print(loaded)
print("Qt" in vars(PySide6.QtCore))
"""


def test_the_first_paint_needs_none_of_the_review(tmp_path: Path) -> None:
    """The window shows the start page without loading the review, the document engine, the keyring or the
    model, and without PySide6 building its Qt enum namespace (about 20 ms); bench_ui_startup has the figures."""
    loaded, qt_namespace = _run_fresh(FIRST_PAINT, tmp_path)
    assert loaded == "[]"
    assert qt_namespace == "False"


GUI_THREAD_IMPORTS = """
import sys, threading
{before}
on_gui_thread = set()

class Spy:
    def find_spec(self, name, path=None, target=None):
        if threading.current_thread() is threading.main_thread() and name.startswith({watched!r}):
            on_gui_thread.add(name)
        return None

sys.meta_path.insert(0, Spy())
from PySide6.QtWidgets import QApplication
app = QApplication([])
import desktop.ui.app
from desktop.ui.main_window import MainWindow
window = MainWindow()
window.show()
app.processEvents()
window.start_up()
app.processEvents()
print(sorted(on_gui_thread))
window.workers.shutdown()
"""


def _gui_thread_imports(tmp_path: Path, watched: tuple[str, ...], before: str = "") -> list[str]:
    """The output of a fresh start (window, first paint, start_up) that records the modules starting with one of
    ``watched`` imported on the GUI thread, after ``before`` ran; the last line is their sorted list."""
    return _run_fresh(GUI_THREAD_IMPORTS.format(before=before, watched=watched), tmp_path, acknowledged=True)


def test_start_up_work_loads_nothing_heavy_on_the_gui_thread(tmp_path: Path) -> None:
    """After the first paint, start_up hands the language tools, retention (the keyring) and the model to
    worker threads: none of their modules is imported on the GUI thread, so the window is usable at once.
    (The first-run screen, acknowledged here by the organisation, is a dialog of its own.)"""
    heavy = ("keyring", "cryptography", "llama_cpp", "chunspell", "lingotweaker", "wordfreq", "docx", "lxml",
             "desktop.core.analysis", "desktop.core.document", "desktop.core.privacy.secure_store")
    assert _gui_thread_imports(tmp_path, heavy)[-1] == "[]"


def test_the_core_modules_of_the_first_paint_are_imported_before_pyside6(tmp_path: Path) -> None:
    """PySide6 reads the source file of every module imported after it (PYSIDE-2029), so desktop.__main__
    imports the core modules the window and its start-up need first: none of them imports PySide6, and after
    them the app module, the window and start_up import no other core module on the GUI thread (the workers
    import the language tools and retention on their own threads)."""
    early = 'import desktop.__main__ as start\nstart.import_early_modules()\nprint("PySide6" in sys.modules)'
    pyside_first, late = _gui_thread_imports(tmp_path, ("desktop.core",), early)[-2:]
    assert pyside_first == "False"
    assert late == "[]"


OPENING = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.ui.main_window import MainWindow
window = MainWindow()
window.show()
app.processEvents()
window._build_review()  # what open_path builds on the GUI thread while the document loads
print([name for name in ("desktop.core.model.guards", "simplemma", "wordfreq", "choppa") if name in sys.modules])
"""


def test_opening_builds_the_review_pane_without_the_model_guards(tmp_path: Path) -> None:
    """open_path builds the review pane on the GUI thread while the document loads; the B1 preview in it loads
    the model's guards (about 0.3 s of imports) with its first rewrite, not then, so the first findings of
    a document given on the command line do not wait for them."""
    assert _run_fresh(OPENING, tmp_path) == ["[]"]


def test_the_review_pane_is_built_when_a_document_opens(qtbot, window: MainWindow, letter_docx) -> None:
    assert window._review is None and window.pages.currentWidget() is window.start_page
    assert not window.commands.next.isEnabled() and not window.commands.accept.isEnabled()
    with qtbot.waitSignal(window.controller.opened, timeout=30_000):
        window.open_path(letter_docx("003_besluit"))
    assert window.pages.currentWidget() is window.review
    assert "Toekenning invalidenparkeerplaats Raadhuisplein Dinteloord" in window.review.view.toPlainText()
    assert window.commands.next.isEnabled() and window.commands.accept.isEnabled()


def test_the_start_page_opens_recent_files_and_the_file_dialog(qtbot, window: MainWindow, letter_docx,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = letter_docx("003_besluit"), letter_docx("006_besluit")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(first), "Word-documenten (*.docx)"))
    with qtbot.waitSignal(window.controller.opened, timeout=30_000):
        window.start_page.open_button.click()
    assert window.document.path == first
    with qtbot.waitSignal(window.controller.opened, timeout=30_000):
        window.open_path(second)

    again = MainWindow()
    qtbot.addWidget(again)
    buttons = again.start_page.recent_buttons
    assert [(b.text(), b.toolTip()) for b in buttons[:2]] == [(second.name, str(second)), (first.name, str(first))]
    assert buttons[0].accessibleDescription() == str(second.parent)
    with qtbot.waitSignal(again.controller.opened, timeout=30_000):
        buttons[1].click()
    assert again.document.path == first
    again.workers.shutdown()


def test_a_recent_file_that_is_gone_is_said_and_forgotten(qtbot, window: MainWindow, letter_docx) -> None:
    path = letter_docx("003_besluit")
    with qtbot.waitSignal(window.controller.opened, timeout=30_000):
        window.open_path(path)
    path.unlink()
    again = MainWindow()
    qtbot.addWidget(again)
    again.start_page.recent_buttons[0].click()
    assert again.last_message == ("Bestand niet gevonden", f"{path} bestaat niet meer.")
    assert again.start_page.recent_buttons == [] and again.start_page.recent_label.isHidden()


def test_escape_cancels_the_analysis(qtbot, window: MainWindow, letter_docx) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    with qtbot.waitSignal(window.controller.opened, timeout=30_000):
        window.open_path(letter_docx("019_ambtelijk"))  # the longest real text (1,297 words)
    assert window.workers.is_running(ANALYSIS_LANE)
    QTest.keyClick(window.review.view, Qt.Key.Key_Escape)
    assert not window.workers.is_running(ANALYSIS_LANE)
    assert window.statusBar().currentMessage() == "Controle geannuleerd."


def test_retention_runs_in_the_background_at_start_up(qtbot, secret_service, language_tools,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (paths.machine_config_dir() / "policy.toml").write_text("[privacy]\nretention_days = 1\n")
    store = open_store(allow_unsafe=False)
    two_days_ago = time.time() - 2 * 86_400
    with monkeypatch.context() as patch:
        patch.setattr("desktop.core.privacy.secure_store.time.time", lambda: two_days_ago)
        history.save(store, ReviewSession("/tmp/oud.docx", "ab" * 32))
    history.save(store, ReviewSession("/tmp/nieuw.docx", "cd" * 32))
    main = MainWindow()
    main.controller.tools = language_tools
    qtbot.addWidget(main)
    main.start_up()
    assert main.workers.is_running(RETENTION_LANE)  # start_up returned; retention still runs in the background
    qtbot.waitUntil(lambda: not main.workers.is_running(RETENTION_LANE), timeout=30_000)
    assert history.load(store, "/tmp/oud.docx") is None and history.load(store, "/tmp/nieuw.docx") is not None
    main.workers.shutdown()


def test_without_a_key_store_opening_does_not_repeat_it(qtbot, window: MainWindow, letter_docx) -> None:
    """A computer without a key store is said once, in the first-run screen and the About window (test_dialogs),
    not in the status bar every time a document opens or the app starts."""
    window.start_up()
    with qtbot.waitSignal(window.controller.opened, timeout=30_000):
        window.open_path(letter_docx("003_besluit"))
    qtbot.waitUntil(lambda: not window.workers.is_running(RETENTION_LANE), timeout=30_000)
    assert "sleutelopslag" not in window.statusBar().currentMessage()


def test_opening_can_be_cancelled(qtbot, window: MainWindow, letter_docx) -> None:
    window.open_path(letter_docx("019_ambtelijk"))
    window.cancel_work()
    assert window.statusBar().currentMessage() == "Openen geannuleerd."
    assert window.workers.wait(30_000)
    qtbot.wait(50)  # the dropped result would arrive now
    assert window.document is None and window.pages.currentWidget() is window.start_page


def test_a_long_status_message_can_be_read_whole(qtbot, window: MainWindow, tmp_path) -> None:
    bad = tmp_path / "een bestand met een lange naam dat geen Word-document is maar zo heet.docx"
    bad.write_bytes(b"dit is geen Word-document")
    with qtbot.waitSignal(window.controller.open_failed, timeout=30_000):
        window.open_path(bad)
    message = window.statusBar().currentMessage()
    assert len(message) > 120 and window.statusBar().toolTip() == message


def test_an_analysis_before_the_language_tools_are_ready_waits_visibly_then_runs(
    qtbot, letter_docx, monkeypatch
) -> None:
    """Opening a document straight after start-up: the analysis lane is held (it shows in the status bar and
    Annuleren stops it) until the tools arrive from the background; no thread waits for them."""
    main = MainWindow()
    main.confirm_close = lambda: "discard"
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.controller.opened, timeout=30_000):
        main.open_path(letter_docx("016_brief"))
    assert main.controller.tools is None and main.workers.is_held(ANALYSIS_LANE)  # start_up was not called
    with qtbot.waitSignal(main.controller.analysis_done, timeout=120_000):
        pass
    assert main.controller.tools is not None and main.controller.session.pending()
    # Tools that take their time (the first start of a slow laptop): they arrive when this test says.
    tools = main.controller.tools
    main.controller.tools = None
    monkeypatch.setattr(main.controller, "prepare", lambda: None)
    with qtbot.waitSignal(main.controller.opened, timeout=30_000):
        main.open_path(letter_docx("003_besluit"))
    assert main.workers.is_held(ANALYSIS_LANE)
    qtbot.waitUntil(main.status.progress_bar.isVisible, timeout=5_000)
    assert main.status.cancel_button.isVisible()
    main.cancel_work()
    assert not main.workers.is_running(ANALYSIS_LANE) and main.statusBar().currentMessage() == "Controle geannuleerd."
    main.controller._on_tools(tools)  # the tools arrive, and no analysis starts: it was cancelled
    assert main.controller.tools is tools and not main.workers.is_running(ANALYSIS_LANE)
    main.workers.shutdown()


def test_the_model_loads_once_the_first_findings_can_come(qtbot, language_tools, monkeypatch) -> None:
    """The model's loading waits for the cheap checks' tools (it would compete with the first findings), once."""
    main = MainWindow()
    qtbot.addWidget(main)
    loads: list[object] = []
    monkeypatch.setattr(main.model, "load", loads.append)
    monkeypatch.setattr(main.controller, "prepare", lambda: None)  # the tools arrive when this test says
    main.start_up()
    assert loads == []
    main.controller._on_tools(language_tools)
    assert loads == [main.settings]
    main.controller._on_tools(language_tools)  # tools prepared again after a settings change: no second load
    assert loads == [main.settings]
    main.workers.shutdown()
