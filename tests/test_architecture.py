"""House rules that keep the code easy to change."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "dashboard"
UI_MODULES = {"ui.py"}


def test_only_the_ui_layer_imports_streamlit():
    """No module in src/dashboard but ui.py imports streamlit."""
    offenders = [
        p.name
        for p in SRC.glob("*.py")
        if p.name not in UI_MODULES and re.search(r"^\s*(import|from)\s+streamlit", p.read_text(), re.M)
    ]
    assert offenders == []
