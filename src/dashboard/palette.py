"""Fixed colours for every chart: one colour per actor and per area, colour-blind safe.

The qualitative colours come from the Okabe–Ito palette (Okabe & Ito, "Color Universal Design",
2008), designed to stay distinguishable under protanopia, deuteranopia and tritanopia and
recommended by Japan's カラーユニバーサルデザイン guidance:

    black #000000, orange #E69F00, sky blue #56B4E9, bluish green #009E73,
    yellow #F0E442, blue #0072B2, vermillion #D55E00, reddish purple #CC79A7

Choices:
- Actors are the pair most charts compare, so they get the two strongest, most contrasting
  colours: 関西広域連合 (union) blue #0072B2, 構成府県市 (members) vermillion #D55E00. Blue
  against orange-red differs in hue *and* lightness, so it survives every colour-vision
  deficiency and greyscale printing; both reach at least 3:1 contrast on white (WCAG non-text
  contrast), so thin lines and markers stay visible.
- Areas take the six remaining non-yellow Okabe–Ito colours, chosen to hint at the subject
  (carbon neutrality green, flying cars sky blue). Yellow #F0E442 is left out: at 1.2:1 on
  white it is unreadable for text and thin lines. Areas and actors share two hues (blue,
  vermillion); no chart encodes both by colour at once.
- Phases are ordered, so they get three steps of one hue (light → dark) rather than
  unrelated colours.
- Heatmaps use a single-hue sequential blue scale (ColorBrewer "Blues"): lightness rises
  monotonically with the count, which every colour-vision type reads the same way. Zero is a
  very light blue-grey, not pure white, so empty cells stay visible as cells.
"""

from __future__ import annotations

# The Okabe–Ito palette by name.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

ACTOR_COLORS: dict[str, str] = {
    "union": OKABE_ITO["blue"],
    "members": OKABE_ITO["vermillion"],
}

AREA_COLORS: dict[str, str] = {
    "ls": OKABE_ITO["reddish_purple"],  # ライフサイエンス
    "cn": OKABE_ITO["bluish_green"],  # カーボンニュートラル
    "mob": OKABE_ITO["sky_blue"],  # 空飛ぶクルマ・MaaS
    "su": OKABE_ITO["orange"],  # スタートアップ
    "sme": OKABE_ITO["blue"],  # 中小企業の成長
    "hr": OKABE_ITO["vermillion"],  # 多様な人材の活躍
}

# Instrument types (taxonomy order): the eight Okabe–Ito colours; yellow only fills bars, never text.
INSTRUMENT_COLORS: dict[str, str] = {
    "outreach": OKABE_ITO["orange"],
    "matching": OKABE_ITO["sky_blue"],
    "funding": OKABE_ITO["bluish_green"],
    "rnd": OKABE_ITO["blue"],
    "infrastructure": OKABE_ITO["vermillion"],
    "talent": OKABE_ITO["reddish_purple"],
    "advisory": OKABE_ITO["yellow"],
    "institutions": OKABE_ITO["black"],
}

# Ordered phases: light → dark steps of one blue.
PHASE_COLORS: dict[str, str] = {
    "2024": "#6BAED6",
    "2025": "#2171B5",
    "2026": "#08306B",
}

# Progress statuses, from not started to done (greys → blues → green), discontinued and not reported apart.
STATUS_COLORS: dict[str, str] = {
    "not_started": "#BDBDBD",
    "preparing": OKABE_ITO["sky_blue"],
    "in_progress": OKABE_ITO["blue"],
    "done": OKABE_ITO["bluish_green"],
    "discontinued": OKABE_ITO["vermillion"],
    "none": "#EEEEEE",
}

# Sequential colorscale for heatmaps (ColorBrewer Blues, zero end tinted so empty cells show).
HEATMAP_COLORSCALE: list[list[float | str]] = [
    [0.0, "#EEF3F8"],
    [0.125, "#DEEBF7"],
    [0.25, "#C6DBEF"],
    [0.375, "#9ECAE1"],
    [0.5, "#6BAED6"],
    [0.625, "#4292C6"],
    [0.75, "#2171B5"],
    [0.875, "#08519C"],
    [1.0, "#08306B"],
]

# Neutral colours for text, lines and grids.
TEXT_COLOR = "#333333"
MUTED_COLOR = "#767676"  # 4.5:1 on white
LINE_COLOR = "#B0B0B0"
GRID_COLOR = "#E5E5E5"


def relative_luminance(hex_color: str) -> float:
    """WCAG 2 relative luminance of '#RRGGBB'."""
    h = hex_color.lstrip("#")
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_ratio(a: str, b: str = "#FFFFFF") -> float:
    """WCAG 2 contrast ratio between two '#RRGGBB' colours (1–21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
