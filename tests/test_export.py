"""dashboard.export: the rows as users read them, CSV downloads, file names and the filter in words."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pandas as pd
import pytest
from tables import EXPORT_TIME, FORMULA_STARTS, prefixed_table, read_csv_bytes, sample_table, text_row, text_table

from dashboard import export
from dashboard.export import (
    EXPORT_COLUMNS,
    export_frame,
    file_name,
    filter_description,
    safe_text,
    to_csv_bytes,
)
from dashboard.filters import Filters, apply
from dashboard.i18n import MESSAGES
from dashboard.schema import (
    ACTOR_BY_CODE,
    ACTOR_CODES,
    AREA_BY_CODE,
    AREAS,
    PHASE_CODES,
    Col,
)


@pytest.fixture
def small() -> pd.DataFrame:
    """Two areas, a sub-item, a 【】 block, items out of order within a cell."""
    return sample_table()


def test_export_frame_headers_in_order_ja(small):
    """Headers are the Japanese catalogue strings in the agreed order."""
    frame = export_frame(small)
    assert list(frame.columns) == [
        "ID",
        "分野",
        "年度",
        "時期",
        "実施主体",
        "サブテーマ",
        "階層",
        "親項目",
        "取組内容",
        "検討段階を含む列",
        "掲載ページ",
    ]


def test_export_frame_values_as_users_read_them(small):
    """Labels, level words, parent text, ○ for tentative, page number; nulls are ""."""
    frame = export_frame(small).set_index("ID")
    child = frame.loc["su-2026-members-01-1"]
    assert child["分野"] == "スタートアップ"
    assert child["年度"] == "2026～"
    assert child["時期"] == "2026～ 万博後"
    assert child["実施主体"] == "構成府県市"
    assert child["階層"] == "下位項目"
    assert child["親項目"] == "親の取組"
    assert child["取組内容"] == "子の取組"
    assert child["検討段階を含む列"] == "○"
    assert child["掲載ページ"] == 6
    first = frame.loc["su-2024-union-01"]
    assert (first["階層"], first["親項目"], first["サブテーマ"], first["検討段階を含む列"]) == ("項目", "", "", "")
    assert frame.loc["mob-2025-union-01", "サブテーマ"] == "空飛ぶクルマ"


def test_export_frame_english(small):
    """lang="en" gives English headers and labels, yes/no for tentative."""
    frame = export_frame(small, "en").set_index("ID")
    assert "Area" in frame.columns and "Initiative" in frame.columns
    row = frame.loc["su-2026-members-01-1"]
    assert row["Area"] == AREA_BY_CODE["su"].en
    assert row["Actor"] == ACTOR_BY_CODE["members"].en
    assert row["Phase"] == "2026– After the Expo"
    assert row["Level"] == "sub-item"
    assert row["Column includes initiatives under consideration"] == "yes"
    assert frame.loc["su-2024-union-01", "Column includes initiatives under consideration"] == "no"
    assert frame.loc["mob-2025-union-01", "Sub-theme"] == "Flying cars"


def test_export_frame_keeps_row_order_and_input(small):
    """Rows come out in df's order (not re-sorted) and the input frame is not changed."""
    before = small.copy()
    reordered = small.iloc[::-1]
    assert export_frame(reordered)["ID"].tolist() == reordered[Col.ID].tolist()
    pd.testing.assert_frame_equal(small, before)


def test_optional_columns_appear_when_present(small):
    """instrument_types (list) and expo_related (bool) are exported once the table has them."""
    assert "施策手法" not in export_frame(small).columns
    df = small.assign(
        instrument_types=[["grants", "networking"], [], ["grants"], ["events"], ["regulation"]],
        expo_related=[True, False, False, True, False],
    )
    ja = export_frame(df)
    assert list(ja.columns[-2:]) == ["施策手法", "万博との関連"]
    assert ja.loc[0, "施策手法"] == "grants、networking"
    assert ja.loc[1, "施策手法"] == ""
    assert ja["万博との関連"].tolist() == ["○", "", "", "○", ""]
    en = export_frame(df, "en")
    assert en.loc[0, "Policy instruments"] == "grants; networking"
    assert en["Expo 2025 link"].tolist() == ["yes", "no", "no", "yes", "no"]


def test_optional_list_labels_come_from_schema(small, monkeypatch):
    """List values are shown with the schema's labels once schema defines them."""
    from dashboard import schema
    from dashboard.schema import Category

    monkeypatch.setattr(schema, "INSTRUMENT_TYPES", (Category("grants", "補助金", "Grants"),), raising=False)
    df = small.assign(instrument_types=[["grants", "other"]] * len(small))
    assert export_frame(df).loc[0, "施策手法"] == "補助金、other"
    assert export_frame(df, "en").loc[0, "Policy instruments"] == "Grants; other"


def test_every_header_has_both_languages():
    """Each export column's header key is in the catalogue in ja and en."""
    for spec in EXPORT_COLUMNS:
        assert set(MESSAGES[spec.key]) >= {"ja", "en"}
    for key, texts in MESSAGES.items():
        if key.startswith("export."):
            assert set(texts) == {"ja", "en"}, key


# --------------------------------------------------------------------------- CSV


def test_csv_starts_with_bom_and_uses_crlf(small):
    """UTF-8 BOM first, every record ends in CRLF, no bare LF."""
    data = to_csv_bytes(small)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.endswith(b"\r\n")
    assert data.count(b"\r\n") == len(small) + 1
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_csv_reads_back_equal_on_the_real_table(committed):
    """The whole table: same rows, same Japanese text, same order after a round trip."""
    df, _ = committed
    back = read_csv_bytes(to_csv_bytes(df))
    expected = export_frame(df).astype(str)
    pd.testing.assert_frame_equal(back, expected, check_dtype=False)
    assert back["取組内容"].tolist() == df[Col.TEXT].tolist()
    assert back["ID"].tolist() == df[Col.ID].tolist()


def test_csv_reads_back_filtered_rows_in_english(committed):
    """A filtered view in English: exactly the filtered rows, English headers."""
    df, _ = committed
    rows = apply(df, Filters(areas=("mob",), phases=("2025", "2026")))
    back = read_csv_bytes(to_csv_bytes(rows, "en"))
    assert back["ID"].tolist() == rows[Col.ID].tolist()
    assert back.columns[1] == "Area" and set(back["Area"]) == {AREA_BY_CODE["mob"].en}


def test_csv_quotes_commas_quotes_and_newlines():
    """Fields with commas, quotes and line breaks survive the round trip."""
    text = 'a, "b"\nc'
    back = read_csv_bytes(to_csv_bytes(text_table([text_row("su-2024-union-01", text)])))
    assert back.loc[0, "取組内容"] == text


@pytest.mark.parametrize("prefix", FORMULA_STARTS)
def test_csv_neutralises_formulas(prefix):
    """A cell starting with = + - @ tab or CR gets a leading apostrophe in the CSV."""
    data = to_csv_bytes(prefixed_table([prefix]))
    record = next(r for r in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) if r[0].startswith("su-"))
    assert record[8] == "'" + prefix + "危険"
    assert not any(cell.startswith(export.FORMULA_PREFIXES) for cell in record)


def test_csv_empty_frame_is_header_only(small):
    """No rows: a header line and nothing else."""
    data = to_csv_bytes(small.iloc[0:0])
    assert data == ("\ufeff" + ",".join(export_frame(small).columns) + "\r\n").encode()


# --------------------------------------------------------------------------- XLSX: rows sheet


def test_safe_text_leaves_ordinary_text_alone():
    """Japanese text, inner = signs and full-width marks are untouched."""
    for s in ["関西の取組", "a=b", "ー長音", "－全角", "・点", ""]:
        assert safe_text(s) == s


# --------------------------------------------------------------------------- empty, names


def test_file_name_says_what_it_holds():
    """Codes per dimension, a hash for the search text, the time and the extension."""
    f = Filters(areas=("su",), phases=("2026",), actors=("union",), query="万博")
    name = file_name(f, "csv", EXPORT_TIME)
    assert re.fullmatch(r"kansai-action-plan_su_2026_union_q-[0-9a-f]{6}_20261129-1203\.csv", name)
    assert file_name(Filters(), "xlsx", EXPORT_TIME) == "kansai-action-plan_all_all_all_20261129-1203.xlsx"
    assert file_name(Filters(areas=("hr", "ls")), "csv", EXPORT_TIME).startswith("kansai-action-plan_ls-hr_all_all_")
    subs = file_name(Filters(sub_themes=("fly-maas", "fly"), include_sub_items=False), "csv", EXPORT_TIME)
    assert "_sub-fly.fly-maas_items_" in subs


def test_file_name_is_ascii_and_capped_for_hostile_input():
    """Japanese or hostile search text and odd extensions give a short, safe ASCII name."""
    f1 = Filters(query='../../etc/passwd"; rm -rf / 万博\r\n')
    f2 = Filters(query="別の語")
    everything = Filters(
        areas=tuple(a.code for a in AREAS),
        phases=PHASE_CODES,
        actors=ACTOR_CODES,
        sub_themes=("fly", "maas", "fly-maas"),
        include_sub_items=False,
        query="x" * 200,
    )
    names = [file_name(f, ext, EXPORT_TIME) for f in (f1, f2, everything) for ext in ("csv", ".XLSX", "x/../y")]
    for name in names:
        assert name.isascii() and re.fullmatch(r"[A-Za-z0-9._-]+", name), name
        assert len(name) <= export.MAX_FILE_NAME
        assert name.endswith("_20261129-1203." + name.rsplit(".", 1)[1])
    assert file_name(f1, "csv", EXPORT_TIME) != file_name(f2, "csv", EXPORT_TIME)
    assert file_name(f1, ".XLSX", EXPORT_TIME).endswith(".xlsx")


def test_filter_description_ja_and_en():
    """Labels from the schema, すべて/all for empty dimensions, search text and sub-items."""
    f = Filters(areas=("su", "ls"), sub_themes=("maas",), include_sub_items=False, query="万博")
    ja = dict(filter_description(f))
    assert ja == {
        "分野": "ライフサイエンス、スタートアップ",
        "時期": "すべて",
        "実施主体": "すべて",
        "サブテーマ": "MaaS",
        "下位項目": "含まない",
        "施策手法": "すべて",
        "万博との関連": "すべて",
        "検索語": "万博",
    }
    en = dict(filter_description(Filters(actors=("members",)), "en"))
    assert en["Area"] == "all"
    assert en["Actor"] == ACTOR_BY_CODE["members"].en
    assert en["Sub-items"] == "included"
    assert en["Search text"] == "(none)"
    assert en["Policy instrument"] == "all" and en["Expo 2025 link"] == "all"


# --------------------------------------------------------------------------- every filter in the name and the words

SU_MEMBERS = Filters(areas=("su",), actors=("members",))
SU_MEMBERS_EXPO = SU_MEMBERS.with_(expo=True)
SU_MEMBERS_EXPO_MATCHING = SU_MEMBERS_EXPO.with_(instruments=("matching",))


def test_file_name_tells_apart_expo_and_instrument_filters():
    """?area=su&actor=members, +expo=1, +instrument=matching: three different, readable names."""
    names = [file_name(f, "xlsx", EXPORT_TIME) for f in (SU_MEMBERS, SU_MEMBERS_EXPO, SU_MEMBERS_EXPO_MATCHING)]
    assert names == [
        "kansai-action-plan_su_all_members_20261129-1203.xlsx",
        "kansai-action-plan_su_all_members_expo_20261129-1203.xlsx",
        "kansai-action-plan_su_all_members_inst-matching_expo_20261129-1203.xlsx",
    ]
    assert "_noexpo_" in file_name(SU_MEMBERS.with_(expo=False), "csv", EXPORT_TIME)
    two = file_name(Filters(instruments=("talent", "outreach")), "csv", EXPORT_TIME)
    assert "_inst-outreach.talent_" in two  # plan order, whatever the click order


def test_file_name_for_every_filter_field_differs_from_the_default():
    """Each Filters field, set on its own, changes the file name (no filter is left out)."""
    import dataclasses

    one_each = {
        "areas": ("su",),
        "phases": ("2026",),
        "actors": ("union",),
        "sub_themes": ("fly",),
        "include_sub_items": False,
        "query": "水素",
        "instruments": ("funding",),
        "expo": False,
        "statuses": ("done", "none"),
        "fiscal_year": 2025,
        "as_of": date(2025, 3, 31),
    }
    assert set(one_each) == {f.name for f in dataclasses.fields(Filters)}
    default = file_name(Filters(), "csv", EXPORT_TIME)
    names = {field: file_name(Filters(**{field: value}), "csv", EXPORT_TIME) for field, value in one_each.items()}
    assert default not in names.values()
    assert len(set(names.values())) == len(names)
    assert "_st-done.none_" in names["statuses"] and "_fy2025_" in names["fiscal_year"]
    assert "_asof20250331_" in names["as_of"]
    described = {field: filter_description(Filters(**{field: value})) for field, value in one_each.items()}
    assert all(d != filter_description(Filters()) for d in described.values())  # the 条件 sheet says it too
    assert ("進捗の状況", "実施済、未報告（いずれかに該当）") in described["statuses"]


def test_file_name_every_value_chosen_reads_all():
    """Choosing every area, phase or actor selects the same rows as none: the name says "all"."""
    f = Filters(areas=tuple(a.code for a in AREAS), phases=PHASE_CODES, actors=ACTOR_CODES)
    assert file_name(f, "csv", EXPORT_TIME) == file_name(Filters(), "csv", EXPORT_TIME)


def test_file_name_cut_to_the_cap_still_tells_filters_apart():
    """Past MAX_FILE_NAME the name ends in a hash of the whole filter: different filters, different names."""
    from dashboard.schema import INSTRUMENT_CODES

    big = Filters(
        areas=("ls", "cn", "mob"),
        phases=("2024", "2025"),
        actors=("union",),
        sub_themes=("fly", "maas", "fly-maas"),
        include_sub_items=False,
        instruments=INSTRUMENT_CODES,
    )
    names = {
        file_name(big.with_(**change), "xlsx", EXPORT_TIME, kind="report")
        for change in ({}, {"expo": True}, {"expo": False}, {"query": "a"}, {"query": "b"})
    }
    assert len(names) == 5
    for name in names:
        assert len(name) <= export.MAX_FILE_NAME and name.isascii(), name
        assert re.search(r"_h-[0-9a-f]{6}_report_20261129-1203\.xlsx$", name), name


def test_file_name_time_is_jst_whatever_the_server_zone(monkeypatch):
    """A UTC clock (aware or naive on a UTC machine) gives the Japan time in the name."""
    import time
    from datetime import UTC, datetime

    utc = datetime(2026, 12, 1, 9, 0, 54, tzinfo=UTC)
    assert file_name(SU_MEMBERS, "xlsx", utc).endswith("_20261201-1800.xlsx")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        assert file_name(SU_MEMBERS, "csv", datetime(2026, 12, 1, 23, 30)).endswith("_20261202-0830.csv")
        assert export.jst_text(datetime(2026, 12, 1, 9, 0, 54)) == "2026-12-01 18:00:54 JST"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_filter_description_names_instrument_and_expo():
    """施策手法 and 万博との関連 are listed with the interface's words, in the sidebar's order."""
    rows = filter_description(SU_MEMBERS_EXPO_MATCHING)
    assert [k for k, _ in rows] == [
        "分野",
        "時期",
        "実施主体",
        "サブテーマ",
        "下位項目",
        MESSAGES["filter.instrument"]["ja"],
        MESSAGES["filter.expo"]["ja"],
        "検索語",
    ]
    pairs = dict(rows)
    assert pairs["施策手法"] == "交流・マッチング（いずれかに該当）"
    assert pairs["万博との関連"] == MESSAGES["filter.expo.yes"]["ja"] == "関連あり"
    assert dict(filter_description(SU_MEMBERS.with_(expo=False)))["万博との関連"] == "関連なし"
    en = dict(filter_description(Filters(instruments=("talent", "funding")), "en"))
    assert en["Policy instrument"] == "any of: Funding & subsidies; Talent & employment"


def test_instrument_header_uses_the_interface_word(committed):
    """The instrument column is headed 施策手法 as in the interface (filter.instrument), not 政策手段."""
    df, _ = committed
    columns = list(export_frame(df).columns)
    assert MESSAGES["filter.instrument"]["ja"] in columns and "政策手段" not in columns
    assert MESSAGES["filter.expo"]["ja"] in columns


def test_csv_stays_a_clean_table(committed):
    """The CSV is a header line plus one record per row, whatever the filter: the file name carries the filter."""
    df, _ = committed
    rows = apply(df, SU_MEMBERS_EXPO)
    records = list(csv.reader(io.StringIO(to_csv_bytes(rows).decode("utf-8-sig"), newline="")))
    assert records[0] == list(export_frame(rows).columns)
    assert [r[0] for r in records[1:]] == rows[Col.ID].tolist()


def test_report_file_name_carries_every_filter_and_jst():
    """The briefing report's name (export.file_name with "report") keeps expo/instrument and Japan time."""
    from datetime import UTC, datetime

    from dashboard.report import report_file_name

    name = report_file_name(SU_MEMBERS_EXPO_MATCHING, "pdf", datetime(2026, 12, 1, 9, 0, 54, tzinfo=UTC))
    assert name == "kansai-action-plan_su_all_members_inst-matching_expo_report_20261201-1800.pdf"
