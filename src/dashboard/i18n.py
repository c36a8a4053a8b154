"""The message catalogue: every string a user reads, in Japanese and English."""

from __future__ import annotations

from collections.abc import Callable

LANGS = ("ja", "en")
DEFAULT_LANG = "ja"

MESSAGES: dict[str, dict[str, str]] = {
    # build (python -m dashboard.build)
    "build.file_missing": {"ja": "ファイルがありません: {path}", "en": "file not found: {path}"},
    "build.not_utf8": {
        "ja": "UTF-8 として読めません（{pos} バイト目）。UTF-8 で保存し直してください",
        "en": "not valid UTF-8 (byte {pos}); save the file as UTF-8",
    },
    "build.empty_file": {"ja": "ファイルが空です", "en": "the file is empty"},
    "build.missing_columns": {"ja": "列がありません: {columns}", "en": "missing columns: {columns}"},
    "build.unknown_columns": {"ja": "未知の列: {columns}", "en": "unknown columns: {columns}"},
    "build.field_count": {
        "ja": "項目数が {found} 個です（{expected} 個のはず）",
        "en": "{found} fields (expected {expected})",
    },
    "build.empty_value": {"ja": "値が空です", "en": "empty value"},
    "build.unknown_value": {
        "ja": "未知の値 '{value}'（有効な値: {valid}）",
        "en": "unknown value '{value}' (valid: {valid})",
    },
    "build.duplicate": {"ja": "重複しています: '{value}'", "en": "duplicate: '{value}'"},
    "build.duplicate_id": {
        "ja": "id '{value}' が重複しています（最初は {first} 行目）",
        "en": "duplicate id '{value}' (first on line {first})",
    },
    "build.area_name": {
        "ja": "分野名 '{value}' がコードと一致しません（'{expected}' のはず）",
        "en": "area name '{value}' does not match its code (expected '{expected}')",
    },
    "build.area_missing": {"ja": "分野 '{value}' の行がありません", "en": "no row for area '{value}'"},
    "build.not_positive_int": {
        "ja": "'{value}' は 1 以上の整数ではありません",
        "en": "'{value}' is not a whole number of 1 or more",
    },
    "build.bad_level": {
        "ja": "level '{value}' は 1（項目）か 2（下位項目）です",
        "en": "level '{value}' must be 1 (item) or 2 (sub-item)",
    },
    "build.level1_parent": {
        "ja": "level 1 の項目に parent_id があります",
        "en": "a level-1 item has a parent_id",
    },
    "build.level2_no_parent": {
        "ja": "level 2 の下位項目に parent_id がありません",
        "en": "a level-2 sub-item has no parent_id",
    },
    "build.order_gap": {
        "ja": "{cell} の order が 1 からの連番になっていません: {found}",
        "en": "order in {cell} is not 1..n without gaps: {found}",
    },
    "build.parent_missing": {
        "ja": "親 '{value}' が存在しません",
        "en": "parent '{value}' does not exist",
    },
    "build.parent_other_cell": {
        "ja": "親 '{value}' が別のセル（分野・時期・主体）にあります",
        "en": "parent '{value}' is in another cell (area, phase, actor)",
    },
    "build.parent_not_preceding": {
        "ja": "親 '{value}' が直前の level 1 項目ではありません（'{expected}' のはず）",
        "en": "parent '{value}' is not the level-1 item before it (expected '{expected}')",
    },
    "build.sub_theme_parent": {
        "ja": "sub_theme '{value}' が親と異なります",
        "en": "sub_theme '{value}' differs from its parent's",
    },
    "build.errata_target": {
        "ja": "正誤表の対象 '{value}' がありません",
        "en": "errata target '{value}' does not exist",
    },
    "build.errata_not_found": {
        "ja": "'{value}' が {target} の本文にありません",
        "en": "'{value}' does not occur in the text of {target}",
    },
    "build.errata_same": {
        "ja": "訂正前と訂正後が同じです",
        "en": "the correction equals the extracted text",
    },
    "build.no_rows": {"ja": "取組が 1 件もありません", "en": "no initiatives"},
    "build.failed": {
        "ja": "検証エラー {n} 件。何も書き込んでいません。",
        "en": "{n} problem(s) found; nothing was written.",
    },
    "build.written": {
        "ja": "{path} に {n} 件を書き込みました（データ版 {version}）",
        "en": "wrote {n} initiatives to {path} (data version {version})",
    },
    "build.stale": {
        "ja": "{path} がソースと一致しません。make data で再生成してください",
        "en": "{path} does not match the source; rebuild it with make data",
    },
    "build.up_to_date": {
        "ja": "{path} はソースと一致しています（{n} 件）",
        "en": "{path} matches the source ({n} initiatives)",
    },
    # load (dashboard.load) — shown in the app when the data file is unusable
    "load.missing": {
        "ja": "データファイル {path} がありません。",
        "en": "The data file {path} does not exist.",
    },
    "load.unreadable": {
        "ja": "データファイル {path} を parquet として読めません（{detail}）。",
        "en": "The data file {path} cannot be read as parquet ({detail}).",
    },
    "load.empty": {
        "ja": "データファイル {path} に取組が 1 件もありません。",
        "en": "The data file {path} holds no initiatives.",
    },
    "load.columns": {
        "ja": "データファイル {path} に必要な列がありません: {columns}。",
        "en": "The data file {path} lacks required columns: {columns}.",
    },
    "load.types": {
        "ja": "データファイル {path} の列 {column} の型が正しくありません（{detail}）。",
        "en": "Column {column} of the data file {path} has the wrong type ({detail}).",
    },
    "load.nulls": {
        "ja": "データファイル {path} の列 {column} に空の値があります（{n} 件）。",
        "en": "Column {column} of the data file {path} has {n} empty value(s).",
    },
    "load.categories": {
        "ja": "データファイル {path} の列 {column} に未知の値があります: {values}。",
        "en": "Column {column} of the data file {path} has unknown values: {values}.",
    },
    "load.duplicate_ids": {
        "ja": "データファイル {path} の id が重複しています: {values}。",
        "en": "The data file {path} has duplicate ids: {values}.",
    },
    "load.parents": {
        "ja": "データファイル {path} に存在しない親 id があります: {values}。",
        "en": "The data file {path} refers to parent ids that do not exist: {values}.",
    },
    "load.metadata": {
        "ja": "データファイル {path} に計画の情報（メタデータ）がありません。",
        "en": "The data file {path} lacks the plan metadata.",
    },
    "load.rebuild": {
        "ja": "`make data`（または `python -m dashboard.build`）で再生成してください。",
        "en": "Rebuild it with `make data` (or `python -m dashboard.build`).",
    },
    # --- ui ---
    # --- charts ---
    # --- export ---
    # --- analysis ---
}


def catalogue(lang: str) -> Callable[..., str]:
    """A translator for `lang`: t(key, **fields) -> text (unknown lang falls back to ja)."""
    lang = lang if lang in LANGS else DEFAULT_LANG

    def t(key: str, **fields: object) -> str:
        text = MESSAGES[key][lang]
        return text.format(**fields) if fields else text

    return t
