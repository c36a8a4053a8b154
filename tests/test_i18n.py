"""The message catalogue: complete in both languages, and every key the code asks for exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

from dashboard import i18n

ROOT = Path(__file__).resolve().parents[1]


def test_every_message_has_both_languages_and_formats():
    """Each key has ja and en texts; both format with the fields either of them takes."""
    fmt = string.Formatter()
    for key, texts in i18n.MESSAGES.items():
        assert set(texts) == {"ja", "en"}, key
        assert texts["ja"] or texts["en"], key  # one may be empty on purpose (e.g. a blank "no" flag)
        fields = {f for lang in ("ja", "en") for _, f, _, _ in fmt.parse(texts[lang]) if f}
        for lang in ("ja", "en"):
            i18n.catalogue(lang)(key, **dict.fromkeys(fields, "x"))


def test_every_literal_key_used_in_code_exists():
    """t("…") / ctx.t("…") / catalogue(…)("…") calls name existing keys."""
    pattern = re.compile(r"""\bt\(\s*["']([a-z_]+(?:\.[a-z0-9_]+)+)["']""")
    files = [*ROOT.glob("src/dashboard/*.py"), *ROOT.glob("views/*.py"), ROOT / "app.py"]
    used = {m for p in files for m in pattern.findall(p.read_text(encoding="utf-8"))}
    assert len(used) > 50
    assert sorted(k for k in used if k not in i18n.MESSAGES) == []


def test_unknown_language_falls_back_to_japanese():
    """A language outside the catalogue gives Japanese."""
    assert i18n.catalogue("fr")("page.overview") == "概要"
