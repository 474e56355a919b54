"""The Qt bindings the app is built on keep Python's reference counts: PySide6 6.12.0 released a reference to
True on every Signal.emit() from Python, and after enough emits (a few thousand: a long review with streamed
rewrites) the interpreter aborted ("Fatal Python error: bool_dealloc")."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal

pytestmark = pytest.mark.ui


class _Relay(QObject):
    item = Signal(int, object)
    bare = Signal()


def test_emitting_a_signal_leaves_the_reference_counts_as_they_were(qtbot) -> None:
    relay = _Relay()
    received: list[object] = []
    relay.item.connect(lambda _job, value: received.append(value))
    relay.bare.connect(lambda: received.append(None))
    before = sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)
    for number in range(100):
        relay.item.emit(number, "tekst")
        relay.bare.emit()
    received.clear()
    assert (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)) == before
