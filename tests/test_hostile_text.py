"""Hostile text in the data: pages run, markup stays inert text, charts escape it, downloads defuse it.

The fixture (tests/hostile.py) puts <script>, an <img onerror>, a javascript: link, a remote
image, markdown/Streamlit directives and maths, a 5,000-character text, control characters, ZWJ
emoji, bidi overrides and spreadsheet formulas into every area × actor × phase cell of the real
table and into the plan metadata. AppTest runs no JavaScript, so here "inert" means: every
text that Streamlit renders as markdown carries the data only in `escape_md` form (no unescaped
`<`, link, image, emphasis, directive or `$`), HTML is never allowed, Plotly labels carry `&lt;`
instead of tags, and CSV/XLSX cells never start a formula. What a browser does with it is for the
browser tests (tests/e2e), which can build the same file with `hostile.build_hostile_table`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from hostile import HOSTILE_TEXTS, build_hostile_table
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from dashboard import export, workbook
from dashboard import filters as F
from dashboard.paths import ENV_VAR, ROOT
from dashboard.render import escape_md
from dashboard.schema import AREA_CODES, Col

PAGES = ["views/overview.py", "views/timeline.py", "views/matrix.py", "views/actors.py", "views/explore.py"]
# Markup that must never reach a markdown renderer unescaped.
DANGEROUS = ("<script", "<img", "](javascript:", "](http", "![", "**bold**", "_it_", ":red[", "$x^2$", "<i>")
# Element types whose strings are not markdown (chart JSON, table bytes, code shown verbatim).
NOT_MARKDOWN = {"plotly_chart", "arrow_data_frame", "dataframe", "code"}
# Widgets whose options the frontend shows as plain text (checked in the browser by test_hostile_browser.py).
PLAIN_OPTIONS = {"selectbox", "multiselect"}
# Tags a Plotly label may hold; anything else in a chart string means unescaped data.
PLOTLY_TAGS = re.compile(r"<(?!/?(?:b|br|i|extra|sup|sub)\b)[a-zA-Z/!]")


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.parquet"
    df, meta = build_hostile_table(path)
    return path, df, meta


@pytest.fixture
def hostile(hostile_file, monkeypatch):
    """The hostile table, served to the app through INITIATIVES_PATH."""
    path, df, meta = hostile_file
    monkeypatch.setenv(ENV_VAR, str(path))
    return df, meta


def run(page: str, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    if page != "views/overview.py":
        at.switch_page(page).run()
    return at


def nodes(node) -> Iterator:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from nodes(child)


def proto_strings(msg, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, value) of every string field in a protobuf message, recursively."""
    for fd, value in msg.ListFields():
        where = f"{path}.{fd.name}"
        values = value if fd.is_repeated else [value]
        for v in values:
            if isinstance(v, str):
                yield where, v
            elif hasattr(v, "ListFields"):
                yield from proto_strings(v, where)


def rendered(at: AppTest) -> tuple[list[tuple[str, str]], list, list[str]]:
    """(markdown-rendered strings with where they are, Markdown protos, Plotly specs) of a run."""
    texts, markdowns, charts = [], [], []
    for node in nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "ListFields"):
            continue
        kind = getattr(node, "type", "")
        if kind == "plotly_chart" or proto.DESCRIPTOR.name == "PlotlyChart":
            charts.append(proto.spec)
            continue
        if kind in NOT_MARKDOWN or proto.DESCRIPTOR.name in ("Arrow", "Code"):
            continue
        if proto.DESCRIPTOR.name == "Markdown":
            markdowns.append(proto)
        strings = proto_strings(proto)
        if kind in PLAIN_OPTIONS:  # a drop-down's options are plain text (its label and help are markdown)
            strings = ((where, v) for where, v in strings if not where.startswith(".options"))
        texts.extend((f"{kind}{where}", v) for where, v in strings)
    return texts, markdowns, charts


def unescaped(text: str, token: str) -> bool:
    """Whether `token` occurs in markdown `text` with its first character not backslash-escaped."""
    start = text.find(token)
    while start >= 0:
        slashes = len(text[:start]) - len(text[:start].rstrip("\\"))
        if slashes % 2 == 0:
            return True
        start = text.find(token, start + 1)
    return False


def assert_inert(at: AppTest) -> str:
    """No exception; no unescaped markup in markdown; no HTML allowed; Plotly strings escaped.

    Returns all markdown text joined, for further checks.
    """
    assert not at.exception, [e.value for e in at.exception]
    texts, markdowns, charts = rendered(at)
    bad = [(where, token, v[:120]) for where, v in texts for token in DANGEROUS if unescaped(v, token)]
    assert bad == []
    assert not [m.body[:80] for m in markdowns if m.allow_html]
    for spec in charts:
        for s in json_strings(json.loads(spec)):
            assert not PLOTLY_TAGS.search(s), s[:200]
    return "\n".join(v for _, v in texts)


def json_strings(obj) -> Iterator[str]:
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from json_strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from json_strings(v)


def hostile_rows(df, area: str | None = None):
    rows = df[df[Col.TEXT].isin(HOSTILE_TEXTS.values())]
    return rows if area is None else rows[rows[Col.AREA_CODE].astype("string") == area]


def test_fixture_is_hostile_everywhere_and_valid(hostile, hostile_file):
    """Every cell has hostile rows, every string is used, and the file loads like the real one."""
    from dashboard.load import load_with_meta

    df, _ = hostile
    rows = hostile_rows(df)
    cells = rows.groupby([Col.AREA_CODE, Col.ACTOR_CODE, Col.PHASE_CODE], observed=True).size()
    assert len(cells) == 36
    assert set(rows[Col.TEXT]) == set(HOSTILE_TEXTS.values())
    assert len(HOSTILE_TEXTS["long"]) == 5000
    assert {chr(c) for c in range(0x20)} - {"\n"} <= set(HOSTILE_TEXTS["control"])
    loaded, meta = load_with_meta(hostile_file[0])
    assert loaded[Col.ID].is_unique and len(loaded) == 155
    assert (loaded[Col.TEXT] == df[Col.TEXT].astype("string")).all()
    assert HOSTILE_TEXTS["script"] in meta["plan"]["goal"]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_and_keeps_hostile_text_inert(hostile, page, lang):
    """Each page, in both languages, runs on the hostile table with nothing rendered as markup."""
    at = run(page, {"lang": lang} if lang == "en" else None)
    body = assert_inert(at)
    assert "155" in body  # the count caption: all rows loaded and shown
    if page == "views/overview.py":  # the plan's introduction and the first area's vision
        for name in ("script", "js_link", "md_syntax", "img_onerror", "md_image"):
            assert escape_md(HOSTILE_TEXTS[name]) in body, name


@pytest.mark.parametrize("page", ["views/matrix.py", "views/timeline.py"])
@pytest.mark.parametrize("area", AREA_CODES)
def test_item_texts_are_shown_escaped(hostile, page, area):
    """The matrix and the timeline's phase columns show every hostile item of the area, escaped."""
    df, _ = hostile
    at = run(page, {"area": area})
    if page == "views/timeline.py":  # the focus area is chosen on the page (it starts empty)
        at.selectbox(key="timeline_area").set_value(area).run()
    body = assert_inert(at)
    rows = hostile_rows(df, area)
    assert len(rows) >= 6
    for text in set(rows[Col.TEXT]):
        assert escape_md(text) in body, text[:60]


def test_search_highlights_inside_hostile_text(hostile):
    """A search hit inside hostile text is highlighted, and the rest of it stays escaped."""
    df, _ = hostile
    at = run("views/matrix.py", {"area": "ls", "q": "alert"})
    body = assert_inert(at)
    assert ":orange-background[alert]" in body
    assert r"\<script\>:orange-background[alert]\(1\)\<\/script\>" in body
    expected = len(F.apply(df, F.Filters(areas=("ls",), query="alert")))
    assert f"該当 {expected} 件" in body


def test_timeline_chart_escapes_item_texts(hostile):
    """Plotly's hover labels carry the items as &lt;…&gt; text, never as tags."""
    at = run("views/timeline.py")
    assert_inert(at)
    _, _, charts = rendered(at)
    specs = "\n".join(s for spec in charts for s in json_strings(json.loads(spec)))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in specs
    assert "&lt;img src=x onerror=alert(1)&gt;" in specs


def test_csv_download_defuses_formulas(hostile):
    """No CSV cell starts a formula; formula-like texts keep their text behind an apostrophe."""
    df, _ = hostile
    text = export.to_csv_bytes(df, "ja").decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]
    assert not [c for c in cells if c.startswith(export.FORMULA_PREFIXES)]
    for name in ("formula_hyperlink", "formula_plus", "formula_minus", "formula_at"):
        assert "'" + HOSTILE_TEXTS[name] in cells, name
    assert HOSTILE_TEXTS["script"] in cells and HOSTILE_TEXTS["long"] in cells
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text)  # XML-illegal controls replaced


def test_xlsx_download_has_no_formulas(hostile):
    """The workbook opens, holds no formula cell, and no string cell starts like a formula."""
    df, meta = hostile
    data = workbook.to_xlsx_bytes(
        df,
        "ja",
        filter_rows=export.filter_description(F.Filters(), "ja"),
        link='=HYPERLINK("http://x")',
        exported_at=datetime(2026, 1, 1, 12, 0, tzinfo=UTC),
        data_version=str(meta["data_version"]),
        areas_meta=meta["areas"],
        source_title=" ".join(meta["plan"]["title"]),
    )
    wb = load_workbook(io.BytesIO(data))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    strings = [c.value for c in cells if isinstance(c.value, str)]
    assert not [s for s in strings if s.startswith(export.FORMULA_PREFIXES)]
    for name in ("formula_hyperlink", "formula_plus", "formula_minus", "formula_at"):
        assert "'" + HOSTILE_TEXTS[name] in strings, name
    assert any(HOSTILE_TEXTS["script"] in s for s in strings)
    assert not (wb.properties.title or "").startswith(export.FORMULA_PREFIXES)
