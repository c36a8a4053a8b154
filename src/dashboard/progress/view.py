"""Progress as the plan's pages show it: per plan row a status, a %, a badge and the achievements.

Pure: the plan table and the records in, a frame aligned with the plan out (the input is not changed).
"""

from __future__ import annotations

from datetime import timedelta, timezone

import pandas as pd

from ..i18n import catalogue
from ..schema import STATUS_BY_CODE, STATUS_NONE, Col, PCol, label
from .frames import HCol
from .rollup import RCol, record_pct, rollup
from .summary import SCol

MIXED = "mixed"  # organisations reported different statuses


class VCol:
    """Columns joined onto the plan rows (the explorer, the downloads, the badges)."""

    STATUS = "progress_status"  # a status code, MIXED, or STATUS_NONE (no record)
    PCT = "progress_pct"  # rolled-up % (<NA>: nothing counts)
    REPORTED = "progress_reported"  # organisations that reported
    BADGE = "progress_badge"  # the label users read: 「実施中 50%」, 「未報告」…
    ACHIEVEMENT = "progress_achievement"  # each organisation's 実績, one line each


COLUMNS = (VCol.STATUS, VCol.PCT, VCol.REPORTED, VCol.BADGE, VCol.ACHIEVEMENT)


def badge(status: str, pct: float | None, reported: int, from_sub_items: bool, lang: str) -> str:
    """「実施中 50%」, 「3 団体が報告 平均 40%」, 「下位項目の平均 40%」 or 「未報告」: text, never colour alone."""
    t = catalogue(lang)
    shown = "" if pct is None or pd.isna(pct) else f"{float(pct):.0f}%"
    if status == STATUS_NONE:
        return t("progress.badge.sub_items", pct=shown) if from_sub_items and shown else t("progress.status.none")
    if status == MIXED:
        return t("progress.badge.mixed", n=reported, pct=shown).strip()
    return f"{label('status', status, lang)} {shown}".strip()


def plan_progress(plan: pd.DataFrame, records: pd.DataFrame, fiscal_year: int, lang: str = "ja") -> pd.DataFrame:
    """Per plan row (`plan`'s index, VCol columns): the fiscal year's status, %, badge and achievements."""
    r = rollup(plan, records, fiscal_year)
    status = r[RCol.STATUS].where(r[RCol.STATUS].notna(), other=MIXED)
    status = status.where(r[RCol.N_REPORTED] > 0, other=STATUS_NONE).astype(str)
    pct = r[RCol.PCT].astype("Float64")
    # One badge per distinct (status, %, reported, from sub-items): a handful, however many rows.
    parts = pd.DataFrame(
        {
            "s": status.to_numpy(),
            "p": pct.astype(object).where(pct.notna(), None).to_numpy(),
            "n": r[RCol.N_REPORTED].to_numpy(),
            "sub": r[RCol.FROM_SUB_ITEMS].to_numpy(),
        }
    )
    combos = parts.drop_duplicates()
    text_of = {
        (s, p, n, sub): badge(s, p, int(n), bool(sub), lang)
        for s, p, n, sub in combos.itertuples(index=False, name=None)
    }
    badges = [text_of[k] for k in parts.itertuples(index=False, name=None)]
    year = records[records[PCol.FISCAL_YEAR] == int(fiscal_year)]
    achievement = year[PCol.ACHIEVEMENT].fillna("").astype(str)
    text = year[achievement.str.strip() != ""]
    org_label = {o: label("organisation", o, lang) for o in text[PCol.ORGANISATION].astype(str).unique()}
    # One line per organisation, in record order; a dict, as pandas' groupby with a Python join would
    # slice the frame once per initiative.
    by_id: dict[str, list[str]] = {}
    for i, o, a in zip(
        text[PCol.ID].astype(str).to_list(),
        text[PCol.ORGANISATION].astype(str).map(org_label).to_list(),
        text[PCol.ACHIEVEMENT].astype(str).to_list(),
        strict=True,
    ):
        by_id.setdefault(i, []).append(f"{o}：{a}")
    lines = pd.Series({i: "\n".join(v) for i, v in by_id.items()}, dtype=object)
    achievements = plan[Col.ID].astype(str).map(lines)
    out = pd.DataFrame(
        {
            VCol.STATUS: status.to_numpy(),
            VCol.PCT: pct.to_numpy(),
            VCol.REPORTED: r[RCol.N_REPORTED].to_numpy(),
            VCol.BADGE: badges,
            VCol.ACHIEVEMENT: achievements.astype(object).where(achievements.notna(), "").to_numpy(),
        },
        index=plan.index,
    )
    out[VCol.PCT] = out[VCol.PCT].astype("Float64")
    return out


def status_known(code: str) -> bool:
    return code in STATUS_BY_CODE or code in (STATUS_NONE, MIXED)


JST = timezone(timedelta(hours=9))
_SHOWN_FIELDS = (PCol.STATUS, PCol.PROGRESS_PCT, PCol.ACHIEVEMENT, PCol.ACTUAL, PCol.AS_OF)


def _value_text(fieldname: str, value: object, lang: str) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    if fieldname == PCol.STATUS:
        return label("status", str(value), lang) if str(value) in STATUS_BY_CODE else str(value)
    text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def history_table(hist: pd.DataFrame, plan: pd.DataFrame, lang: str = "ja") -> pd.DataFrame:
    """History rows as users read them, newest first: when (JST), organisation, initiative, what changed
    (before → after for status, %, achievement, actual, as-of), who, and from which file or form."""
    t = catalogue(lang)
    text_of = dict(zip(plan[Col.ID].astype(str), plan[Col.TEXT].astype(str), strict=True))
    rows = []
    for h in hist.sort_values(HCol.HISTORY_ID, ascending=False).itertuples(index=False):
        h = h._asdict()
        before, after = h[HCol.BEFORE] or {}, h[HCol.AFTER] or {}
        changes = [
            f"{t(f'progress.col.{f}')}: {_value_text(f, before.get(f), lang)} → {_value_text(f, after.get(f), lang)}"
            for f in h[HCol.FIELDS]
            if f in _SHOWN_FIELDS
        ]
        others = [t(f"progress.col.{f}") for f in h[HCol.FIELDS] if f not in _SHOWN_FIELDS]
        if others:
            changes.append(t("progress.history.other_fields", fields="、".join(others)))
        source = t(f"progress.history.source.{h[HCol.SOURCE]}")
        if isinstance(h.get(HCol.SOURCE_FILE), str) and h[HCol.SOURCE_FILE]:
            source = f"{source}（{h[HCol.SOURCE_FILE]}）"
        rows.append(
            {
                t("progress.history.when"): pd.Timestamp(h[HCol.CHANGED_AT]).tz_convert(JST).strftime("%Y/%m/%d %H:%M"),
                t("progress.col.fiscal_year"): int(h[HCol.FISCAL_YEAR]),
                t("progress.col.organisation"): label("organisation", h[HCol.ORGANISATION], lang),
                t("progress.col.id"): h[HCol.ID],
                t("progress.col.text"): text_of.get(str(h[HCol.ID]), ""),
                t("progress.history.changes"): "\n".join(changes) or "—",
                t("progress.col.updated_by"): h[HCol.USER_NAME],
                t("progress.history.source"): source,
            }
        )
    columns = [
        t(k)
        for k in (
            "progress.history.when",
            "progress.col.fiscal_year",
            "progress.col.organisation",
            "progress.col.id",
            "progress.col.text",
            "progress.history.changes",
            "progress.col.updated_by",
            "progress.history.source",
        )
    ]
    return pd.DataFrame(rows, columns=columns)


def stale_table(old: pd.DataFrame, plan: pd.DataFrame, lang: str = "ja") -> pd.DataFrame:
    """Records not updated for a long time (a `summary.stale` frame), as users read them."""
    t = catalogue(lang)
    text_of = pd.Series(plan[Col.TEXT].astype(str).to_numpy(), index=plan[Col.ID].astype(str).to_numpy())
    ids = old[PCol.ID].astype(str)
    orgs = old[PCol.ORGANISATION].astype(str)
    status = old[PCol.STATUS].astype(object)
    text = ids.map(text_of)
    return pd.DataFrame(
        {
            t("progress.col.updated_at"): old[PCol.UPDATED_AT].dt.tz_convert(JST).dt.strftime("%Y/%m/%d").to_list(),
            t("progress.stale.days"): old[SCol.DAYS].astype(int).to_list(),
            t("progress.col.fiscal_year"): old[PCol.FISCAL_YEAR].astype(int).to_list(),
            t("progress.col.organisation"): orgs.map(
                {o: label("organisation", o, lang) for o in orgs.unique()}
            ).to_list(),
            t("progress.col.status"): status.map({s: _value_text(PCol.STATUS, s, lang) for s in status.unique()})
            .astype(object)
            .where(status.notna(), "—")
            .to_list(),
            t("progress.col.id"): ids.to_list(),
            t("progress.col.text"): text.astype(object).where(text.notna(), "").to_list(),
        }
    )


def records_table(records: pd.DataFrame, initiative_id: str, lang: str = "ja") -> pd.DataFrame:
    """One initiative's records, fiscal year by organisation: status, %, achievement, indicator, as-of."""
    t = catalogue(lang)
    r = records[records[PCol.ID].astype(str) == str(initiative_id)].sort_values([PCol.FISCAL_YEAR, PCol.ORGANISATION])
    pct = record_pct(r)
    cols = {
        t("progress.col.fiscal_year"): r[PCol.FISCAL_YEAR].astype(int).to_list(),
        t("progress.col.organisation"): [label("organisation", o, lang) for o in r[PCol.ORGANISATION]],
        t("progress.col.status"): [_value_text(PCol.STATUS, s, lang) for s in r[PCol.STATUS]],
        t("progress.col.progress_pct"): ["—" if pd.isna(p) else f"{float(p):.0f}%" for p in pct],
        t("progress.col.achievement"): r[PCol.ACHIEVEMENT].fillna("").astype(str).to_list(),
        t("progress.col.indicator"): r[PCol.INDICATOR].fillna("").astype(str).to_list(),
        t("progress.col.actual"): [
            " ".join(str(v) for v in (a, u) if isinstance(v, str) and v)
            for a, u in zip(r[PCol.ACTUAL], r[PCol.UNIT], strict=True)
        ],
        t("progress.col.as_of"): ["" if pd.isna(d) else str(d) for d in r[PCol.AS_OF]],
        t("progress.col.updated_by"): r[PCol.UPDATED_BY].fillna("").astype(str).to_list(),
    }
    return pd.DataFrame(cols)
