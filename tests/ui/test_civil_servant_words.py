"""A civil servant's words: "Mijn naam" asked at first run, a missing key store said once, rule codes behind
"Details", and Qt's own dialogs in Dutch."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from desktop.core import paths
from desktop.core.policy import display_name
from desktop.core.policy.settings import load_settings
from desktop.ui import dialogs
from desktop.ui.app import install_qt_translations
from desktop.ui.dialogs import FirstRunDialog
from desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.ui


def _open(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def full_name(monkeypatch: pytest.MonkeyPatch) -> str:
    """The operating system knows the user as "Anna de Vries"."""
    monkeypatch.setattr(display_name, "_passwd_full_name", lambda: "Anna de Vries")
    display_name.system_full_name.cache_clear()
    yield "Anna de Vries"
    display_name.system_full_name.cache_clear()


def test_first_run_asks_my_name_and_keeps_only_a_different_one(qtbot, full_name: str) -> None:
    settings = load_settings(registry=dict)
    first = _open(qtbot, FirstRunDialog(settings=settings))
    assert first.name.text() == full_name and first.name.isVisible()
    first.acknowledge()
    assert load_settings(registry=dict).user_name == ""  # the system's name is not copied: it follows the system
    assert load_settings(registry=dict).disclosure_name() == full_name

    settings = load_settings(registry=dict)
    first = _open(qtbot, FirstRunDialog(settings=settings))
    first.name.setText("  A.  de Vries ")
    first.acknowledge()
    assert load_settings(registry=dict).user_name == "A. de Vries"
    assert load_settings(registry=dict).disclosure_name() == "A. de Vries"


def test_without_a_key_store_the_first_run_screen_says_what_is_kept(qtbot, full_name: str) -> None:
    first = _open(qtbot, FirstRunDialog(settings=load_settings(registry=dict)))
    assert "geen beveiligde sleutelopslag" in first.points.accessibleDescription()
    assert "onthoudt het uw beslissingen (zonder tekst uit het document)" in first.points.accessibleDescription()


def test_with_a_key_store_the_first_run_screen_says_nothing_about_it(qtbot, secret_service: None) -> None:
    first = _open(qtbot, FirstRunDialog(settings=load_settings(registry=dict)))
    assert "sleutelopslag" not in first.points.accessibleDescription()


def test_rule_codes_sit_behind_details(qtbot, window: MainWindow, letter_docx: Callable[..., Path]) -> None:
    with qtbot.waitSignal(window.controller.analysis_done, timeout=120_000):
        window.open_path(letter_docx("003_besluit"))
    session = window.controller.session
    assert session is not None
    finding = next(f for f in session.visible() if f.rule.startswith("LT:"))
    window.review.select_finding(finding.id)
    card = window.review.suggestions
    shown = "\n".join(label.text() for label in card.findChildren(QLabel) if label.isVisible())
    assert finding.rule not in shown and "Bron: taalregel" in shown
    assert card.details_button.isVisible() and not card.details.isVisible()
    card.details_button.click()
    assert card.details.isVisible() and finding.rule in card.details.text() and "100%" in card.details.text()


# -- Qt's own dialogs in Dutch -------------------------------------------------------------------------------

# Texts that are the same in Dutch and English, or that are not Qt's but ours or the file system's.
SAME_IN_BOTH = {"", "?", "OK", "Computer", "Word-documenten (*.docx)", "Details"}


def _stock_texts(folder: Path) -> list[str]:
    """Every label, button, tooltip and menu text of Qt's stock dialogs as they are built now."""
    texts: list[str] = []
    boxes: list[QWidget] = []
    for mode in ("open", "save", "folder"):
        dialog = QFileDialog(None, "Document openen", str(folder), "Word-documenten (*.docx)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        if mode == "save":
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        elif mode == "folder":
            dialog.setFileMode(QFileDialog.FileMode.Directory)
        boxes.append(dialog)
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, "Schrijfhulp", "?", buttons.Save | buttons.Discard | buttons.Cancel
                      | buttons.Yes | buttons.No | buttons.Close | buttons.Ok)
    box.setDetailedText("technisch verslag")
    boxes.append(box)
    for widget in boxes:
        widget.show()
        QApplication.processEvents()
        for child in widget.findChildren(QWidget):
            if isinstance(child, (QAbstractButton, QLabel)) and child.text():
                texts.append(child.text())
            if child.toolTip():
                texts.append(child.toolTip())
        for action in widget.actions():
            texts.append(action.text())
        widget.close()
        widget.deleteLater()
    line = QLineEdit()
    texts += [action.text() for action in line.createStandardContextMenu().actions() if action.text()]
    return sorted(set(texts) - SAME_IN_BOTH - {str(folder), folder.name})


@pytest.fixture
def dutch_qt(qapp: QApplication) -> Iterator[Callable[[], None]]:
    """Install Qt's Dutch catalogues when called; removed again after the test (they are application-wide)."""
    installed = []

    def install() -> None:
        installed.extend(install_qt_translations(qapp, "nl"))

    yield install
    for translator in installed:
        qapp.removeTranslator(translator)


def test_qt_dialogs_are_dutch(qtbot, tmp_path: Path, dutch_qt: Callable[[], None]) -> None:
    english = _stock_texts(tmp_path)
    assert "&Look in:" in english and "Files of &type:" in english  # the texts qtbase_nl lacks in Qt 6
    dutch_qt()
    dutch = _stock_texts(tmp_path)
    assert "&Zoeken in:" in dutch and "Bestanden van &type:" in dutch and "Opslaan" in dutch
    assert sorted(set(english) & set(dutch)) == []  # nothing left in English


def test_a_first_run_choice_that_cannot_be_written_is_said_and_the_user_works_on(
    qtbot, full_name: str, isolated_folders, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "open_message", lambda parent, title, text, icon=None: shown.append(text))
    config = isolated_folders[paths.ENV_USER_CONFIG]
    config.rmdir()
    config.write_text("een bestand waar de map moet staan", encoding="utf-8")  # every write there fails
    first = _open(qtbot, FirstRunDialog(settings=load_settings(registry=dict)))
    first.name.setText("A. de Vries")
    with qtbot.waitSignal(first.acknowledged, timeout=1_000):
        first.acknowledge()
    assert len(shown) == 1 and "kon niet worden bewaard" in shown[0] and not first.isVisible()
