"""Regenerate the Japanese font the book's figures use: a subset of Noto Sans CJK JP holding only
the characters of the Japanese figure texts (loaded_dice.i18n.JAPANESE) and printable ASCII.

Usage: python scripts/subset_font.py [FOLDER]

FOLDER holds Noto Sans CJK Regular and Bold as collections (NotoSansCJK-Regular.ttc and
NotoSansCJK-Bold.ttc, Debian's fonts-noto-cjk; the Japanese member is picked by name). Without an installed copy, fetch the Debian package without
installing it:

    cd /tmp && apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb noto
    python scripts/subset_font.py /tmp/noto/usr/share/fonts/opentype/noto

The subset is a Modified Version under the SIL Open Font License 1.1 and is renamed
(loaded_dice.i18n.FONT_FAMILY); its licence sits beside it (loaded_dice/fonts/OFL.txt).
Run it after adding Japanese text to loaded_dice/i18n.py; tests/unit/test_i18n.py fails while
a character of a Japanese text is missing from the font.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaded_dice.i18n import FONT_FAMILY, FONT_PATHS, font_characters  # noqa: E402

DEFAULT_SOURCE = Path("/usr/share/fonts/opentype/noto")
JAPANESE_MEMBER = "Noto Sans CJK JP"


def open_japanese(source: Path) -> TTFont:
    if source.suffix.lower() == ".ttc":
        for font in TTCollection(str(source)).fonts:
            if font["name"].getDebugName(1) == JAPANESE_MEMBER:
                return font
        raise SystemExit(f"{source} has no member named {JAPANESE_MEMBER!r}")
    return TTFont(str(source))


def rename(font: TTFont, weight: str) -> None:
    """A subset is a Modified Version: give it its own family name."""
    postscript = FONT_FAMILY.replace(" ", "") + f"-{weight}"
    names = {1: FONT_FAMILY, 2: weight, 3: f"{postscript};subset", 4: f"{FONT_FAMILY} {weight}", 6: postscript}
    table = font["name"]
    for record in list(table.names):
        if record.nameID in (16, 17, 21, 22):
            table.removeNames(nameID=record.nameID)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        top.FamilyName = FONT_FAMILY
        top.FullName = f"{FONT_FAMILY} {weight}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_SOURCE)
    args = parser.parse_args(argv)
    wanted = font_characters()
    status = 0
    for target in FONT_PATHS:
        weight = target.stem.rsplit("-", 1)[1]
        source = args.folder / f"NotoSansCJK-{weight}.ttc"
        if not source.exists():
            raise SystemExit(f"no font at {source}: see the instructions at the top of this script")
        status |= cut(open_japanese(source), wanted, target, weight)
    return status


def cut(font: TTFont, wanted: set[str], target: Path, weight: str) -> int:
    options = subset.Options()
    options.layout_features = ["kern", "palt", "vert"]  # the few features a label can use
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 14]  # keep copyright and licence
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in sorted(wanted)])
    subsetter.subset(font)
    rename(font, weight)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(target))
    missing = sorted(c for c in wanted if ord(c) not in font.getBestCmap())
    print(f"{target.relative_to(ROOT)}: {len(wanted)} characters, {target.stat().st_size:,} bytes")
    if missing:
        print(f"the source font has no glyph for: {''.join(missing)!r}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
