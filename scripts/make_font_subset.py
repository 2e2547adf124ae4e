#!/usr/bin/env python3
"""Make the bundled CJK fonts: subsets of Noto Sans/Serif CJK SC for GB2312 and the editions.

Run it again whenever editions bring new characters:

    python3 scripts/make_font_subset.py            # regenerate resources/fonts/*.otf
    python3 scripts/make_font_subset.py --check    # only check the committed fonts

The character set is GB2312 (every valid code point, decoded with Python's
codec), ASCII and Latin-1, the punctuation and symbol blocks Chinese text uses,
full-width forms, every character of the edition files and of the package's
source (UI text). The faces are renamed (Jiangbei Sans SC / Jiangbei Serif SC):
a modified OFL font should not carry the original's name, and a distinct name
keeps Qt from confusing the subset with an installed Noto CJK.

Exit status 1 when a character of an edition is not covered by every face.
Needs fontTools and Debian's fonts-noto-cjk (or --source-dir with the .ttc files).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jiangbei_reader.core.fontcheck import characters_needing_glyphs  # noqa: E402
from jiangbei_reader.core.library import find_edition_files  # noqa: E402
from jiangbei_reader.core.textio import decode_edition_bytes  # noqa: E402

DEFAULT_SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
#: Index of the Simplified Chinese face inside Noto's CJK collections (JP, KR, SC, TC, HK).
SC_INDEX = 2


@dataclass(frozen=True)
class Face:
    """One output font: where it comes from and what it is called."""

    source: str
    output: str
    family: str
    style: str


FACES = (
    Face("NotoSansCJK-Regular.ttc", "JiangbeiSansSC-Regular.otf", "Jiangbei Sans SC", "Regular"),
    Face("NotoSansCJK-Bold.ttc", "JiangbeiSansSC-Bold.otf", "Jiangbei Sans SC", "Bold"),
    Face("NotoSerifCJK-Regular.ttc", "JiangbeiSerifSC-Regular.otf", "Jiangbei Serif SC", "Regular"),
)

#: Blocks Chinese text and its typesetting use, beyond GB2312 itself.
EXTRA_RANGES = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1: ° × ÷ ± § © ® ·
    (0x2010, 0x205E),  # general punctuation: dashes, quotes, …, ‰, ※
    (0x2100, 0x218F),  # letterlike symbols and number forms: ℃ № Ⅻ
    (0x2190, 0x21FF),  # arrows
    (0x2460, 0x24FF),  # enclosed alphanumerics: ①
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes: ■ ▲ ◆ ○ ●
    (0x2600, 0x26FF),  # miscellaneous symbols: ★ ☆ ☎
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3200, 0x32FF),  # enclosed CJK: ㈠
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE6F),  # CJK compatibility and small forms
    (0xFF00, 0xFFEF),  # half-width and full-width forms
)

#: OpenType features HarfBuzz applies to horizontal text by default, except
#: locl: the SC face's default glyphs are already the Chinese forms, and locl
#: (JP/KR/TC forms), vert or fwid would pull in thousands of glyphs the reader
#: never shows.
LAYOUT_FEATURES = ["ccmp", "liga", "clig", "calt", "rlig", "kern", "mark", "mkmk"]


def gb2312_characters() -> set[str]:
    """Every character of GB2312, by decoding each valid two-byte code."""
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def range_characters() -> set[str]:
    """The characters of EXTRA_RANGES."""
    return {chr(cp) for start, end in EXTRA_RANGES for cp in range(start, end + 1)}


def edition_characters(roots: Iterable[Path]) -> dict[str, Path]:
    """Every character the edition files use, each with the first file using it."""
    files, _ = find_edition_files(roots)
    found: dict[str, Path] = {}
    for path in files:
        decoded = decode_edition_bytes(path.read_bytes(), path)
        if decoded.text is None:
            print(f"{path}: skipped, not text", file=sys.stderr)
            continue
        for ch in sorted(characters_needing_glyphs(decoded.text)):
            found.setdefault(ch, path)
    return found


def source_characters(package: Path) -> set[str]:
    """Non-ASCII characters of the package's source: the Chinese UI text."""
    chars: set[str] = set()
    for path in sorted(package.rglob("*.py")):
        chars |= {ch for ch in path.read_text(encoding="utf-8") if ord(ch) > 0x7F}
    return characters_needing_glyphs("".join(chars))


def _rename(font: TTFont, face: Face) -> None:
    """Give the subset its own family name (OFL: a modified font gets a new name)."""
    name = font["name"]
    postscript = face.family.replace(" ", "") + "-" + face.style
    full = face.family if face.style == "Regular" else f"{face.family} {face.style}"
    old_version = name.getDebugName(5) or ""
    # Drop every localized record (the Chinese names are the original's names).
    name.names = [r for r in name.names if r.platformID == 3 and r.langID == 0x409]
    for name_id in (16, 17, 21, 22):  # typographic names, if any
        name.removeNames(nameID=name_id)
    for name_id, value in (
        (1, face.family),
        (2, face.style),
        (3, f"{postscript};subset of {name.getDebugName(6)}"),
        (4, full),
        (5, f"{old_version.split(';')[0]}; subset for jiangbei_reader"),
        (6, postscript),
    ):
        name.setName(value, name_id, 3, 1, 0x409)
    cff = font["CFF "].cff
    cff.fontNames = [postscript]
    top = cff.topDictIndex[0]
    top.FullName = full
    top.FamilyName = face.family


def make_face(face: Face, source_dir: Path, chars: set[str], out_dir: Path) -> Path:
    """Subset one source face to ``chars`` and write it as an OpenType (CFF) file."""
    source = source_dir / face.source
    options = subset.Options()
    options.layout_features = LAYOUT_FEATURES
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    # Keep the source's timestamp so that the same input gives the same bytes.
    font = TTFont(source, fontNumber=SC_INDEX, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(ch) for ch in chars))
    subsetter.subset(font)
    _rename(font, face)
    target = out_dir / face.output
    font.save(target, reorderTables=True)
    font.close()
    return target


def coverage(path: Path) -> set[int]:
    """The code points a font maps."""
    with TTFont(path, lazy=True) as font:
        return set(font.getBestCmap())


def check(fonts: list[Path], needed: dict[str, Path]) -> int:
    """Report edition characters any font lacks; the number of such characters."""
    lacking: dict[str, Path] = {}
    for path in fonts:
        if not path.exists():
            print(f"{path}: missing; run scripts/make_font_subset.py", file=sys.stderr)
            return len(needed) or 1
        covered = coverage(path)
        for ch, where in needed.items():
            if ord(ch) not in covered:
                lacking.setdefault(ch, where)
                print(f"{where}: U+{ord(ch):04X} {ch!r} is not in {path.name}", file=sys.stderr)
    return len(lacking)


def main(argv: list[str] | None = None) -> int:
    """Regenerate (or with --check, only check) the bundled fonts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="only check the committed fonts")
    parser.add_argument("--source-dir", type=Path, default=DEFAULT_SOURCE_DIR)
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "fonts")
    parser.add_argument(
        "--editions",
        type=Path,
        action="append",
        help="edition folders or files (default: editions/); repeatable",
    )
    args = parser.parse_args(argv)
    roots = args.editions or [ROOT / "editions"]
    needed = edition_characters(roots)
    fonts = [args.out / face.output for face in FACES]
    if not args.check:
        base = gb2312_characters()
        chars = (
            base | range_characters() | set(needed) | source_characters(ROOT / "jiangbei_reader")
        )
        args.out.mkdir(parents=True, exist_ok=True)
        for face in FACES:
            started = time.perf_counter()
            target = make_face(face, args.source_dir, chars, args.out)
            covered = coverage(target)
            print(
                f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: "
                f"{target.stat().st_size / 1e6:.2f} MB, {len(covered)} characters, "
                f"GB2312 {sum(ord(c) in covered for c in base)}/{len(base)}, "
                f"{time.perf_counter() - started:.1f} s"
            )
        total = sum(path.stat().st_size for path in fonts)
        print(f"total {total / 1e6:.2f} MB for {len(fonts)} faces")
    missing = check(fonts, needed)
    print(
        f"editions: {len(needed)} distinct characters in {', '.join(map(str, roots))}; "
        f"{len(needed) - missing} covered by every face, {missing} not"
    )
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
