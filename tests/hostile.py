"""A hostile copy of the real table: markup, scripts, formulas, control and bidi characters in the data.

    from hostile import build_hostile_table, HOSTILE_TEXTS
    df, meta = build_hostile_table(tmp_path / "hostile.parquet")   # then INITIATIVES_PATH=<that file>

The real table (`dashboard.load.load_with_meta()` of data/initiatives.parquet) with the texts of the first rows (up to
ROWS_PER_CELL, in reading order) of every area × actor × phase cell replaced by the strings of
HOSTILE_TEXTS, in turn, so each string occurs in several cells and areas. Sub-items' `parent_text`
follows their parent; `text_source` equals `text`. The plan metadata (title, goals, an area's
vision and themes) gets some of them too, and the rows' `area_vision` / `phase_theme` match it.
Ids, order, nesting and every schema rule are kept, so the file loads like the real one; it is
written with `dashboard.build.write_parquet`. Used by tests/test_hostile_text.py (AppTest, exports)
and meant for the browser tests (no dialog opens, no injected element appears).
"""

from __future__ import annotations

import copy
from pathlib import Path

import pandas as pd

from dashboard.build import write_parquet
from dashboard.load import load_with_meta
from dashboard.paths import DEFAULT_PARQUET
from dashboard.schema import PHASE_CODES, REPEATED_TEXT, Col

LONG_TEXT = ("長い取組の説明 **太字** <i>斜体</i> [リンク](http://127.0.0.1:9/) 、" * 200)[:5000]
CONTROL_TEXT = "制御文字:" + "".join(chr(c) for c in range(0x20) if c != 0x0A) + ":終わり"

# name → text. Names are stable handles for tests (e.g. the browser test looks rows up by them).
HOSTILE_TEXTS: dict[str, str] = {
    "script": "<script>alert(1)</script>",
    "img_onerror": "<img src=x onerror=alert(1)>",
    "js_link": "[link](javascript:alert(1))",
    "md_image": "![img](http://127.0.0.1:9/x.png)",
    "md_syntax": "**bold** _it_ :red[x] $x^2$",
    "long": LONG_TEXT,
    "control": CONTROL_TEXT,
    "emoji_zwj": "家族👨‍👩‍👧‍👦 虹👩🏽‍💻 旗🏳️‍🌈 国🇯🇵 の取組",
    "bidi": "\u200f右から左\u202eexe.txt\u202c の取組",
    "formula_hyperlink": '=HYPERLINK("http://x")',
    "formula_plus": "+1",
    "formula_minus": "-1",
    "formula_at": "@SUM(A1)",
}
ROWS_PER_CELL = 3


def hostile_frame(df: pd.DataFrame, meta: dict) -> tuple[pd.DataFrame, dict]:
    """(table, metadata) with hostile texts; the inputs are not changed."""
    out = df.copy()
    texts = list(HOSTILE_TEXTS.values())
    new_text: dict[str, str] = {}
    cell_cols = [Col.AREA_CODE, Col.ACTOR_CODE, Col.PHASE_CODE]
    n = 0
    for _, cell in out.sort_values([*cell_cols, Col.ORDER]).groupby(cell_cols, observed=True, sort=True):
        for id_ in cell[Col.ID].head(ROWS_PER_CELL):
            new_text[id_] = texts[n % len(texts)]
            n += 1
    ids = out[Col.ID]
    hit = ids.isin(new_text)
    out.loc[hit, Col.TEXT] = ids[hit].map(new_text)
    out.loc[hit, Col.TEXT_SOURCE] = out.loc[hit, Col.TEXT]
    out[Col.CORRECTED] = out[Col.TEXT] != out[Col.TEXT_SOURCE]
    text_by_id = dict(zip(out[Col.ID], out[Col.TEXT], strict=True))
    has_parent = out[Col.PARENT_ID].notna()
    out.loc[has_parent, Col.PARENT_TEXT] = out.loc[has_parent, Col.PARENT_ID].map(text_by_id)

    meta = copy.deepcopy(meta)
    plan = meta["plan"]
    plan["title"] = [HOSTILE_TEXTS["formula_hyperlink"], *plan.get("title", []), HOSTILE_TEXTS["control"]]
    plan["goal"] = [*plan.get("goal", []), HOSTILE_TEXTS["script"], HOSTILE_TEXTS["js_link"]]
    plan["challenge"] = [*plan.get("challenge", []), HOSTILE_TEXTS["md_syntax"], HOSTILE_TEXTS["bidi"]]
    plan["vision_2040"] = [*plan.get("vision_2040", []), HOSTILE_TEXTS["img_onerror"]]
    area = meta["areas"][0]
    area["vision"] = HOSTILE_TEXTS["md_image"] + " " + area["vision"]
    area["vision_note"] = HOSTILE_TEXTS["emoji_zwj"]
    for phase, name in zip(PHASE_CODES, ("script", "md_syntax", "formula_minus"), strict=True):
        area["themes"][phase] = HOSTILE_TEXTS[name]
    out = out.astype({c: "string" for c in REPEATED_TEXT})  # new values (load makes them categoricals again)
    rows = out[Col.AREA_CODE].astype("string") == area["code"]
    out.loc[rows, Col.AREA_VISION] = area["vision"]
    for phase in PHASE_CODES:
        in_phase = rows & (out[Col.PHASE_CODE].astype("string") == phase)
        out.loc[in_phase, Col.PHASE_THEME] = area["themes"][phase]
    return out, meta


def build_hostile_table(path: Path | str) -> tuple[pd.DataFrame, dict]:
    """Write the hostile copy of the real table to `path`; return (table, metadata) as written."""
    df, meta = load_with_meta(DEFAULT_PARQUET)  # the real table, whatever INITIATIVES_PATH says
    df, meta = hostile_frame(df, meta)
    write_parquet(df, meta, Path(path))
    return df, meta
