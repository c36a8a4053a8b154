"""Parse the extracted plan text (data/source/action_plan_2024.txt) into its table cells.

Used by the fidelity tests to compare the curated CSV with the document itself. Knows the
extraction's layout: one tab-separated table per area, a continuation row (leading tab)
for a second 【】 block, `<ul …>` markup, ▶ and ・ bullets; two area headings are missing,
so areas are assigned by table order and checked against the headings that are present.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .schema import ACTOR_ROW_HEADINGS, AREAS, PHASE_CODES

UL_TAG = re.compile(r"</?ul[^>]*>")
BLOCK_LABEL = re.compile(r"【([^】]+)】")
MARKERS = ("▶", "・")
VISION_MARK = "万博後の\n関西のありたい姿"


@dataclass
class AreaSection:
    """What the document says for one area."""

    code: str
    heading: str | None  # None where the extraction lost it
    vision: str
    themes: dict[str, str]
    # (actor_code, phase_code, sub_theme or None) -> raw cell text (markup included)
    cells: dict[tuple[str, str, str | None], str] = field(default_factory=dict)


def split_blocks(cell: str) -> list[tuple[str | None, str]]:
    """Split a raw cell into (【label】 or None, text) blocks."""
    parts = BLOCK_LABEL.split(cell)
    if len(parts) == 1:
        return [(None, cell)]
    blocks = []
    if parts[0].strip():
        blocks.append((None, parts[0]))
    for label, text in zip(parts[1::2], parts[2::2], strict=True):
        blocks.append((label, text))
    return blocks


def strip_markup(text: str) -> str:
    """Remove markup, 【】 labels, bullet markers and all whitespace (the fidelity comparison form)."""
    text = UL_TAG.sub(" ", text)
    text = BLOCK_LABEL.sub(" ", text)
    for m in MARKERS:
        text = text.replace(m, " ")
    return "".join(text.split())


def plain(text: str) -> str:
    """Whitespace-free NFC form, for comparing prose fields."""
    return "".join(unicodedata.normalize("NFC", text).split())


def parse_document(text: str) -> list[AreaSection]:
    """Return one AreaSection per area table, in document order."""
    lines = text.split("\n")
    table_starts = [i for i, ln in enumerate(lines) if ln.startswith("年度\t")]
    vision_marks = [m.end() for m in re.finditer(re.escape(VISION_MARK), text)]
    if len(table_starts) != len(AREAS) or len(vision_marks) != len(AREAS):
        raise ValueError(f"expected {len(AREAS)} tables, found {len(table_starts)} tables, {len(vision_marks)} visions")
    sections = []
    offsets = _line_offsets(lines)
    for n, (area, start) in enumerate(zip(AREAS, table_starts, strict=True)):
        # The vision: first non-empty paragraph after the vision mark.
        after = text[vision_marks[n] :].lstrip("\n")
        vision = after.split("\n", 1)[0].strip()
        heading = _heading_before(lines, offsets, text, vision_marks[n])
        theme_line = lines[start + 1]
        assert theme_line.startswith("テーマ\t"), theme_line
        themes = dict(zip(PHASE_CODES, theme_line.split("\t")[1:], strict=True))
        section = AreaSection(area.code, heading, vision, themes)
        actor = None
        for ln in lines[start + 2 :]:
            if not ln.strip():
                break
            fields = ln.split("\t")
            head = fields[0]
            if head:
                actor = next(code for code, h in ACTOR_ROW_HEADINGS.items() if h == head)
            cells = fields[1:]
            if len(cells) != len(PHASE_CODES):
                raise ValueError(f"{area.code}: row with {len(cells)} cells: {ln[:40]}")
            for phase, cell in zip(PHASE_CODES, cells, strict=True):
                if not cell.strip():
                    continue
                for label, block in split_blocks(cell):
                    key = (actor, phase, label)
                    if key in section.cells:
                        raise ValueError(f"{area.code}: cell {key} appears twice")
                    section.cells[key] = block
        sections.append(section)
    return sections


def _line_offsets(lines: list[str]) -> list[int]:
    offsets, pos = [], 0
    for ln in lines:
        offsets.append(pos)
        pos += len(ln) + 1
    return offsets


def _heading_before(lines: list[str], offsets: list[int], text: str, mark_end: int) -> str | None:
    """The area heading just above a vision mark, if the extraction kept it."""
    mark_start = mark_end - len(VISION_MARK)
    idx = max(i for i, off in enumerate(offsets) if off <= mark_start)
    for ln in reversed(lines[:idx]):
        if ln.strip():
            name = ln.strip()
            return name if name in {a.ja for a in AREAS} else None
    return None


GAP_OK = re.compile(r"^(?:\s|<ul[^>]*>|</ul>|[▶・]|【[^】]*】)*$")


def scan_items(raw: str, items: list[str]) -> tuple[list[str], list[bool]]:
    """Find `items` in `raw` in order, each whole and separated only by markup or space.

    Returns (problems, nested) where nested[i] says the gap before item i held a ▶ marker.
    """
    problems: list[str] = []
    nested: list[bool] = []
    pos = 0
    for text in items:
        at = raw.find(text, pos)
        if at < 0:
            problems.append(f"not found in order: {text}")
            nested.append(False)
            continue
        gap = raw[pos:at]
        if not GAP_OK.match(gap):
            problems.append(f"text before '{text[:20]}' is not in any item: {gap.strip()[:40]}")
        end = at + len(text)
        if end < len(raw) and not (raw[end].isspace() or raw[end] == "<"):
            problems.append(f"item ends inside a word: {text[-10:]}|{raw[end : end + 10]}")
        nested.append("▶" in gap)
        pos = end
    if not GAP_OK.match(raw[pos:]):
        problems.append(f"text after the last item: {raw[pos:].strip()[:40]}")
    return problems, nested


def nested_list_lost_markers(raw: str) -> bool:
    """True where a cell opens a nested list but no ▶ marks its items."""
    return len(re.findall(r"<ul", raw)) > 1 and "▶" not in raw
