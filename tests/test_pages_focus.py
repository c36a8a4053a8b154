"""AppTest: the area the matrix, timeline and progressions lay out — a default with hits, kept in the URL."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard.paths import ROOT


def run(page: str, params: dict) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    return at


def test_a_search_opens_the_matrix_on_an_area_with_hits():
    """/matrix?q=水素: every hit is in カーボンニュートラル, so that is the table shown (not an empty one)."""
    at = run("views/matrix.py", {"q": "水素"})
    assert at.selectbox(key="matrix_area").value == "cn"
    assert at.query_params["focus"] == "cn"
    assert not at.info


def test_the_chosen_area_is_in_the_url_and_comes_back_from_it():
    """Choosing an area writes focus=; a link with focus= opens on that area."""
    at = run("views/matrix.py", {})
    at.selectbox(key="matrix_area").set_value("hr").run()
    assert at.query_params["focus"] == "hr"
    again = run("views/matrix.py", {"focus": "hr"})
    assert again.selectbox(key="matrix_area").value == "hr"
    timeline = run("views/timeline.py", {"focus": "su"})
    assert timeline.selectbox(key="timeline_area").value == "su"


def test_an_area_without_hits_says_so_and_where_the_hits_are():
    """A shared link to an area the search leaves empty says which areas have matches."""
    at = run("views/matrix.py", {"q": "水素", "focus": "ls"})
    assert at.selectbox(key="matrix_area").value == "ls"
    assert [i.value for i in at.info] == [
        "ライフサイエンスには、いまの絞り込みに該当する取組がありません。該当があるのは カーボンニュートラル（5 件） です。"
    ]


def test_focus_is_not_kept_on_pages_without_an_area_box():
    """Other pages drop focus= from the URL (it is not a filter); a bad value gets a notice."""
    assert "focus" not in run("views/actors.py", {"focus": "su"}).query_params
    bad = run("views/matrix.py", {"focus": "nowhere"})
    assert any("focus" in w.value for w in bad.warning)


def test_one_filtered_area_is_laid_out_without_a_focus_in_the_link():
    """/timeline?area=su lays out スタートアップ (the area filter's one area), and says so in the URL."""
    at = run("views/timeline.py", {"area": "su"})
    assert at.selectbox(key="timeline_area").value == "su"
    assert at.query_params["focus"] == "su"
