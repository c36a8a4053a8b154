"""Markdown rendering of data text: inert escapes and search highlights."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

from dashboard.matrix import Line
from dashboard.render import HIGHLIGHT, cell_markdown, escape_md, highlight_md, hit_spans


def test_markdown_syntax_is_escaped():
    """Links, images, emphasis, directives, maths and HTML come out as literal text."""
    out = escape_md("[a](javascript:x) ![i](http://x/y.png) **b** :red[c] $d$ <img src=x>")
    for raw in ("[a]", "](", "![", "**", ":red[", "$d$"):
        assert raw not in out
    assert "\\[a\\]" in out and "\\<img" in out


@given(st.text(max_size=50))
def test_escape_leaves_no_unescaped_punctuation(text):
    """Every ASCII punctuation character in the output is preceded by a backslash."""
    out = escape_md(text.replace("\r", "").replace("\n", ""))
    i = 0
    while i < len(out):
        if out[i] == "\\":
            i += 2
            continue
        assert out[i] not in string.punctuation, out
        i += 1


def test_hits_found_across_widths():
    """Full-width text matches a half-width query and vice versa, spans in original indices."""
    assert hit_spans("ＥＸＰＯ会場", "expo") == [(0, 4)]
    assert hit_spans("EXPO 2025", "ＥＸＰＯ") == [(0, 4)]
    assert hit_spans("万博と万博", "万博") == [(0, 2), (3, 5)]
    assert hit_spans("abc", "") == []


def test_highlight_wraps_hits_only():
    """Only the hit is wrapped; the rest stays escaped text."""
    out = highlight_md("Global Startup EXPO 2025", "expo")
    assert out == "Global Startup " + HIGHLIGHT.format("EXPO") + " 2025"
    assert highlight_md("[EXPO]", "expo") == "\\[" + HIGHLIGHT.format("EXPO") + "\\]"


def test_cell_markdown_nests_and_labels():
    """Labels bold in 【】, sub-items indented under their parent, empty cell dashed."""
    lines = [Line("label", "MaaS"), Line("item", "親", 1, "p"), Line("item", "子", 2, "p-1")]
    assert cell_markdown(lines) == "**【MaaS】**\n- 親\n    - 子"
    assert cell_markdown([]) == "—"


def test_urls_and_addresses_cannot_autolink():
    """Bare URLs, www. names and e-mail addresses get a word joiner so GFM does not link them."""
    out = escape_md("http://x.jp https://y.jp www.z.jp a@b.jp")
    assert "http\u2060\\:" in out and "https\u2060\\:" in out and "www\u2060\\." in out and "a\u2060\\@" in out
    assert escape_md("ふつうの文") == "ふつうの文"


def test_bidi_overrides_are_shown_as_codes():
    """An RLO/PDF pair cannot reorder the text after it; it is shown as its code point."""
    out = escape_md("右\u202eexe.txt\u202c")
    assert "\u202e" not in out and "\u202c" not in out
    assert "U\\+202E" in out and "U\\+202C" in out  # "+" is escaped too
