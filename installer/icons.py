"""The app icon in the formats the platforms want, drawn from resources/icons/schrijfhulp.svg.

Linux desktops take the SVG itself plus PNGs in the hicolor theme; Windows wants an .ico for the
executables, the Start-menu shortcut and Add/Remove Programs. The PNGs are rendered with Qt's SVG
renderer (already part of the app) and the .ico holds them PNG-compressed, as Windows Vista and
later read them.

Usage: python installer/icons.py [OUT_DIR [SVG]]   (default: build/icons, the app's icon)
"""

from __future__ import annotations

import os
import struct
import subprocess
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


def icon_paths(out_dir: Path) -> dict[str, Path]:
    """Where :func:`write_icons` puts each icon in ``out_dir`` (png<size>, ico, svg)."""
    paths = {f"png{size}": out_dir / f"schrijfhulp-{size}.png" for size in PNG_SIZES}
    paths["ico"] = out_dir / "schrijfhulp.ico"
    paths["svg"] = out_dir / "schrijfhulp.svg"
    return paths


def write_icons(out_dir: Path, svg: Path = SVG) -> dict[str, Path]:
    """Render and write the icons into ``out_dir`` in this process (creates a QGuiApplication)."""
    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    application = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    pngs = {size: render_png(svg, size) for size in PNG_SIZES}
    del application
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = icon_paths(out_dir)
    for size, data in pngs.items():
        paths[f"png{size}"].write_bytes(data)
    paths["ico"].write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    paths["svg"].write_bytes(svg.read_bytes())
    return paths


def build_icons(out_dir: Path, svg: Path = SVG) -> dict[str, Path]:
    """Write schrijfhulp.svg, schrijfhulp-<size>.png and schrijfhulp.ico into ``out_dir``.

    The drawing happens in a child process: Qt allows one application object per process, and a
    QGuiApplication left behind here would break a caller that later needs widgets (a test run
    that goes on to the UI tests aborted on exactly that).
    """
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, str(Path(__file__).resolve()), str(out_dir), str(svg)], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    return icon_paths(out_dir)


def main(argv: Sequence[str] | None = None) -> int:
    """Render the icons into the folder given (default build/icons) from the SVG given."""
    args = list(sys.argv[1:] if argv is None else argv)
    out_dir = Path(args[0]) if args else REPO / "build" / "icons"
    svg = Path(args[1]) if len(args) > 1 else SVG
    for path in write_icons(out_dir, svg).values():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
