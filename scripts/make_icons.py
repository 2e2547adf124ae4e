#!/usr/bin/env python3
"""Draw the application icon (a newspaper with the 江北报 masthead) as SVG and render PNG/ICO.

    python3 scripts/make_icons.py

Writes resources/icons/jiangbei-reader.svg (the full icon), jiangbei-reader-small.svg
(a simpler drawing for 16-32 px, where a three-character masthead is a smudge),
hicolor/<N>x<N>/apps/jiangbei-reader.png for every size, and jiangbei-reader.ico for
Windows shortcuts. The masthead characters are outlines taken from Noto Serif CJK SC
Bold (OFL; Debian's fonts-noto-cjk), so the SVG needs no font to render.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
ICON_NAME = "jiangbei-reader"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
#: Sizes drawn from the simplified SVG.
SMALL_MAX = 32
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
MASTHEAD_FONT = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc")
SC_INDEX = 2

RED = "#c8161d"  # the red of Chinese newspaper mastheads
PAPER = "#fbf8ef"
PAPER_EDGE = "#a89f8a"
INK = "#3b3935"
GREY = "#a39c8c"
PHOTO = "#7f9bb5"


def glyph_paths(font_path: Path, text: str, x: float, baseline: float, size: float) -> str:
    """SVG <path> elements drawing ``text`` at ``size`` units from ``x`` on ``baseline``."""
    with TTFont(font_path, fontNumber=SC_INDEX, lazy=True) as font:
        cmap = font.getBestCmap()
        glyphs = font.getGlyphSet()
        scale = size / font["head"].unitsPerEm
        out = []
        for ch in text:
            name = cmap[ord(ch)]
            pen = SVGPathPen(glyphs)
            glyphs[name].draw(pen)
            out.append(
                f'<path transform="translate({x:g} {baseline:g}) scale({scale:g} {-scale:g})" '
                f'd="{pen.getCommands()}"/>'
            )
            x += glyphs[name].width * scale
    return "\n    ".join(out)


def _svg(body: str, title: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <title>{title}</title>
  <!-- the paper under the front page -->
  <rect x="38" y="20" width="196" height="228" rx="12" fill="#000" fill-opacity="0.18"/>
  <rect x="30" y="14" width="196" height="228" rx="12" fill="{PAPER}"/>
{body}
  <rect x="31.5" y="15.5" width="193" height="225" rx="10.5" fill="none"
        stroke="{PAPER_EDGE}" stroke-width="3"/>
</svg>
"""


def _masthead(bottom: int) -> str:
    """The red band across the top of the sheet, its top corners rounded like the sheet's.

    A path rather than a clip path: Qt's SVG renderer (SVG Tiny) ignores clipPath.
    """
    return (
        f'    <path d="M30 {bottom} V26 A12 12 0 0 1 42 14 H214 A12 12 0 0 1 226 26 '
        f'V{bottom} Z" fill="{RED}"/>'
    )


def full_icon(font_path: Path) -> str:
    """The icon for 48 px and up: masthead 江北报, a rule, headline, photo and columns."""
    masthead = glyph_paths(font_path, "江北报", 50, 76, 52)
    lines = "\n".join(
        f'    <rect x="130" y="{y}" width="78" height="7" rx="2" fill="{GREY}"/>'
        for y in (146, 161, 176, 191)
    )
    body = f"""{_masthead(96)}
    <g fill="#ffffff">
    {masthead}
    </g>
    <rect x="48" y="104" width="160" height="4" fill="{RED}"/>
    <rect x="48" y="118" width="160" height="16" rx="3" fill="{INK}"/>
    <rect x="48" y="146" width="70" height="52" rx="3" fill="{PHOTO}"/>
{lines}
    <rect x="48" y="210" width="160" height="7" rx="2" fill="{GREY}"/>
    <rect x="48" y="224" width="118" height="7" rx="2" fill="{GREY}"/>"""
    return _svg(body, "江北报阅读器")


def small_icon(font_path: Path) -> str:
    """The icon for 16-32 px: a big 报 on the red masthead and two thick lines."""
    masthead = glyph_paths(font_path, "报", 86, 108, 86)
    body = f"""{_masthead(132)}
    <g fill="#ffffff">
    {masthead}
    </g>
    <rect x="52" y="158" width="152" height="22" rx="4" fill="{INK}"/>
    <rect x="52" y="200" width="152" height="18" rx="4" fill="{GREY}"/>"""
    return _svg(body, "江北报阅读器")


def render_png(svg: Path, size: int, target: Path) -> bytes:
    """Render an SVG to a square PNG with Qt's SVG renderer; return the PNG bytes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: Qt cannot read this SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    png = bytes(data.data())
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(png)
    return png


def write_ico(images: dict[int, bytes], target: Path) -> None:
    """A Windows .ico holding PNG images (supported since Windows Vista)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    target.write_bytes(header + entries + blobs)


def main(argv: list[str] | None = None) -> int:
    """Write the SVGs, the PNG sizes and the ICO."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--font", type=Path, default=MASTHEAD_FONT)
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "icons")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    full_svg = out / f"{ICON_NAME}.svg"
    small_svg = out / f"{ICON_NAME}-small.svg"
    full_svg.write_text(full_icon(args.font), encoding="utf-8")
    small_svg.write_text(small_icon(args.font), encoding="utf-8")
    pngs: dict[int, bytes] = {}
    for size in SIZES:
        source = small_svg if size <= SMALL_MAX else full_svg
        target = out / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"
        pngs[size] = render_png(source, size, target)
        print(f"{target.relative_to(ROOT)}: {len(pngs[size])} bytes")
    write_ico({size: pngs[size] for size in ICO_SIZES}, out / f"{ICON_NAME}.ico")
    print(f"{full_svg.relative_to(ROOT)}, {small_svg.relative_to(ROOT)}, {ICON_NAME}.ico written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
