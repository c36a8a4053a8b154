"""Smoke: the app opens in a real browser, in Japanese, without errors; a fixture table is served too."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from appharness.browser import (
    axe_violations,
    format_violations,
    goto,
    in_japanese_font,
    no_exceptions,
    rendered_fonts,
    save_screenshot,
)

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
ERROR_ALERT = '[data-testid="stAlertContentError"]'


def test_home_opens_in_japanese_without_errors(app_server, page):
    goto(page, app_server, "/")
    assert no_exceptions(page) == []
    assert page.locator(ERROR_ALERT).all_inner_texts() == []
    heading = page.locator("h1").first
    expect(heading).to_be_visible()
    assert JAPANESE.search(heading.inner_text()), heading.inner_text()
    assert JAPANESE.search(page.title()), page.title()
    fonts = rendered_fonts(page, "h1")
    assert in_japanese_font(fonts), f"the heading is not drawn in a Japanese font: {fonts}"
    save_screenshot(page, "smoke-home")
    assert page.console_errors == []
    assert page.external_requests == []  # works offline: nothing is fetched from the internet


def test_home_has_no_serious_accessibility_violations(app_server, page):
    """axe-core finds no serious or critical violation on the home page."""
    goto(page, app_server, "/")
    violations = axe_violations(page)
    assert not violations, format_violations(violations)  # not `== []`: pytest would diff the nested dicts for ~30 s


def test_a_missing_table_is_explained_not_raised(app_server_factory, page, tmp_path_factory):
    """INITIATIVES_PATH reaches the server: a missing file gives the localized error, no traceback."""
    missing = tmp_path_factory.mktemp("tables") / "missing.parquet"
    goto(page, app_server_factory({"INITIATIVES_PATH": str(missing)}), "/")
    assert no_exceptions(page) == []
    expect(page.locator(ERROR_ALERT).first).to_contain_text(str(missing))
    save_screenshot(page, "smoke-missing-table")
