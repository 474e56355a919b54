"""What the model's work cost shows in the B1 preview and the status bar, and goes into the audit log on save."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from desktop.core.model.energy import CostMeter, ModelCost
from desktop.core.model.engine import Completion, EngineInfo, Request, TextCallback
from desktop.core.policy.disclosure import ModelUse
from desktop.core.privacy import audit_log
from desktop.core.privacy.secure_store import open_store
from desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.ui


class CountingEngine:
    """Streams an answer the guards refuse; counts its work as the real engine does (seconds, tokens, CPU)."""

    info = EngineInfo("Nepmodel", "nep.gguf", "cc" * 32, None, 2, 4096)

    def __init__(self) -> None:
        self.meter = CostMeter()

    def complete(
        self, request: Request, cancel: threading.Event | None = None, on_text: TextCallback | None = None
    ) -> Completion:
        text = "Wij sturen u een brief."
        raw = json.dumps({"tekst": text})
        for count in range(1, len(raw) + 1):
            if on_text is not None:
                on_text(raw[:count])
        completion = Completion(text, raw, 120, 30, 0.5, 2.0, "stop", cpu_seconds=3.6)
        self.meter.add(ModelCost.of([completion]))
        return completion


def test_the_model_work_is_shown_and_kept_with_the_document(
    qtbot, secret_service: None, window: MainWindow, letter_docx, tmp_path: Path
) -> None:
    engine = CountingEngine()
    window.model._on_loaded(engine)  # type: ignore[arg-type]
    engine.meter.add(ModelCost(5.0, 10, 10, 5.0))  # work before this document (another one) is not its cost
    with qtbot.waitSignal(window.controller.opened, timeout=30_000):
        window.open_path(letter_docx("016_brief"))
    assert window.status.cost_label.isHidden()
    document = window.document
    paragraph = next(p for p in document.paragraphs if len(p.text.split()) > 30)
    cursor = window.review.view.textCursor()
    cursor.setPosition(window.review.view.view_position(paragraph.id, 1))
    window.review.view.setTextCursor(cursor)
    window.review.rewrite_b1()
    qtbot.waitUntil(lambda: window.review.preview.result is not None, timeout=30_000)

    result = window.review.preview.result
    cost = ModelCost.of(result.completions)
    assert cost.tokens == 30 * len(result.completions)
    assert cost.cpu_seconds == pytest.approx(3.6 * len(result.completions))
    assert window.review.preview.cost.text() == f"Taalmodel: {cost.describe()}"
    assert window.controller.model_cost.describe() == cost.describe()  # only this rewrite, not the earlier work
    label = window.status.cost_label
    assert label.isVisible() and label.text() == f"Dit document: {cost.describe()}"

    with qtbot.waitSignal(window.controller.saved, timeout=30_000):
        window.controller.save(tmp_path / "bewaard.docx", ModelUse(), clean=False, visible=None, text=None)
    [(_created, entry)] = audit_log.read_entries(open_store(allow_unsafe=False))[0]
    assert entry.model_tokens == cost.tokens and entry.model_wh == pytest.approx(cost.watt_hours, abs=1e-4)
