"""The "Nieuwe brief" dialog: template picker with search, generated form, standard paragraphs,
problems shown in the dialog, drafting in the background, cancelling, and the emitted path."""

from __future__ import annotations

import json
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtWidgets import QFileDialog, QLineEdit, QPlainTextEdit, QPushButton

from desktop.core.analysis import LanguageTools
from desktop.core.document.reader import open_document
from desktop.core.drafting.templates import load_templates
from desktop.core.model.engine import Completion, EngineInfo, Request
from desktop.core.policy.settings import load_settings
from desktop.ui.draft_dialog import LANE, DraftDialog
from desktop.ui.workers import Workers

pytestmark = pytest.mark.ui

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
GROUNDED = "Met € 2.120,00 per maand komt u boven de grens van € 1.850,00. Daarom wijzen wij uw aanvraag af."


class FakeEngine:
    """Answers with ``answer(request)``; ``gate`` (when given) holds every answer until it is set or cancelled."""

    def __init__(self, answer: Callable[[Request], str], gate: threading.Event | None = None) -> None:
        self.info = EngineInfo("Nepmodel 1B", "nep.gguf", "ab" * 32, None, 1, 4096)
        self.answer, self.gate = answer, gate
        self.started = threading.Event()

    def complete(
        self, request: Request, cancel: threading.Event | None = None, on_text: Callable[[str], None] | None = None
    ) -> Completion:
        self.started.set()
        if self.gate is not None:
            while not self.gate.wait(0.02):
                if cancel is not None and cancel.is_set():
                    return Completion("", "", 10, 0, 0.0, 0.0, "cancelled")
        text = self.answer(request)
        return Completion(text, json.dumps({"tekst": text}), 100, 20, 0.01, 0.02, "stop")


@pytest.fixture
def workers() -> Iterator[Workers]:
    pool = Workers()
    yield pool
    pool.shutdown()


@pytest.fixture
def make_dialog(
    qtbot, tmp_path: Path, workers: Workers, language_tools: LanguageTools
) -> Callable[..., DraftDialog]:
    def make(engine: FakeEngine | None = None) -> DraftDialog:
        dialog = DraftDialog(load_settings(registry=dict), None, workers=workers, engine=engine,
                             tools=language_tools, folder=tmp_path / "concepten")
        qtbot.addWidget(dialog)
        dialog.open()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def _labels(dialog: DraftDialog) -> list[str]:
    role = dialog.form.ItemRole.LabelRole
    return [dialog.form.itemAt(row, role).widget().text() for row in range(dialog.form.rowCount())]


def _fill_examples(dialog: DraftDialog) -> None:
    request = dialog._request()
    dialog.set_values({spec.key: spec.example for spec in request.fields()})


def _afwijzing(dialog: DraftDialog) -> None:
    dialog.select_template("besluit-afwijzing")
    dialog.choose_bouwsteen("inkomen-boven-grens")
    _fill_examples(dialog)
    dialog.instruction.setPlainText("weiger: het inkomen ligt boven de grens van de verordening")


def test_the_picker_lists_every_template_and_search_filters_it(make_dialog: Callable[..., DraftDialog]) -> None:
    dialog = make_dialog()
    titles = [dialog.template_list.item(row).text() for row in range(dialog.template_list.count())]
    assert sorted(titles) == sorted(t.title for t in load_templates().templates)
    dialog.template_search.setText("woo")
    assert dialog.template_list.count() == 1
    assert dialog.template_list.currentItem().text() == "Woo-besluit: besluit op een verzoek om informatie"
    assert _labels(dialog)[0] == "Organisatie (briefhoofd) *"
    assert "Aantal gevonden documenten *" in _labels(dialog)
    assert "Gronden om informatie niet openbaar te maken" in _labels(dialog)  # optional: no star


def test_the_form_follows_the_sidecar_and_grows_with_a_standard_paragraphs_fields(
    make_dialog: Callable[..., DraftDialog],
) -> None:
    dialog = make_dialog()
    dialog.select_template("besluit-afwijzing")
    template = load_templates().get("besluit-afwijzing")
    assert _labels(dialog) == [f"{s.label} *" if s.required else s.label for s in template.fields]
    assert isinstance(dialog._inputs["adres"], QPlainTextEdit) and isinstance(dialog._inputs["naam"], QLineEdit)
    assert dialog._inputs["naam"].placeholderText() == "bijv. Mevrouw J. Jansen"
    assert dialog._inputs["datum"].text()  # today's date, prefilled
    dialog._inputs["naam"].setText("De heer K. Bakker")
    # Suggested standard paragraphs come first; searching finds the others.
    first = dialog.bouwsteen_list.item(0)
    assert first.text() == "Inkomen hoger dan de grens (aanbevolen)"
    dialog.bouwsteen_search.setText("woo persoonsgegevens")
    assert [dialog.bouwsteen_list.item(r).text() for r in range(dialog.bouwsteen_list.count())] == [
        "Woo: namen en persoonsgegevens niet openbaar"
    ]
    dialog.choose_bouwsteen("inkomen-boven-grens")
    assert _labels(dialog)[-3:] == [
        "Inkomensgrens per maand *",
        "Regeling met de inkomensgrens *",
        "Inkomen van de aanvrager per maand *",
    ]
    assert dialog._inputs["naam"].text() == "De heer K. Bakker"  # typed values survive the rebuild
    dialog.choose_bouwsteen("inkomen-boven-grens", chosen=False)
    assert len(_labels(dialog)) == len(template.fields)


def test_problems_are_shown_in_the_dialog_and_nothing_is_written(
    make_dialog: Callable[..., DraftDialog], tmp_path: Path
) -> None:
    dialog = make_dialog(FakeEngine(lambda _r: GROUNDED))
    dialog.select_template("besluit-afwijzing")
    dialog._inputs["datum"].setText("31 februari 2026")
    dialog.make.click()
    shown = dialog.status.text()
    assert "‘Datum van de brief’ is geen geldige datum" in shown
    assert shown.startswith("Vul nog in: Organisatie (briefhoofd), Naam geadresseerde, Adres geadresseerde, ")
    assert "Ons kenmerk" in shown and "Uw kenmerk" not in shown  # optional
    assert "b00020" in dialog._inputs["datum"].styleSheet() and dialog._inputs["datum"].toolTip()
    assert not dialog.workers.is_running(LANE)
    _fill_examples(dialog)
    dialog.target.setText(str(tmp_path / "concept.pdf"))
    dialog.make.click()
    assert dialog.status.text() == "Kies een bestandsnaam die eindigt op .docx."
    existing = tmp_path / "bestaat.docx"
    existing.write_bytes(b"")
    dialog.target.setText(str(existing))
    dialog.make.click()
    assert "bestaat.docx bestaat al" in dialog.status.text()
    assert dialog._inputs["datum"].styleSheet() == ""  # fixed fields lose their mark


def test_drafting_runs_in_the_background_and_emits_the_written_path(
    qtbot, make_dialog: Callable[..., DraftDialog]
) -> None:
    dialog = make_dialog(FakeEngine(lambda _r: GROUNDED))
    _afwijzing(dialog)
    target = Path(dialog.target.text())
    assert target.name == "Concept besluit-afwijzing.docx"
    with qtbot.waitSignal(dialog.drafted, timeout=60_000) as emitted:
        dialog.make.click()
        assert not dialog.make.isEnabled()
    assert emitted.args == [target]
    assert dialog.draft is not None and not dialog.draft.open_slots
    assert f"Concept geschreven: {target}" in dialog.status.text()
    assert dialog.close_button.text() == "Sluiten" and dialog.make.isEnabled()
    texts = [p.text for p in open_document(target).paragraphs]
    assert GROUNDED in texts and "Datum: 16 maart 2026" in texts
    with zipfile.ZipFile(target) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    assert [i.get(f"{W}author") for i in root.iter(f"{W}ins")] == ["Schrijfhulp (AI)"]
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_without_a_model_the_free_text_stays_open(qtbot, make_dialog: Callable[..., DraftDialog]) -> None:
    dialog = make_dialog(None)
    assert "Geen taalmodel geladen" in dialog.model_note.text()
    _afwijzing(dialog)
    with qtbot.waitSignal(dialog.drafted, timeout=60_000):
        dialog.make.click()
    assert "‘Motivering’ is open gelaten: er is geen taalmodel gebruikt." in dialog.status.text()
    assert "[Schrijf hier: motivering]" in [p.text for p in open_document(dialog.draft.path).paragraphs]


def test_a_refused_model_text_is_reported_and_the_slot_stays_open(
    qtbot, make_dialog: Callable[..., DraftDialog]
) -> None:
    dialog = make_dialog(FakeEngine(lambda _r: "Uw inkomen is € 2.400 per maand."))
    _afwijzing(dialog)
    with qtbot.waitSignal(dialog.drafted, timeout=60_000):
        dialog.make.click()
    assert "‘Motivering’ is open gelaten" in dialog.status.text() and "€ 2.400" in dialog.status.text()


def test_cancelling_stops_the_draft_and_writes_nothing(qtbot, make_dialog: Callable[..., DraftDialog]) -> None:
    engine = FakeEngine(lambda _r: GROUNDED, gate=threading.Event())
    dialog = make_dialog(engine)
    _afwijzing(dialog)
    target = Path(dialog.target.text())
    dialog.make.click()
    qtbot.waitUntil(engine.started.is_set, timeout=30_000)
    assert dialog.close_button.text() == "Annuleren"
    with qtbot.assertNotEmitted(dialog.drafted, wait=300):
        dialog.close_button.click()
    assert dialog.status.text() == "Geannuleerd: er is geen concept gemaakt."
    assert dialog.isVisible() and dialog.make.isEnabled()
    dialog.workers.wait()
    assert not target.exists()


def test_an_unexpected_failure_is_shown_not_raised(qtbot, make_dialog: Callable[..., DraftDialog]) -> None:
    def broken(_request: Request) -> str:
        raise RuntimeError("kapot")

    dialog = make_dialog(FakeEngine(broken))
    _afwijzing(dialog)
    dialog.make.click()
    qtbot.waitUntil(lambda: "kapot" in dialog.status.text(), timeout=30_000)
    assert dialog.status.text() == "Het concept kon niet worden gemaakt: kapot"
    assert dialog.make.isEnabled()


def test_the_file_chooser_opens_without_blocking(qtbot, make_dialog: Callable[..., DraftDialog]) -> None:
    dialog = make_dialog()
    browse = next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Bladeren…")
    browse.click()  # QDialog.exec is patched to fail: the chooser must use open()
    chooser = dialog.findChild(QFileDialog)
    assert chooser is not None and chooser.isVisible() and chooser.windowTitle() == "Opslaan als"
    chooser.fileSelected.emit(str(Path("/tmp/elders.docx")))
    assert dialog.target.text() == "/tmp/elders.docx"
    chooser.reject()
