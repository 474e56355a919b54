"""The app icon as PNGs and .ico, drawn without leaving a Qt application behind in the caller."""

from __future__ import annotations

import struct
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from installer import icons

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_icons_are_drawn_in_a_child_process_and_the_ico_holds_every_size(tmp_path: Path) -> None:
    before = QCoreApplication.instance()
    written = icons.build_icons(tmp_path)
    # A QGuiApplication left in this process made every later QWidget abort the test run.
    assert QCoreApplication.instance() is before

    for size in icons.PNG_SIZES:
        png = written[f"png{size}"].read_bytes()
        assert png.startswith(PNG_SIGNATURE)
        assert struct.unpack(">II", png[16:24]) == (size, size)
    ico = written["ico"].read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(icons.ICO_SIZES))
    widths = [ico[6 + 16 * index] or 256 for index in range(count)]
    assert widths == sorted(icons.ICO_SIZES)
    assert written["svg"].read_bytes() == icons.SVG.read_bytes()
