"""The main window's actions: menu items, toolbar buttons and shortcuts, each with its slot on the window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from desktop.core.i18n import _

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


@dataclass(frozen=True)
class MainActions:
    """Every action of the main window, by what it does."""

    open: QAction
    new: QAction
    save: QAction
    clean: QAction
    word: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    next: QAction
    previous: QAction
    accept: QAction
    reject: QAction
    kind: QAction
    ignore: QAction
    word_list: QAction
    b1: QAction
    cancel: QAction
    settings: QAction
    team: QAction
    about: QAction

    @property
    def review(self) -> tuple[QAction, ...]:
        """The actions that need an open document."""
        return (self.save, self.clean, self.next, self.previous, self.accept, self.reject, self.kind, self.ignore,
                self.word_list)


def _action(window: MainWindow, text: str, slot: Callable[[], object],
            shortcuts: tuple[QKeySequence | str, ...] = (), tip: str = "") -> QAction:
    action = QAction(text, window)
    # A list to setShortcuts, and no QKeySequence copies: PySide6 resolves setShortcut(sequence) and
    # QKeySequence(sequence) by building the whole Qt enum namespace (about 20 ms before the first paint).
    action.setShortcuts([s if isinstance(s, QKeySequence) else QKeySequence(s) for s in shortcuts])
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build_actions(window: MainWindow) -> MainActions:
    """The window's actions, connected to its slots (the review's only when a document is open)."""
    key = QKeySequence.StandardKey
    return MainActions(
        open=_action(window, _("&Openen…"), window.choose_file, (QKeySequence(key.Open),),
                     _("Een Word-document (.docx) openen")),
        new=_action(window, _("&Nieuwe brief…"), window.new_letter, (QKeySequence(key.New),),
                    _("Een brief of besluit maken uit een sjabloon van uw organisatie")),
        save=_action(window, _("Opslaan met &wijzigingen bijhouden…"), lambda: window.save(clean=False),
                     (QKeySequence(key.Save),), _("Een kopie opslaan met bijgehouden wijzigingen")),
        clean=_action(window, _("Opslaan als &schone kopie…"), lambda: window.save(clean=True),
                      ("Ctrl+Shift+S",), _("Een kopie opslaan met de wijzigingen toegepast")),
        word=_action(window, _("Openen in &Word"), window.open_in_word, (),
                     _("Het laatst opgeslagen document openen")),
        quit=_action(window, _("&Afsluiten"), window.close, (QKeySequence(key.Quit),)),
        undo=_action(window, _("&Ongedaan maken"), window.controller.undo, (QKeySequence(key.Undo),)),
        redo=_action(window, _("Opnieuw &doen"), window.controller.redo, (QKeySequence(key.Redo),)),
        next=_action(window, _("&Volgende suggestie"), lambda: window.review.step(1), ("F8", "Alt+Down")),
        previous=_action(window, _("V&orige suggestie"), lambda: window.review.step(-1), ("Shift+F8", "Alt+Up")),
        accept=_action(window, _("&Accepteren"), lambda: window.review.accept_current(),
                       ("Ctrl+Return", "Ctrl+Enter")),
        reject=_action(window, _("A&fwijzen"), lambda: window.review.reject_current(),
                       ("Ctrl+Delete", "Ctrl+Backspace")),
        kind=_action(window, _("Alles van deze &soort accepteren"), lambda: window.review.accept_kind()),
        ignore=_action(window, _("Regel &negeren"), lambda: window.review.ignore_rule()),
        word_list=_action(window, _("&Toevoegen aan woordenlijst"), lambda: window.review.add_word()),
        b1=_action(window, _("Herschrijf in &B1"), lambda: window.review.rewrite_b1(), ("Ctrl+B",),
                   _("De alinea bij de cursor laten herschrijven door het lokale taalmodel")),
        cancel=_action(window, _("&Annuleren"), window.cancel_work, ("Esc",)),
        settings=_action(window, _("&Instellingen…"), window.open_settings, ("Ctrl+,",)),
        team=_action(window, _("Instellingen voor uw &team…"), window.open_team_lead, (),
                     _("AI-vermelding en privacy-instellingen kiezen en exporteren voor IT")),
        about=_action(window, _("&Over Schrijfhulp en privacy"), window.open_about),
    )
