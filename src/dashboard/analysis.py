"""Frames for the analysis views: related items of one initiative, 連携候補 pairs, progressions,
and the reasons behind an initiative's instrument types and Expo link in words staff use."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from . import i18n
from .classify import read_evidence
from .related import ChainCol, Neighbours, PairCol, pairs, progression
from .schema import Col, label

SCORE = "score"


def related_rows(df: pd.DataFrame, item_id: str) -> pd.DataFrame:
    """The stored nearest items of `item_id` (best first) with where they stand in the plan."""
    rows = df[df[Col.ID] == item_id]
    if rows.empty:
        return pd.DataFrame(columns=[SCORE, Col.AREA_CODE, Col.PHASE_CODE, Col.ACTOR_CODE, Col.TEXT, Col.ID])
    row = rows.iloc[0]
    ids = [str(i) for i in row[Col.RELATED_IDS]]
    scores = [float(s) for s in row[Col.RELATED_SCORES]]
    found = df[df[Col.ID].isin(ids)].set_index(Col.ID)
    keep = [(i, s) for i, s in zip(ids, scores, strict=True) if i in found.index]
    out = pd.DataFrame(
        {
            SCORE: [s for _, s in keep],
            Col.AREA_CODE: [found.at[i, Col.AREA_CODE] for i, _ in keep],
            Col.PHASE_CODE: [found.at[i, Col.PHASE_CODE] for i, _ in keep],
            Col.ACTOR_CODE: [found.at[i, Col.ACTOR_CODE] for i, _ in keep],
            Col.TEXT: [found.at[i, Col.TEXT] for i, _ in keep],
            Col.ID: [i for i, _ in keep],
        }
    )
    return out


def pair_rows(
    df: pd.DataFrame,
    *,
    same_area: bool = True,
    same_phase: bool = False,
    top: int = 30,
    neighbours: Neighbours | None = None,
) -> pd.DataFrame:
    """連携候補 between the rows of `df`, best first: suggestions by shared wording, to be checked.

    Pure headings and pairs of the same wording are left out (`related.pairs`).

    `neighbours`: `related.neighbours(table)` of a table `df` is a row subset of (faster, same result).
    """
    p = pairs(df, same_area=same_area, same_phase=same_phase, top=top, neighbours=neighbours)
    return pd.DataFrame(
        {
            SCORE: p[PairCol.SCORE],
            Col.AREA_CODE: p[PairCol.AREA_CODE],
            "union_phase": p[PairCol.UNION_PHASE],
            "union_text": p[PairCol.UNION_TEXT],
            "members_phase": p[PairCol.MEMBERS_PHASE],
            "members_text": p[PairCol.MEMBERS_TEXT],
            "union_id": p[PairCol.UNION_ID],
            "members_id": p[PairCol.MEMBERS_ID],
        }
    )


@dataclass(frozen=True)
class Step:
    id: str
    text: str
    score: float | None  # similarity to the previous step; None on the first


@dataclass
class Chain:
    actor_code: str
    steps: dict[str, Step] = field(default_factory=dict)  # phase code → step


def progression_grid(
    df: pd.DataFrame, area_code: str, *, neighbours: Neighbours | None = None, limit: int | None = None
) -> list[Chain]:
    """The area's chains of related items across phases, one Chain per row of the view.

    `neighbours`, `limit`: as in `related.progression`.
    """
    return chains_of(progression(df, area_code, neighbours=neighbours, limit=limit))


def chains_of(frame: pd.DataFrame) -> list[Chain]:
    """A `related.progression` frame as Chains, one per row of the view."""
    frame = frame.sort_values(ChainCol.CHAIN, kind="stable")
    chains: list[Chain] = []
    current = None
    columns = (ChainCol.CHAIN, ChainCol.ACTOR_CODE, ChainCol.PHASE_CODE, ChainCol.ID, ChainCol.TEXT, ChainCol.SCORE)
    for number, actor, phase, id_, text, score in zip(*(frame[c].tolist() for c in columns), strict=True):
        if current is None or number != current[0]:
            current = (number, Chain(actor_code=str(actor)))
            chains.append(current[1])
        step = Step(str(id_), str(text), None if pd.isna(score) else float(score))
        current[1].steps[str(phase)] = step
    return chains


# Header message key and value formatter of each column the views show.
_AREA = ("export.col.area", lambda v, lang: label("area", v, lang))
_PHASE = ("export.col.phase", lambda v, lang: label("phase", v, lang))
HEADERS = {
    SCORE: ("analysis.score", None),
    Col.AREA_CODE: _AREA,
    Col.PHASE_CODE: _PHASE,
    Col.ACTOR_CODE: ("export.col.actor", lambda v, lang: label("actor", v, lang)),
    Col.TEXT: ("export.col.text", None),
    Col.ID: ("export.col.id", None),
    "union_phase": ("analysis.union_phase", _PHASE[1]),
    "union_text": ("analysis.union_text", None),
    "members_phase": ("analysis.members_phase", _PHASE[1]),
    "members_text": ("analysis.members_text", None),
    "union_id": ("analysis.union_id", None),
    "members_id": ("analysis.members_id", None),
}


def labelled(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Codes shown as labels and headers in the UI language (for display; a new frame)."""
    t = i18n.catalogue(lang)
    out = {}
    for col in frame.columns:
        key, fmt = HEADERS[col]
        values = frame[col]
        out[t(key)] = [fmt(v, lang) for v in values] if fmt else list(values)
    return pd.DataFrame(out)


def _texts(df: pd.DataFrame, ids: Iterable[str]) -> dict[str, str]:
    ids = list(ids)
    found = df.loc[df[Col.ID].isin(ids), [Col.ID, Col.TEXT]]
    return dict(zip(found[Col.ID], found[Col.TEXT], strict=True))


def _quoted(t, texts: Iterable[str]) -> str:
    return t("detail.quote_sep").join(t("detail.quote", text=x) for x in texts)


def instrument_reasons(evidence: Iterable[str], lang: str, df: pd.DataFrame) -> list[str]:
    """Why an initiative has each instrument type, one line per type in taxonomy order:
    「交流・マッチング：本文中の「マッチング」から判定」. `df`: a table to find sub-items' texts in."""
    t = i18n.catalogue(lang)
    reasons = [read_evidence(e) for e in evidence]
    texts = _texts(df, [i for r in reasons for i in r.ids])
    by_type: dict[str, dict[str, list[str]]] = {}
    for r in reasons:
        kinds = by_type.setdefault(r.type, {})
        found = kinds.setdefault(r.kind, [])
        found.extend(w for w in (r.words if r.kind == "text" else r.ids) if w not in found)
    lines = []
    for type_, kinds in by_type.items():
        parts = []
        for kind, values in kinds.items():
            if kind == "text":
                parts.append(t("detail.reason.words", words=_quoted(t, values)))
            elif kind == "override":
                parts.append(t("detail.reason.override"))
            else:
                parts.append(t("detail.reason.sub_items", items=_quoted(t, (texts.get(i, i) for i in values))))
        name = label("instrument", type_, lang) if type_ else ""
        lines.append(t("detail.reason.line", type=name, reason=t("chart.list_sep").join(parts)))
    return lines


def expo_reason(evidence: str | None, lang: str, df: pd.DataFrame) -> str:
    """Why an initiative is tied to the Expo, in words staff use ("" when it is not)."""
    if not isinstance(evidence, str) or not evidence:
        return ""
    t = i18n.catalogue(lang)
    r = read_evidence(evidence)
    if r.kind == "parent":
        parent = r.ids[0]
        return t("detail.reason.parent", text=_texts(df, [parent]).get(parent, parent))
    return t("detail.reason.words", words=_quoted(t, r.words))
