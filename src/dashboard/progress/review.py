"""What an upload would change, as tables a person reads before confirming (pure).

problems_table(problems, lang)   each validation message: where (sheet!cell) and what
diff_table(result, plan, lang)   one row per changed field: record, field, before → after
conflicts_table(result, lang)    records someone saved after the template was made
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..i18n import catalogue
from ..schema import Col, label
from .errors import Problem
from .frames import TZ
from .view import _value_text
from .write import WriteResult


def problems_table(problems: Iterable[Problem], lang: str = "ja") -> pd.DataFrame:
    t = catalogue(lang)
    rows = [
        {t("review.col.where"): p.ref, t("review.col.problem"): catalogue(lang)(p.key, **p.fields)} for p in problems
    ]
    return pd.DataFrame(rows, columns=[t("review.col.where"), t("review.col.problem")])


def _record(key: tuple, lang: str) -> tuple[str, int, str]:
    return str(key[0]), int(key[1]), label("organisation", key[2], lang)


def diff_table(result: WriteResult, plan: pd.DataFrame, lang: str = "ja") -> pd.DataFrame:
    """Every new or changed record, field by field (unchanged records left out)."""
    t = catalogue(lang)
    text_of = dict(zip(plan[Col.ID].astype(str), plan[Col.TEXT].astype(str), strict=True))
    cols = [
        t(k) for k in ("review.col.kind", "progress.col.id", "progress.col.fiscal_year", "progress.col.organisation")
    ]
    cols += [t(k) for k in ("progress.col.text", "review.col.field", "review.col.before", "review.col.after")]
    rows = []
    for d in result.diffs:
        if d.kind == "unchanged":
            continue
        item, fy, org = _record(d.key, lang)
        text = text_of.get(item, "")
        for f in d.fields:
            before = d.before.get(f) if d.before else None
            rows.append(
                [
                    t(f"progress.diff.{d.kind}"),
                    item,
                    fy,
                    org,
                    text,
                    t(f"progress.col.{f}"),
                    _value_text(f, before, lang),
                    _value_text(f, d.after.get(f), lang),
                ]
            )
    return pd.DataFrame(rows, columns=cols)


def conflicts_table(result: WriteResult, lang: str = "ja") -> pd.DataFrame:
    """Records whose stored version is newer than the file's: who saved them and when."""
    t = catalogue(lang)
    cols = [
        t(k) for k in ("review.col.where", "progress.col.id", "progress.col.fiscal_year", "progress.col.organisation")
    ]
    cols += [t(k) for k in ("review.col.saved_by", "review.col.saved_at", "review.col.version")]
    rows = []
    for c in result.conflicts:
        item, fy, org = _record(c.key, lang)
        s = c.stored or {}
        when = s.get("updated_at")
        rows.append(
            [
                c.ref,
                item,
                fy,
                org,
                s.get("updated_by", "—"),
                when.astimezone(TZ).strftime("%Y/%m/%d %H:%M") if when else "—",
                f"{c.seen_version or '—'} → {s.get('version', '—')}",
            ]
        )
    return pd.DataFrame(rows, columns=cols)
