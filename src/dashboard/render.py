"""Text for Streamlit's markdown: data and URL text escaped to inert literals, search hits marked.

Streamlit escapes HTML in st.markdown, but markdown syntax (links, images, emphasis, its own
`:color[...]` directives, `$` maths) would still be interpreted; every character that could
start such syntax is backslash-escaped here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .filters import normalise, search_terms
from .matrix import Line

# Every ASCII punctuation character is escapable in CommonMark; escape them all.
_ESCAPE = {c: "\\" + c for c in "\\`*_{}[]()#+-.!|<>~:$=\"'&%/;?@^,"}
HIGHLIGHT = ":orange-background[{}]"


# GFM turns bare URLs, www. names and e-mail addresses into links even when escaped; a word joiner
# (U+2060, invisible) after the scheme, "www" or before "@" keeps them plain text on screen.
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|www)(?=[:.])|(?=@)")
WORD_JOINER = "\u2060"


# Bidi embedding/override/isolate controls would reorder what follows them on screen; show them as codes.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def escape_md(text: str) -> str:
    """`text` as literal markdown: punctuation escaped, newlines kept as hard breaks, no autolinks,
    bidi overrides shown as [U+202E]-style codes."""
    text = _AUTOLINK.sub(lambda m: (m.group(1) or "") + WORD_JOINER, str(text))
    text = _BIDI.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)
    out = "".join(_ESCAPE.get(c, c) for c in text)
    return out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "  \n")


def _norm_map(text: str) -> tuple[str, list[int]]:
    """Normalised text (NFKC + casefold, char by char) and, per output char, its source index."""
    chars: list[str] = []
    index: list[int] = []
    for i, c in enumerate(text):
        n = normalise(c)
        chars.append(n)
        index.extend([i] * len(n))
    return "".join(chars), index


def hit_spans(text: str, query: str) -> list[tuple[int, int]]:
    """(start, end) spans of `text` matching any search term, merged and sorted."""
    terms = search_terms(query)
    if not terms:
        return []
    norm, index = _norm_map(text)
    spans = []
    for term in terms:
        start = norm.find(term)
        while start >= 0:
            end = start + len(term)
            spans.append((index[start], index[end - 1] + 1))
            start = norm.find(term, end)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def highlight_md(text: str, query: str) -> str:
    """Escaped markdown of `text` with each search hit wrapped in a highlight directive."""
    spans = hit_spans(text, query)
    out, pos = [], 0
    for s, e in spans:
        out.append(escape_md(text[pos:s]))
        out.append(HIGHLIGHT.format(escape_md(text[s:e])))
        pos = e
    out.append(escape_md(text[pos:]))
    return "".join(out)


# Badge colours (Streamlit's markdown badges) per progress status; the badge's text says the status.
BADGE_COLORS = {
    "not_started": "gray",
    "preparing": "blue",
    "in_progress": "violet",
    "done": "green",
    "discontinued": "red",
    "mixed": "orange",
    "none": "gray",
}
_BADGE_TEXT = re.compile(r"[\[\]\\:]")


def badge_md(status: str, text: str) -> str:
    """A labelled badge, `:green-badge[実施済 100%]` (brackets, colons and backslashes dropped from the text)."""
    return f":{BADGE_COLORS.get(status, 'gray')}-badge[{_BADGE_TEXT.sub(' ', text).strip()}]"


def cell_markdown(
    lines: list[Line], query: str = "", empty: str = "—", badges: Mapping[str, tuple[str, str]] | None = None
) -> str:
    """A matrix cell as a markdown list: 【】 labels bold, sub-items nested, hits highlighted, and after
    each item its progress badge when `badges` (id → (status, text)) has one."""
    if not lines:
        return escape_md(empty)
    out = []
    for ln in lines:
        if ln.kind == "label":
            out.append(f"**{escape_md('【' + ln.text + '】')}**")
        else:
            indent = "    " if ln.level == 2 else ""
            badge = badges.get(ln.id) if badges and ln.id is not None else None
            tail = f" {badge_md(*badge)}" if badge else ""
            out.append(f"{indent}- {highlight_md(ln.text, query)}{tail}")
    return "\n".join(out)
