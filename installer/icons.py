"""The app icon in the formats the platforms want, drawn from resources/icons/schrijfhulp.svg.

Linux desktops take the SVG itself plus PNGs in the hicolor theme; Windows wants an .ico for the
executables, the Start-menu shortcut and Add/Remove Programs. The PNGs are rendered with Qt's SVG
renderer (already part of the app) and the .ico holds them PNG-compressed, as Windows Vista and
later read them.

Usage: python installer/icons.py [OUT_DIR]   (default: build/icons)
"""

from __future__ import annotations

import os
import struct
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SVG = REPO / "resources" / "icons" / "schrijfhulp.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 256)


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn at ``size`` x ``size`` pixels, as PNG bytes (needs a QGuiApplication)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG image")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError(f"Qt could not encode a {size}px PNG")
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico file holding the given PNG images (size -> PNG bytes)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        data = pngs[size]
        # Width and height 0 mean 256 in an ICONDIRENTRY.
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def build_icons(out_dir: Path, svg: Path = SVG) -> dict[str, Path]:
    """Write schrijfhulp.svg, schrijfhulp-<size>.png and schrijfhulp.ico into ``out_dir``."""
    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    application = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    pngs = {size: render_png(svg, size) for size in PNG_SIZES}
    del application
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for size, data in pngs.items():
        path = out_dir / f"schrijfhulp-{size}.png"
        path.write_bytes(data)
        written[f"png{size}"] = path
    ico = out_dir / "schrijfhulp.ico"
    ico.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    written["ico"] = ico
    copy = out_dir / "schrijfhulp.svg"
    copy.write_bytes(svg.read_bytes())
    written["svg"] = copy
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Render the icons into the folder given (default build/icons)."""
    args = list(sys.argv[1:] if argv is None else argv)
    out_dir = Path(args[0]) if args else REPO / "build" / "icons"
    for path in build_icons(out_dir).values():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
