"""Line breaking with 禁則 rules, glyph coverage and the font location."""

from __future__ import annotations

import pytest

from dashboard.report.errors import FontMissing
from dashboard.report.text import drawable, font_path, wrap


def width(s: str) -> float:
    return float(len(s))  # one unit per character


def test_lines_fit_and_nothing_is_lost():
    """Each line fits; joined, the lines are the text."""
    text = "関西広域連合が実施する取組と構成府県市の取組を掲載しています"
    lines = wrap(text, 7, width)
    assert all(len(ln) <= 7 for ln in lines) and "".join(lines) == text


def test_no_line_starts_with_closing_punctuation():
    """、。」） move with the character before them (or hang), 「（ never end a line."""
    lines = wrap("あいうえおか、きくけこさしすせ」そたちつてと（なにぬねの", 6, width)
    assert all(ln[0] not in "、。」）" for ln in lines[1:])
    assert all(ln[-1] not in "「（" for ln in lines)
    assert "".join(lines) == "あいうえおか、きくけこさしすせ」そたちつてと（なにぬねの"


def test_latin_words_break_at_spaces_and_long_ones_per_character():
    """Words stay whole where they fit; a word longer than the line is split, never cut."""
    assert wrap("Global Startup EXPO 2025", 10, width) == ["Global", "Startup", "EXPO 2025"]
    url = "http://127.0.0.1:8501/matrix?area=su"
    assert "".join(wrap(url, 8, width)) == url and all(len(ln) <= 8 for ln in wrap(url, 8, width))
    assert wrap("一行目\n二行目", 10, width) == ["一行目", "二行目"]


def test_characters_without_a_glyph_are_written_out():
    """Emoji that no embedded font has become [U+XXXX]; CO₂ stays (fallback font) or becomes CO2."""
    font = font_path()
    assert drawable("関西 KANSAI", font) == "関西 KANSAI"
    assert drawable("虹👩", font) == "虹[U+1F469]"
    assert drawable("CO₂", font) == "CO2"


def test_missing_font_says_how_to_install(tmp_path, monkeypatch):
    """$REPORT_FONT at a missing file: FontMissing with the apt-get command, in both languages."""
    monkeypatch.setenv("REPORT_FONT", str(tmp_path / "none.ttf"))
    with pytest.raises(FontMissing) as err:
        font_path()
    assert "apt-get install -y fonts-ipaexfont-gothic" in err.value.message("ja")
    assert "Run as root" in err.value.message("en")
