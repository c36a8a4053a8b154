"""Text for the PDF: the embedded Japanese font, glyph coverage and line breaking with 禁則 rules.

The font is IPAex Gothic (Debian package fonts-ipaexfont-gothic): TrueType outlines, so every PDF
reader, pypdf included, maps the embedded subset back to Unicode. $REPORT_FONT points at another
TrueType font file.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

from .errors import FontMissing

FONT_PACKAGE = "fonts-ipaexfont-gothic"
FONT_ENV = "REPORT_FONT"
FONT_PATHS = (
    Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
    Path("/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf"),
    Path("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf"),
)
INSTALL_COMMAND = f"apt-get install -y {FONT_PACKAGE}"
# Characters IPAex lacks (CO₂'s subscript, some symbols) come from DejaVu Sans (fonts-dejavu-core) when present.
FALLBACK_PACKAGE = "fonts-dejavu-core"
FALLBACK_PATHS = (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),)

# Characters a line must not start with (行頭禁則) or end with (行末禁則), JIS X 4051 in short.
NO_START = frozenset(
    "、。，．,.)）]］｝〕〉》」』】〙〗〟’”｠»ゝゞーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖ…‥・:;：；!?！？%％"
)
NO_END = frozenset("(（[［｛〔〈《「『【〘〖〝‘“｟«")
HANGING = frozenset("、。，．,.")  # may hang past the right edge (ぶら下げ)
# A Latin word, number or URL stays whole when it fits on a line; everything else breaks per character.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9@#$%&*+\-/=_.,:;'\"!?()<>\[\]{}~^|\\]*|\s|.", re.S)


def font_path() -> Path:
    """The TrueType font file to embed ($REPORT_FONT, else the Debian package's file)."""
    override = os.environ.get(FONT_ENV, "").strip()
    candidates = (Path(override),) if override else FONT_PATHS
    for path in candidates:
        if path.is_file():
            return path
    raise FontMissing(path=candidates[0], command=INSTALL_COMMAND)


def fallback_path() -> Path | None:
    """The fallback font file, or None (then such characters are drawn as NFKC or [U+XXXX])."""
    return next((p for p in FALLBACK_PATHS if p.is_file()), None)


@lru_cache(maxsize=4)
def _coverage(path: str) -> frozenset[int]:
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


def drawable(text: str, path: Path, fallback: Path | None = None) -> str:
    """`text` with every character no embedded font can draw replaced: by its NFKC form when that is
    drawable (₂ → 2 without a fallback font), else written as [U+XXXX] — nothing dropped silently."""
    cover = _coverage(str(path)) | (_coverage(str(fallback)) if fallback else frozenset())
    if all(ord(ch) in cover or ch == "\n" for ch in text):
        return text

    def one(ch: str) -> str:
        if ord(ch) in cover or ch == "\n":
            return ch
        folded = unicodedata.normalize("NFKC", ch)
        if folded != ch and all(ord(c) in cover for c in folded):
            return folded
        return f"[U+{ord(ch):04X}]"

    return "".join(map(one, text))


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """`text` broken into lines at most `width` wide (as `measure` says), newlines kept, never cut.

    Japanese breaks between any two characters except before NO_START / after NO_END characters
    (the neighbour moves along); 、。 may hang; Latin words break at spaces, or per character when
    longer than a line.
    """
    out: list[str] = []
    for para in text.split("\n"):
        lines: list[str] = []
        line, used = "", 0.0
        for tok in _TOKEN.findall(para):
            if tok.isspace() and not line and lines:
                continue  # no space at the start of a wrapped line
            w = measure(tok)
            if used + w <= width:
                line, used = line + tok, used + w
                continue
            if tok.isspace():
                lines.append(line.rstrip())
                line, used = "", 0.0
                continue
            if tok in HANGING and line:
                line, used = line + tok, used + w
                continue
            carry = ""
            if tok[0] in NO_START and len(line) > 1:
                carry, line = line[-1], line[:-1]
            while len(line) > 1 and line[-1] in NO_END:
                carry, line = line[-1] + carry, line[:-1]
            if line.strip():
                lines.append(line.rstrip())
            line = carry
            used = measure(line)
            if used + w <= width:
                line, used = line + tok, used + w
                continue
            for ch in tok:  # a word longer than a line: per character
                cw = measure(ch)
                if used + cw > width and line:
                    lines.append(line)
                    line, used = "", 0.0
                line, used = line + ch, used + cw
        lines.append(line.rstrip())
        out.extend(lines)
    return out
