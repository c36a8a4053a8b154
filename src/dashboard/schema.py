"""Column names, categories in plan order, and their labels (ja/en, long and short).

Every other module takes names, orders and labels from here; nothing else spells them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    """One value of a categorical dimension: URL/source code plus labels.

    `ja` is the name as the plan prints it (and as the source CSV and the table store it); `label()`
    is what users read, long by default, short (`ja_short`/`en_short`, when set) for tight places."""

    code: str
    ja: str
    en: str
    ja_short: str = ""
    en_short: str = ""

    def label(self, lang: str, short: bool = False) -> str:
        if short:
            return (self.en_short or self.en) if lang == "en" else (self.ja_short or self.ja)
        return self.en if lang == "en" else self.ja


@dataclass(frozen=True)
class Phase(Category):
    """A phase: its fiscal year as the plan's table header writes it, and the phase's name.

    The long label is the year and the name (「2026～ 万博後」, "2026– After the Expo"): the sidebar,
    the matrix, chart axes, exports and reports all show it; the short label is the name alone."""

    year_ja: str = ""
    year_en: str = ""

    def year(self, lang: str) -> str:
        return self.year_en if lang == "en" else self.year_ja

    def label(self, lang: str, short: bool = False) -> str:
        name = super().label(lang)
        return name if short else f"{self.year(lang)} {name}"

    def tick(self, lang: str) -> str:
        """The label on two lines, for chart axes (Plotly's `<br>`)."""
        return f"{self.year(lang)}<br>{super().label(lang)}"


# The six areas (取組項目), in plan order.
AREAS: tuple[Category, ...] = (
    Category("ls", "ライフサイエンス", "Life sciences"),
    Category("cn", "カーボンニュートラル", "Carbon neutrality"),
    Category("mob", "空飛ぶクルマ・MaaS", "Flying cars & MaaS"),
    Category("su", "スタートアップ", "Start-ups"),
    Category("sme", "中小企業の成長", "SME growth"),
    Category("hr", "多様な人材の活躍", "Diverse talent"),
)

# The three phases; `code` is the fiscal year used in URLs and the source CSV.
PHASES: tuple[Phase, ...] = (
    Phase("2024", "現状", "Current", year_ja="2024", year_en="2024"),
    Phase("2025", "万博開催", "Expo year", year_ja="2025", year_en="2025"),
    Phase("2026", "万博後", "After the Expo", year_ja="2026～", year_en="2026–"),
)
# How the plan writes each fiscal year in its table header (the table's `fiscal_year` column).
FISCAL_YEAR_LABELS: dict[str, str] = {p.code: p.year_ja for p in PHASES}
# Phases whose column the plan says includes initiatives under consideration.
TENTATIVE_PHASES: frozenset[str] = frozenset({"2025", "2026"})

ACTORS: tuple[Category, ...] = (
    Category("union", "関西広域連合", "Union of Kansai Governments", en_short="Union"),
    Category("members", "構成府県市", "Member prefectures & cities", en_short="Members"),
)
# The row heading the document uses for each actor.
ACTOR_ROW_HEADINGS: dict[str, str] = {
    "union": "関西広域連合",
    "members": "構成府県市 (主な取組)",
}


def actor_heading(code: str, lang: str) -> str:
    """An actor's row heading in a table laid out as the document's: as printed (ja), else its label."""
    return ACTOR_ROW_HEADINGS[code] if lang == "ja" else ACTOR_BY_CODE[code].label(lang)


# Sub-themes (【…】 blocks) the plan uses; only the 空飛ぶクルマ・MaaS table has them.
# `ja` is the label as printed (and as written in the source CSV); `code` is for URLs.
SUB_THEMES: tuple[Category, ...] = (
    Category("fly", "空飛ぶクルマ", "Flying cars"),
    Category("maas", "MaaS", "MaaS"),
    Category("fly-maas", "空飛ぶクルマ・MaaS", "Flying cars & MaaS"),
)

# Policy-instrument groups of the EC-OECD STIP Compass taxonomy (in its order). The plan names no
# tax relief or guarantee, so no instrument type below maps to "indirect_financial".
STIP_GROUPS: tuple[Category, ...] = (
    Category("governance", "ガバナンス", "Governance"),
    Category("direct_financial", "直接的な資金支援", "Direct financial support"),
    Category("indirect_financial", "間接的な資金支援", "Indirect financial support"),
    Category("collaborative", "連携のための基盤", "Collaborative infrastructures"),
    Category("guidance", "指導・規制・インセンティブ", "Guidance, regulation and incentives"),
)


@dataclass(frozen=True)
class InstrumentType(Category):
    """A policy-instrument type (施策手法) of this plan, with its nearest STIP Compass group."""

    stip_group: str = ""


# Instrument types (施策手法), adapted from the STIP Compass instrument groups to what this plan
# contains; assigned at build time by data/source/instrument_rules.csv (docs/data-model.md: Analysis columns).
INSTRUMENT_TYPES: tuple[Category, ...] = (
    InstrumentType("outreach", "情報発信・PR", "Outreach & promotion", stip_group="guidance"),
    InstrumentType("matching", "交流・マッチング", "Networking & matching", stip_group="collaborative"),
    InstrumentType("funding", "資金・補助", "Funding & subsidies", stip_group="direct_financial"),
    InstrumentType("rnd", "研究開発・実証・実装", "R&D, trials & deployment", stip_group="direct_financial"),
    InstrumentType("infrastructure", "拠点・環境整備", "Hubs & facilities", stip_group="collaborative"),
    InstrumentType("talent", "人材育成・確保", "Talent & employment", stip_group="guidance"),
    InstrumentType("advisory", "経営・事業支援", "Business advisory & support", stip_group="guidance"),
    InstrumentType("institutions", "制度・戦略・体制", "Schemes, strategies & coordination", stip_group="governance"),
)


# Each dimension's values by code, for `label(kind, code, lang)`.
def _by_code(cats: tuple[Category, ...]) -> dict[str, Category]:
    return {c.code: c for c in cats}


AREA_CODES = tuple(a.code for a in AREAS)
PHASE_CODES = tuple(p.code for p in PHASES)
ACTOR_CODES = tuple(a.code for a in ACTORS)
STIP_GROUP_CODES = tuple(g.code for g in STIP_GROUPS)
INSTRUMENT_CODES = tuple(i.code for i in INSTRUMENT_TYPES)
SUB_THEME_NAMES = tuple(s.ja for s in SUB_THEMES)
SUB_THEME_CODES = tuple(s.code for s in SUB_THEMES)
SUB_THEME_BY_CODE = _by_code(SUB_THEMES)
SUB_THEME_CODE_BY_NAME = {s.ja: s.code for s in SUB_THEMES}

AREA_BY_CODE = _by_code(AREAS)
PHASE_BY_CODE: dict[str, Phase] = {p.code: p for p in PHASES}
ACTOR_BY_CODE = _by_code(ACTORS)
STIP_GROUP_BY_CODE = _by_code(STIP_GROUPS)
INSTRUMENT_BY_CODE = _by_code(INSTRUMENT_TYPES)
# The label vocabulary: every area, phase, actor, sub-theme and instrument-type label comes from here.
VOCABULARY: dict[str, dict[str, Category]] = {
    "area": AREA_BY_CODE,
    "phase": PHASE_BY_CODE,
    "actor": ACTOR_BY_CODE,
    "sub_theme": SUB_THEME_BY_CODE,
    "instrument": INSTRUMENT_BY_CODE,
    "stip_group": STIP_GROUP_BY_CODE,
}


def label(kind: str, code: str, lang: str, short: bool = False) -> str:
    """The label users read for `code` of dimension `kind` ("area", "phase", "actor", …)."""
    return VOCABULARY[kind][str(code)].label(lang, short)


AREA_CODE_BY_NAME = {a.ja: a.code for a in AREAS}
PHASE_CODE_BY_NAME = {p.ja: p.code for p in PHASES}
ACTOR_CODE_BY_NAME = {a.ja: a.code for a in ACTORS}

# The analysis page's tabs (URL `tab=`), in display order; the first is the default.
ANALYSIS_TABS = ("instruments", "expo", "pairs", "progression", "terms")

# Levels of nesting: 1 = item, 2 = sub-item (▶ or nested list in the document).
LEVELS = (1, 2)


class Col:
    """Column names of the initiative table (the interface later work relies on)."""

    ID = "id"
    SEQ = "seq"
    AREA = "area"
    AREA_CODE = "area_code"
    AREA_VISION = "area_vision"
    PAGE = "page"
    PHASE = "phase"
    PHASE_CODE = "phase_code"
    FISCAL_YEAR = "fiscal_year"
    PHASE_THEME = "phase_theme"
    ACTOR = "actor"
    ACTOR_CODE = "actor_code"
    SUB_THEME = "sub_theme"
    LEVEL = "level"
    PARENT_ID = "parent_id"
    PARENT_TEXT = "parent_text"
    N_CHILDREN = "n_children"
    ORDER = "order"
    TEXT = "text"
    TEXT_SOURCE = "text_source"
    CORRECTED = "corrected"
    TENTATIVE = "tentative"
    NOTE = "note"
    # Analysis columns, derived at build time (docs/data-model.md: Analysis columns).
    INSTRUMENT_TYPES = "instrument_types"
    INSTRUMENT_EVIDENCE = "instrument_evidence"
    EXPO_RELATED = "expo_related"
    EXPO_EVIDENCE = "expo_evidence"
    RELATED_IDS = "related_ids"
    RELATED_SCORES = "related_scores"
    TERMS = "terms"


# Column order of the parquet file and the dtype family each column must have.
COLUMNS: dict[str, str] = {
    Col.ID: "string",
    Col.SEQ: "int",
    Col.AREA: "category",
    Col.AREA_CODE: "category",
    Col.AREA_VISION: "string",
    Col.PAGE: "int",
    Col.PHASE: "category",
    Col.PHASE_CODE: "category",
    Col.FISCAL_YEAR: "category",
    Col.PHASE_THEME: "string",
    Col.ACTOR: "category",
    Col.ACTOR_CODE: "category",
    Col.SUB_THEME: "string",
    Col.LEVEL: "int",
    Col.PARENT_ID: "string",
    Col.PARENT_TEXT: "string",
    Col.N_CHILDREN: "int",
    Col.ORDER: "int",
    Col.TEXT: "string",
    Col.TEXT_SOURCE: "string",
    Col.CORRECTED: "bool",
    Col.TENTATIVE: "bool",
    Col.NOTE: "string",
    Col.INSTRUMENT_TYPES: "list",
    Col.INSTRUMENT_EVIDENCE: "list",
    Col.EXPO_RELATED: "bool",
    Col.EXPO_EVIDENCE: "string",
    Col.RELATED_IDS: "list",
    Col.RELATED_SCORES: "list",
    Col.TERMS: "list",
}

# Item type of each "list" column: each cell is a 1-D numpy array (as pyarrow returns list<…>).
LIST_ITEMS: dict[str, str] = {
    Col.INSTRUMENT_TYPES: "string",
    Col.INSTRUMENT_EVIDENCE: "string",
    Col.RELATED_IDS: "string",
    Col.RELATED_SCORES: "float",
    Col.TERMS: "string",
}

# Columns that may hold nulls; every other column must be complete.
NULLABLE: frozenset[str] = frozenset({Col.SUB_THEME, Col.PARENT_ID, Col.PARENT_TEXT, Col.NOTE, Col.EXPO_EVIDENCE})

# Categories (in plan order) of each categorical column.
CATEGORIES: dict[str, tuple[str, ...]] = {
    Col.AREA: tuple(a.ja for a in AREAS),
    Col.AREA_CODE: AREA_CODES,
    Col.PHASE: tuple(p.ja for p in PHASES),
    Col.PHASE_CODE: PHASE_CODES,
    Col.FISCAL_YEAR: tuple(FISCAL_YEAR_LABELS[c] for c in PHASE_CODES),
    Col.ACTOR: tuple(a.ja for a in ACTORS),
    Col.ACTOR_CODE: ACTOR_CODES,
}

# Key under which the build stores plan-level metadata in the parquet file.
METADATA_KEY = b"kansai_action_plan"

# Texts that are constant per area or per phase, repeated on every row of the table.
REPEATED_TEXT = (Col.AREA_VISION, Col.PHASE_THEME)


# --------------------------------------------------------------------------- progress (issue 13)
# Organisations that report progress, the statuses of a progress record, and the record's columns.


@dataclass(frozen=True)
class Organisation(Category):
    """A reporting organisation and the actor (ACTORS code) whose initiatives it may report on."""

    actor: str = ""


ORGANISATIONS: tuple[Organisation, ...] = (
    Organisation("union", "関西広域連合", "Union of Kansai Governments", actor="union"),
    Organisation("shiga", "滋賀県", "Shiga Prefecture", actor="members"),
    Organisation("kyoto-pref", "京都府", "Kyoto Prefecture", actor="members"),
    Organisation("osaka-pref", "大阪府", "Osaka Prefecture", actor="members"),
    Organisation("hyogo", "兵庫県", "Hyogo Prefecture", actor="members"),
    Organisation("nara", "奈良県", "Nara Prefecture", actor="members"),
    Organisation("wakayama", "和歌山県", "Wakayama Prefecture", actor="members"),
    Organisation("tottori", "鳥取県", "Tottori Prefecture", actor="members"),
    Organisation("tokushima", "徳島県", "Tokushima Prefecture", actor="members"),
    Organisation("kyoto-city", "京都市", "Kyoto City", actor="members"),
    Organisation("osaka-city", "大阪市", "Osaka City", actor="members"),
    Organisation("sakai", "堺市", "Sakai City", actor="members"),
    Organisation("kobe", "神戸市", "Kobe City", actor="members"),
)
ORGANISATION_CODES = tuple(o.code for o in ORGANISATIONS)
ORGANISATION_BY_CODE = {o.code: o for o in ORGANISATIONS}
ORGANISATION_CODE_BY_NAME = {o.ja: o.code for o in ORGANISATIONS}
# Actor code → the organisations that may report on that actor's initiatives, in order.
ACTOR_ORGANISATIONS: dict[str, tuple[str, ...]] = {
    a.code: tuple(o.code for o in ORGANISATIONS if o.actor == a.code) for a in ACTORS
}


@dataclass(frozen=True)
class Status(Category):
    """A progress status; `pct` is its default percentage (None: left out of percentages)."""

    pct: float | None = None


STATUSES: tuple[Status, ...] = (
    Status("not_started", "未着手", "Not started", pct=0.0),
    Status("preparing", "準備・検討中", "Preparing", pct=25.0),
    Status("in_progress", "実施中", "In progress", pct=50.0),
    Status("done", "実施済", "Done", pct=100.0),
    Status("discontinued", "見直し・中止", "Revised or discontinued", pct=None),
)
STATUS_CODES = tuple(s.code for s in STATUSES)
STATUS_BY_CODE = {s.code: s for s in STATUSES}
STATUS_CODE_BY_NAME = {s.ja: s.code for s in STATUSES}
VOCABULARY.update(organisation=ORGANISATION_BY_CODE, status=STATUS_BY_CODE)
# The status filter's value for "no record for the fiscal year" (未報告).
STATUS_NONE = "none"
STATUS_FILTER_CODES = (*STATUS_CODES, STATUS_NONE)

# Fiscal years a progress record can be for (April to March).
FISCAL_YEARS: tuple[int, ...] = (2024, 2025, 2026)


class PCol:
    """Column names of a progress record (the interface later work relies on)."""

    ID = "id"
    FISCAL_YEAR = "fiscal_year"
    ORGANISATION = "organisation"
    STATUS = "status"
    PROGRESS_PCT = "progress_pct"
    ACHIEVEMENT = "achievement"
    INDICATOR = "indicator"
    TARGET = "target"
    ACTUAL = "actual"
    UNIT = "unit"
    BUDGET_THOUSAND_YEN = "budget_thousand_yen"
    AS_OF = "as_of"
    EVIDENCE_URL = "evidence_url"
    NOTE = "note"
    UPDATED_BY = "updated_by"
    UPDATED_AT = "updated_at"
    VERSION = "version"


# The key of a record, and the values a writer sets (in template/export order).
PROGRESS_KEY: tuple[str, ...] = (PCol.ID, PCol.FISCAL_YEAR, PCol.ORGANISATION)
PROGRESS_VALUES: tuple[str, ...] = (
    PCol.STATUS,
    PCol.PROGRESS_PCT,
    PCol.ACHIEVEMENT,
    PCol.INDICATOR,
    PCol.TARGET,
    PCol.ACTUAL,
    PCol.UNIT,
    PCol.BUDGET_THOUSAND_YEN,
    PCol.AS_OF,
    PCol.EVIDENCE_URL,
    PCol.NOTE,
)
PROGRESS_COLUMNS: tuple[str, ...] = (
    *PROGRESS_KEY,
    *PROGRESS_VALUES,
    PCol.UPDATED_BY,
    PCol.UPDATED_AT,
    PCol.VERSION,
)
# Longest text each text field may hold (characters).
PROGRESS_TEXT_LIMITS: dict[str, int] = {
    PCol.ACHIEVEMENT: 2000,
    PCol.INDICATOR: 200,
    PCol.TARGET: 200,
    PCol.ACTUAL: 200,
    PCol.UNIT: 20,
    PCol.EVIDENCE_URL: 2000,
    PCol.NOTE: 1000,
    PCol.UPDATED_BY: 200,
}
PROGRESS_PCT_RANGE: tuple[float, float] = (0.0, 100.0)
BUDGET_MAX_THOUSAND_YEN = 10**12  # a sanity bound (one quadrillion yen)
EVIDENCE_URL_SCHEMES: tuple[str, ...] = ("http", "https")
