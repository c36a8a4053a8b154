"""The sidebar and links in Chromium as a user works them: a click right after closing a drop-down with Esc
counts; no English framework text; a link to a missing page says so."""

from __future__ import annotations

from appharness.browser import goto, runs, wait_ready


def _sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def test_a_click_after_esc_is_not_lost(app_server, page):
    """Pick an area, close the drop-down with Esc, click a 時期 pill: every time the click reruns the app
    and lands in the URL (the multiselect's height no longer changes on blur under the pointer)."""
    labels = ["2024 現状", "2025 万博開催", "2026～ 万博後"]
    areas = ["ls", "cn", "mob", "su"]
    for i, area in enumerate(areas):
        goto(page, app_server, "/")
        sb = _sidebar(page)
        sb.locator('[data-testid="stMultiSelect"]').first.click()
        page.get_by_role("option").nth(i).click()
        page.keyboard.press("Escape")
        page.wait_for_function("() => !document.querySelector('[role=listbox]')")
        wait_ready(page)
        before = runs(page)
        sb.get_by_role("button", name=labels[i % 3]).click()
        page.wait_for_function("(b) => window.__e2eRuns > b", arg=before, timeout=10_000)
        wait_ready(page)
        assert f"area={area}" in page.url and f"phase={['2024', '2025', '2026'][i % 3]}" in page.url, page.url


def test_multiselects_show_no_english_framework_text(app_server, page):
    """No framework English in the Japanese interface: no 'Select all' in the sidebar's drop-downs, no
    'Choose an option' placeholder on the timeline's area box or the sidebar's fiscal year."""
    goto(page, app_server, "/timeline")
    boxes = _sidebar(page).locator('[data-testid="stMultiSelect"]')
    assert boxes.count() == 4  # 分野, サブテーマ, 施策手法, 進捗の状況
    for i in range(boxes.count()):
        boxes.nth(i).scroll_into_view_if_needed()
        boxes.nth(i).click()
        page.wait_for_selector("[role=listbox]")
        text = page.locator("[role=listbox]").inner_text()
        assert "Select all" not in text and "Select" not in text, text
        page.keyboard.press("Escape")
        page.wait_for_function("() => !document.querySelector('[role=listbox]')")
    placeholders = page.locator('[data-testid="stSelectbox"] input').evaluate_all(
        "(els) => els.map((e) => e.getAttribute('placeholder'))"
    )
    assert placeholders and not any(p and p.startswith("Choose") for p in placeholders), placeholders


def test_a_link_to_a_missing_page_says_so(app_server, page):
    """/nonexistent shows the overview with a notice naming the missing page (not silently)."""
    goto(page, app_server, "/nonexistent?area=su")
    alerts = page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts()
    assert any("ページ「/nonexistent」はありません" in a for a in alerts), alerts
    goto(page, app_server, "/matrix?area=su")
    assert not any("はありません" in a for a in page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts())
