"""The garbage collector's pause around opening and saving: nested, shared between threads, and
always undone (also after an error), leaving a collector that was off before off."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.document import reader, writer
from desktop.core.document.collector import collector_paused
from desktop.core.document.reader import open_document
from desktop.core.document.writer import save_document
from desktop.core.findings import Edit
from tests.docx_factory import build_docx, p, r

pytestmark = pytest.mark.core


@pytest.fixture(autouse=True)
def collector_running() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


def test_paused_inside_and_running_after() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_pauses_resume_when_the_outermost_ends() -> None:
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_resumed_after_an_error() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("kapot")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_two_threads_share_the_pause() -> None:
    """The collector runs again only when the last of two overlapping pauses ends, whichever ends first."""
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def first() -> None:
        with collector_paused():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with collector_paused():
            second_in.set()
            first_out.wait(5)
            seen["after the first ended"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == {"after the first ended": False}
    assert gc.isenabled()


def test_opening_and_saving_run_with_the_collector_paused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = build_docx(tmp_path / "brief.docx", p(r("Wij verzoeken u het formulier te retourneren.")))
    states: list[tuple[str, bool]] = []
    real_read, real_plan = reader.read_document, writer.plan_edits

    def read_document(*args: object) -> reader.Document:
        states.append(("read", gc.isenabled()))
        return real_read(*args)  # type: ignore[arg-type]

    def plan_edits(*args: object) -> writer.Plan:
        states.append(("write", gc.isenabled()))
        return real_plan(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(reader, "read_document", read_document)
    monkeypatch.setattr(writer, "plan_edits", plan_edits)
    doc = open_document(source)
    report = save_document(doc, [Edit("p0", 4, 13, "vragen", explanation="Korter.")], tmp_path / "uit.docx")
    assert report.applied
    assert states == [("read", False), ("write", False)]
    assert gc.isenabled()
