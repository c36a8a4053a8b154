"""axe-core on every page, filtered so that charts, matrices and tables have content.

No serious or critical violation may come from our content. FRAMEWORK_RULES lists the rule ids
that Streamlit's own markup breaks (not something a page can change); they are left out of the
assertion and listed in the README ("Accessibility"). It is empty today: Streamlit 1.67 with the
theme of .streamlit/config.toml passes on every page.
"""

from __future__ import annotations

import pytest

from appharness.browser import axe_violations, expect_rerun, format_violations, goto, no_exceptions, wait_for_charts
from dashboard.i18n import catalogue

t = catalogue("ja")
# page → (URL with a filter, charts on it)
VIEWS = {
    "overview": ("/?area=su", 1),
    "timeline": ("/timeline?area=su", 1),  # one area: its items are laid out phase by phase too
    "matrix": ("/matrix?area=su&q=EXPO", 1),  # search hits highlighted in the matrix
    "actors": ("/actors?area=su", 2),
    "explore": ("/explore?area=su&phase=2026", 0),  # + a selected row: the detail panel
    "analysis": ("/analysis?area=su", 2),
    "analysis-expo": ("/analysis?area=su&tab=expo", 1),
    "analysis-pairs": ("/analysis?area=su&tab=pairs", 0),
    "analysis-progression": ("/analysis?area=su&tab=progression", 0),
    "analysis-terms": ("/analysis?area=su&tab=terms", 1),
}  # the English interface is audited in test_filters_browser.test_lang_en_shows_the_english_interface
# rule id → why it is Streamlit's and not ours (none at present).
FRAMEWORK_RULES: dict[str, str] = {}


def select_row(page, row: int = 1) -> None:
    """Click the row marker of row `row` (0-based) of the explore table: the detail panel opens."""
    grid = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    assert box is not None
    header = row_height = 35  # Streamlit's default row height, header included
    with expect_rerun(page):
        page.mouse.click(box["x"] + 15, box["y"] + header + row_height * row + row_height / 2)


@pytest.mark.parametrize("view", list(VIEWS))
def test_no_serious_accessibility_violation(app_server, page, view: str):
    path, charts = VIEWS[view]
    goto(page, app_server, path)
    assert no_exceptions(page) == []
    if charts:
        wait_for_charts(page, charts)
    if view == "explore":
        select_row(page)
        assert page.get_by_text(t("detail.title"), exact=True).is_visible()
    violations = axe_violations(page)
    ours = [v for v in violations if v["id"] not in FRAMEWORK_RULES]
    assert not ours, format_violations(ours)  # not `== []`: pytest would diff the nested dicts for ~30 s
