"""dashboard.progress.view: per plan row status, %, badge and achievements; history and record tables."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest

from dashboard.progress import Change, Source, User, open_store, write_progress
from dashboard.progress.view import MIXED, VCol, badge, history_table, plan_progress, records_table
from dashboard.schema import STATUS_NONE, Col

CLI = User.system("test")


@pytest.fixture
def store(tmp_path):
    return open_store(f"sqlite:///{tmp_path / 'p.sqlite3'}")


def _write(store, plan, *changes):
    return write_progress(store, list(changes), CLI, Source("cli"), plan)


def test_badges_say_status_and_percent_in_words(committed):
    """One status → its label and %; differing statuses → how many reported and the mean; none → 未報告."""
    assert badge("in_progress", 50.0, 1, False, "ja") == "実施中 50%"
    assert badge("done", 100.0, 1, False, "en") == "Done 100%"
    assert badge(MIXED, 37.5, 2, False, "ja") == "2 団体が報告 平均 38%"
    assert badge(STATUS_NONE, None, 0, False, "ja") == "未報告"
    assert badge(STATUS_NONE, 40.0, 0, True, "ja") == "下位項目の平均 40%"
    assert badge("discontinued", None, 1, False, "ja") == "見直し・中止"


def test_plan_progress_rolls_up_per_row(store, committed):
    """A members' item reported by two members with different statuses is 'mixed' with the mean %, its
    achievements one line per organisation; an unreported item is 'none'; rows keep the plan's index."""
    plan, _ = committed
    members = plan[(plan[Col.ACTOR_CODE] == "members") & (plan[Col.LEVEL] == 1)].iloc[0][Col.ID]
    union = plan[plan[Col.ACTOR_CODE] == "union"].iloc[0][Col.ID]
    _write(
        store,
        plan,
        Change(members, 2025, "hyogo", {"status": "done", "achievement": "展示会を 2 回開催"}, None),
        Change(members, 2025, "kobe", {"status": "in_progress"}, None),
        Change(union, 2025, "union", {"status": "preparing", "progress_pct": 30}, None),
    )
    view = plan_progress(plan, store.records(), 2025)
    assert view.index.equals(plan.index) and list(view.columns)[:2] == [VCol.STATUS, VCol.PCT]
    by_id = view.set_index(plan[Col.ID])
    assert by_id.loc[members, VCol.STATUS] == MIXED and by_id.loc[members, VCol.PCT] == 75
    assert by_id.loc[members, VCol.BADGE] == "2 団体が報告 平均 75%"
    assert by_id.loc[members, VCol.ACHIEVEMENT] == "兵庫県：展示会を 2 回開催"
    assert by_id.loc[union, VCol.BADGE] == "準備・検討中 30%"
    assert (view[VCol.STATUS] == STATUS_NONE).sum() == len(plan) - 2
    assert plan_progress(plan, store.records(), 2024)[VCol.STATUS].eq(STATUS_NONE).all()  # another year


def test_history_and_records_tables_read_as_users_expect(store, committed):
    """History newest first with before → after in words and JST times; records per year and organisation."""
    plan, _ = committed
    item = plan[plan[Col.ACTOR_CODE] == "members"].iloc[0][Col.ID]
    _write(store, plan, Change(item, 2025, "hyogo", {"status": "preparing"}, None))
    _write(store, plan, Change(item, 2025, "hyogo", {"status": "done", "achievement": "完了"}, 1))
    hist = history_table(store.history(item), plan)
    assert len(hist) == 2
    assert hist.iloc[0]["変更内容（変更前 → 変更後）"].splitlines()[0] == "状況: 準備・検討中 → 実施済"
    assert hist.iloc[1]["変更内容（変更前 → 変更後）"].startswith("状況: — → 準備・検討中")
    when = datetime.strptime(hist.iloc[0]["日時"], "%Y/%m/%d %H:%M")
    assert abs((when - datetime.now(UTC).replace(tzinfo=None)).total_seconds() - 9 * 3600) < 120
    assert hist.iloc[0]["更新の方法"] == "コマンド" and hist.iloc[0]["団体"] == "兵庫県"
    rec = records_table(store.records(), item)
    assert rec.to_dict("records")[0] | {"更新者": ""} == {
        "年度": 2025,
        "団体": "兵庫県",
        "状況": "実施済",
        "進捗率（%）": "100%",
        "実績": "完了",
        "指標": "",
        "実績値": "",
        "時点": "",
        "更新者": "",
    }
    assert records_table(store.records(), "no-such-id").empty


def test_hostile_achievement_is_kept_literally(store, committed):
    """HTML and markdown in an achievement come back as the same characters (shown inert by the UI)."""
    plan, _ = committed
    item = plan[plan[Col.ACTOR_CODE] == "union"].iloc[0][Col.ID]
    text = "<script>alert(1)</script> **太字** [link](javascript:x)"
    _write(store, plan, Change(item, 2025, "union", {"status": "done", "achievement": text}, None))
    view = plan_progress(plan, store.records(), 2025).set_index(plan[Col.ID])
    assert view.loc[item, VCol.ACHIEVEMENT] == "関西広域連合：" + text
    assert isinstance(view[VCol.PCT].dtype, pd.Float64Dtype)
