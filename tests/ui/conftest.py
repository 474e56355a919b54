"""UI fixtures: offscreen Qt, no modal dialog ever blocks, thread pools drained at teardown."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QDialog, QMessageBox

from desktop.core.analysis import LanguageTools
from desktop.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that reaches a blocking exec() fails instead of hanging."""

    def refuse(self: QDialog) -> int:
        raise AssertionError(f"a test reached a blocking dialog: {type(self).__name__} {self.windowTitle()!r}")

    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)


@pytest.fixture
def new_window(qtbot, language_tools: LanguageTools) -> Iterator[Callable[[], MainWindow]]:
    """Makes main windows (sharing the session's loaded language tools); each is drained after the test."""
    made: list[MainWindow] = []

    def make() -> MainWindow:
        main = MainWindow()
        main.controller.tools = language_tools
        main.confirm_close = lambda: "discard"
        qtbot.addWidget(main)
        main.show()
        qtbot.waitExposed(main)
        made.append(main)
        return main

    yield make
    for main in made:
        main.workers.shutdown()


@pytest.fixture
def window(new_window: Callable[[], MainWindow]) -> MainWindow:
    """The main window, drained after the test."""
    return new_window()
