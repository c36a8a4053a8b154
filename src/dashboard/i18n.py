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
    "app.title": {
        "ja": "関西広域産業ビジョン アクションプラン",
        "en": "Kansai Regional Industrial Vision: Action Plan",
    },
    "page.overview": {"ja": "概要", "en": "Overview"},
    "page.timeline": {"ja": "タイムライン", "en": "Timeline"},
    "page.matrix": {"ja": "分野マトリクス", "en": "Area matrix"},
    "page.actors": {"ja": "実施主体", "en": "Actors"},
    "page.explore": {"ja": "一覧・ダウンロード", "en": "Explore & download"},
    "sidebar.filters": {"ja": "絞り込み", "en": "Filter"},
    "filter.area": {"ja": "分野（取組項目）", "en": "Area"},
    "filter.phase": {"ja": "時期", "en": "Phase"},
    "filter.actor": {"ja": "実施主体", "en": "Actor"},
    "filter.sub_theme": {"ja": "サブテーマ（【】）", "en": "Sub-theme (【】)"},
    "filter.sub_items": {"ja": "下位項目（▶）を含める", "en": "Include sub-items (▶)"},
    "filter.query": {"ja": "キーワード検索", "en": "Search text"},
    "filter.query_help": {
        "ja": "本文を検索します。全角・半角、大文字・小文字を区別しません。空白で区切ると全語を含むものに絞ります。",
        "en": "Searches the text; full/half width and case are ignored. Several words: all must occur.",
    },
    "filter.instrument": {"ja": "施策手法", "en": "Policy instrument"},
    "filter.instrument_help": {
        "ja": "本文の語句（「補助」「マッチング」など）から判定した施策手法です。選んだ手法のいずれかに当たる取組に絞ります。",
        "en": "Instrument types read from the words of each initiative (such as 補助, マッチング); shows initiatives of any type chosen.",
    },
    "filter.expo": {"ja": "万博との関連", "en": "Expo 2025 link"},
    "filter.expo_help": {
        "ja": "本文に「万博」「EXPO」「パビリオン」を含む取組（下位項目は親から引き継ぎ）。",
        "en": "Items whose text names 万博, EXPO or パビリオン (sub-items inherit from their parent).",
    },
    "filter.expo.all": {"ja": "すべて", "en": "All"},
    "filter.expo.yes": {"ja": "関連あり", "en": "Linked"},
    "filter.expo.no": {"ja": "関連なし", "en": "Not linked"},
    "filter.all": {"ja": "すべて", "en": "All"},
    "filter.reset": {"ja": "条件をクリア", "en": "Clear filter"},
    "filter.count": {
        "ja": "該当 {n} 件 ／ 全 {total} 件",
        "en": "{n} of {total} initiatives match",
    },
    "filter.active": {"ja": "条件: {desc}", "en": "Filter: {desc}"},
    "filter.none": {"ja": "条件なし（全件）", "en": "No filter (all initiatives)"},
    "lang.label": {"ja": "表示言語 / Language", "en": "表示言語 / Language"},
    "lang.ja": {"ja": "日本語", "en": "日本語"},
    "lang.en": {"ja": "English", "en": "English"},
    "url.unknown_param": {
        "ja": "URL の未知のパラメータ「{param}」を無視しました。",
        "en": "Ignored the unknown URL parameter “{param}”.",
    },
    "url.invalid_value": {
        "ja": "URL のパラメータ {param} の値「{value}」は無効なため無視しました。",
        "en": "Ignored the invalid value “{value}” of the URL parameter {param}.",
    },
    "url.too_many": {
        "ja": "URL のパラメータ {param} の値が多すぎるため（{value} 個）、先頭の一部だけを使いました。",
        "en": "The URL parameter {param} has too many values ({value}); only the first ones were used.",
    },
    "url.too_long": {
        "ja": "URL の検索語が長すぎるため（{value} 文字）、先頭の一部だけを使いました。",
        "en": "The search text in the URL is too long ({value} characters); it was shortened.",
    },
    "common.empty": {"ja": "条件に該当する取組はありません。", "en": "No initiative matches the filter."},
    "common.data_version": {"ja": "データ版 {version}", "en": "Data version {version}"},
    "common.source": {
        "ja": "出典: 関西広域産業ビジョン アクションプラン（2024年7月、関西広域連合 広域産業振興局）",
        "en": "Source: Kansai Regional Industrial Vision Action Plan (July 2024, Union of Kansai Governments)",
    },
    "common.tentative_note": {
        "ja": "※ 2025〈万博開催〉、2026～〈万博後〉の列は検討段階の取組を含みます。",
        "en": "Note: the 2025 (Expo) and 2026– (after the Expo) columns include initiatives under consideration.",
    },
    "error.data": {"ja": "データを読み込めません", "en": "The data cannot be loaded"},
    "overview.total": {"ja": "取組数", "en": "Initiatives"},
    "overview.items": {"ja": "うち項目 {n}・下位項目 {m}", "en": "{n} items, {m} sub-items"},
    "overview.tentative": {"ja": "検討段階を含む列", "en": "In columns incl. plans under consideration"},
    "overview.tentative_help": {
        "ja": "2025〈万博開催〉・2026～〈万博後〉の列の取組数。計画は、これらの列に検討段階の取組を含むとしています。",
        "en": "Initiatives in the 2025 and 2026– columns, which the plan says include initiatives under consideration.",
    },
    "overview.structure": {"ja": "計画の構成", "en": "Structure of the plan"},
    "overview.purpose": {"ja": "アクションプランについて", "en": "About the action plan"},
    "overview.vision_2040": {"ja": "2040年度にめざす将来像", "en": "Vision for FY2040 (将来像)"},
    "overview.goals": {"ja": "具体的なめざす姿", "en": "Concrete goals (めざす姿)"},
    "overview.challenge": {"ja": "関西チャレンジ", "en": "Kansai Challenge (関西チャレンジ)"},
    "overview.areas": {
        "ja": "6つの取組項目と万博後の関西のありたい姿",
        "en": "The six areas and their post-Expo visions",
    },
    "overview.page": {"ja": "p.{page}", "en": "p.{page}"},
    "overview.chart": {"ja": "分野別・実施主体別の取組数", "en": "Initiatives by area and actor"},
    "overview.lang_note": {
        "ja": "",
        "en": "The plan's own text is shown in Japanese, as published.",
    },
    "bars.mode": {"ja": "棒の表示", "en": "Bars"},
    "bars.group": {"ja": "並べる", "en": "Grouped"},
    "bars.stack": {"ja": "積み上げ", "en": "Stacked"},
    "timeline.focus": {
        "ja": "分野を選んで取組を時期順に表示",
        "en": "Choose an area to lay out its items phase by phase",
    },
    "timeline.focus_none": {"ja": "（選択なし）", "en": "(none)"},
    "timeline.theme": {"ja": "テーマ: {theme}", "en": "Theme: {theme}"},
    "matrix.area": {"ja": "分野", "en": "Area"},
    "matrix.vision": {"ja": "万博後の関西のありたい姿", "en": "Post-Expo vision for Kansai"},
    "matrix.heatmap": {"ja": "分野 × 時期の取組数", "en": "Initiatives by area × phase"},
    "matrix.heatmap_actor": {"ja": "実施主体", "en": "Actor"},
    "matrix.both": {"ja": "両方", "en": "Both"},
    "matrix.fiscal_year": {"ja": "年度", "en": "Fiscal year"},
    "matrix.theme": {"ja": "テーマ", "en": "Theme"},
    "actors.counts": {"ja": "実施主体別の取組数", "en": "Initiatives by actor"},
    "chart.dimension": {"ja": "集計の単位", "en": "Count by"},
    "actors.by_area": {"ja": "分野別", "en": "By area"},
    "actors.by_phase": {"ja": "時期別", "en": "By phase"},
    "actors.share": {"ja": "分野ごとの実施主体の割合", "en": "Each actor's share per area"},
    "explore.rows": {"ja": "{n} 件を表示しています。", "en": "Showing {n} initiatives."},
    "explore.download_csv": {"ja": "CSV をダウンロード（Excel 対応）", "en": "Download CSV (opens in Excel)"},
    "explore.download_xlsx": {"ja": "Excel（.xlsx）をダウンロード", "en": "Download Excel (.xlsx)"},
    "explore.download_help": {
        "ja": "表示中の {n} 件だけを書き出します。",
        "en": "Exports exactly the {n} initiatives shown.",
    },
    "page.analysis": {"ja": "分析", "en": "Analysis"},
    "analysis.instruments": {"ja": "施策手法", "en": "Policy instruments"},
    "analysis.instruments_note": {
        "ja": "施策手法は、本文の語句（「補助」「マッチング」「人材」など）から判定した分類です（OECD STIP Compass の手法分類を本計画向けに調整）。計画自身の分類ではありません。1 件に複数の手法が付くことがあります。判定の根拠は「一覧・ダウンロード」で取組を選ぶと表示されます。",
        "en": "Instrument types are read from the words of each initiative (such as 補助, マッチング, 人材), using the OECD STIP Compass instrument groups adapted to this plan; they are not the plan's own classification. An item may have several. Select an initiative under Explore to see why it has each type.",
    },
    "analysis.expo": {"ja": "万博との関連", "en": "Expo 2025 linkage"},
    "analysis.pairs": {
        "ja": "連携候補（関西広域連合 × 構成府県市）",
        "en": "Coordination candidates (Union × members)",
    },
    "analysis.pairs_note": {
        "ja": "関西広域連合の取組と構成府県市の取組のうち、文章の言い回しが似ている組み合わせです。「文章の類似度」は、2 つの本文に共通する語句の多さを 0～1 で表したもので（1 に近いほど似ている）、内容や連携の必要性を判定したものではありません。",
        "en": "Pairs of a Union initiative and a member initiative whose wording is similar. “Wording similarity” says how much wording two texts share, from 0 to 1 (closer to 1: more alike); it does not judge their content or whether they should be coordinated.",
    },
    "analysis.pairs_same_area": {"ja": "同じ分野の組み合わせのみ", "en": "Same area only"},
    "analysis.pairs_same_phase": {"ja": "同じ時期の組み合わせのみ", "en": "Same phase only"},
    "analysis.pairs_none": {"ja": "条件に合う組み合わせはありません。", "en": "No pair matches."},
    "analysis.progression": {"ja": "時期を通じた展開", "en": "Progression across phases"},
    "analysis.progression_note": {
        "ja": "同じ分野・同じ実施主体で、次の時期の取組のうち文章の言い回しが似ているものをつないだ流れです（文章の類似度 0.1 超、似ている組から順につなぎ、1 つの取組は 1 つの流れにだけ入ります）。計画が取組の発展として示したものではありません。",
        "en": "Initiatives of the same area and actor linked to a next-phase initiative of similar wording (wording similarity above 0.1; the most similar links first, each initiative in one chain at most). The plan does not present these as a development.",
    },
    "analysis.progression_none": {
        "ja": "この分野では時期をまたぐ流れは見つかりません。",
        "en": "No chain across phases in this area.",
    },
    "analysis.terms": {"ja": "キーワード", "en": "Key terms"},
    "actors.legend_note": {
        "ja": "色は上のグラフと共通です（青: 関西広域連合、橙: 構成府県市）。",
        "en": "Colours as in the chart above (blue: the Union, orange: members).",
    },
    "analysis.tab.instruments": {"ja": "施策手法", "en": "Instruments"},
    "analysis.tab.expo": {"ja": "万博との関連", "en": "Expo 2025"},
    "analysis.tab.pairs": {"ja": "連携候補", "en": "Coordination"},
    "analysis.tab.progression": {"ja": "時期を通じた展開", "en": "Progression"},
    "analysis.tab.terms": {"ja": "キーワード", "en": "Key terms"},
    "analysis.terms_note": {
        "ja": "本文に出てくる語（「中小企業」「情報発信」のような複合語を含む）と、その語を含む取組の件数です。語を選ぶと、その語でキーワード検索します（件数と検索結果は一致します）。「万博」は、パビリオンや万博関連の下位項目まで含む「万博との関連」の絞り込みで選んでください。",
        "en": "Words of the texts (including compounds such as 中小企業, 情報発信) and how many initiatives contain each. Choosing a word searches for it (the search finds as many initiatives as the count). For the Expo, use the Expo 2025 link filter, which also finds pavilions and the sub-items of Expo headings.",
    },
    "analysis.terms_pick": {"ja": "語を選んで絞り込む", "en": "Choose a term to filter by"},
    "analysis.score": {"ja": "文章の類似度", "en": "Wording similarity"},
    "analysis.union_phase": {"ja": "広域連合の時期", "en": "Union phase"},
    "analysis.union_text": {"ja": "関西広域連合の取組", "en": "Union initiative"},
    "analysis.union_id": {"ja": "関西広域連合の ID", "en": "Union ID"},
    "analysis.members_phase": {"ja": "府県市の時期", "en": "Members phase"},
    "analysis.members_text": {"ja": "構成府県市の取組", "en": "Member initiative"},
    "analysis.members_id": {"ja": "構成府県市の ID", "en": "Members ID"},
    "detail.title": {"ja": "取組の詳細", "en": "Initiative details"},
    "detail.pick": {
        "ja": "表の行を選ぶと、詳細と文章の似ている取組を表示します。",
        "en": "Select a row to see its details and initiatives of similar wording.",
    },
    "detail.instruments": {"ja": "施策手法と根拠", "en": "Instrument types and why"},
    "detail.expo": {"ja": "万博との関連", "en": "Expo link"},
    "detail.expo_none": {"ja": "関連なし", "en": "None"},
    "detail.related": {
        "ja": "文章の似ている取組（他の時期・分野・実施主体を含む）",
        "en": "Initiatives of similar wording (across phases, areas and actors)",
    },
    "detail.related_none": {"ja": "文章の似ている取組はありません。", "en": "No initiative of similar wording."},
    "detail.parent": {"ja": "親項目: {text}", "en": "Parent item: {text}"},
    "detail.corrected": {
        "ja": "抽出時の誤りを訂正済み（抽出時: {text}）",
        "en": "Extraction error corrected (as extracted: {text})",
    },
    "detail.note": {"ja": "注記: {text}", "en": "Note: {text}"},
    "explore.link": {"ja": "この表示へのリンク", "en": "Link to this view"},
    # --- charts ---
    "chart.instrument_heatmap.title": {
        "ja": "実施主体 × 施策手法の取組数",
        "en": "Initiatives by actor and instrument type",
    },
    "chart.instrument_heatmap.alt": {
        "ja": "{title}。対象 {total} 件。最も多いのは {actor} の「{type}」で {n} 件。",
        "en": "{title}. {total} initiatives; the largest cell is {actor}, {type}: {n}.",
    },
    "chart.instrument_mix.phase.title": {"ja": "時期別の施策手法の構成", "en": "Instrument mix by phase"},
    "chart.instrument_mix.area.title": {"ja": "分野別の施策手法の構成", "en": "Instrument mix by area"},
    "chart.instrument_mix.axis": {
        "ja": "手法の割合（複数該当は重複計上）。",
        "en": "Share of instrument assignments.",
    },
    "chart.instrument_mix.alt": {
        "ja": "{title}。対象 {total} 件。全体で最も多い手法は「{type}」（{pct}）。",
        "en": "{title}. {total} initiatives; the most used instrument overall is {type} ({pct}).",
    },
    "chart.expo.title": {
        "ja": "万博と関連する取組の割合（分野 × 時期）",
        "en": "Share of initiatives tied to Expo 2025 (area × phase)",
    },
    "chart.expo.alt": {
        "ja": "{title}。対象 {total} 件のうち {n} 件（{pct}）が万博と関連。",
        "en": "{title}. {n} of {total} initiatives ({pct}) are tied to the Expo.",
    },
    "chart.terms.title": {
        "ja": "よく使われる語（該当する取組数）",
        "en": "Most frequent terms (initiatives using them)",
    },
    "chart.terms.alt": {
        "ja": "{title}。上位 {n} 語。最多は「{top}」（{count} 件）。",
        "en": "{title}. Top {n} terms; the most frequent is {top} ({count}).",
    },
    "chart.no_data": {"ja": "絞り込み条件に該当する取組はありません", "en": "No initiatives match the filters"},
    "chart.none": {"ja": "該当なし", "en": "none"},
    "chart.axis.area": {"ja": "分野", "en": "Area"},
    "chart.axis.phase": {"ja": "時期", "en": "Phase"},
    "chart.axis.count": {"ja": "取組数", "en": "Initiatives"},
    "chart.axis.share": {"ja": "割合", "en": "Share"},
    "chart.hover.count": {"ja": "{label}: {n} 件", "en": "{label}: {n}"},
    "chart.hover.share": {"ja": "{label}: {n} 件（{pct}）", "en": "{label}: {n} ({pct})"},
    "chart.hover.total": {"ja": "計 {n} 件", "en": "Total {n}"},
    "chart.hover.more": {"ja": "…他 {n} 件", "en": "… {n} more"},
    "chart.actor_count": {"ja": "{label} {n} 件", "en": "{label} {n}"},
    "chart.actor_share": {"ja": "{label} {n} 件（{pct}）", "en": "{label} {n} ({pct})"},
    "chart.list_sep": {"ja": "、", "en": ", "},
    "chart.empty_alt": {
        "ja": "{title}：絞り込み条件に該当する取組はありません（0 件）。",
        "en": "{title}: no initiatives match the filters (0).",
    },
    "chart.actor_by.area.title": {"ja": "分野別・主体別の取組数", "en": "Initiatives by area and actor"},
    "chart.actor_by.phase.title": {"ja": "時期別・主体別の取組数", "en": "Initiatives by phase and actor"},
    "chart.actor_by.alt": {
        "ja": "{title}の棒グラフ：全 {total} 件（{by_actor}）、最多は{top}の {top_n} 件。",
        "en": "Bar chart, {title}: {total} in total ({by_actor}); the most in {top} ({top_n}).",
    },
    "chart.heatmap.title": {"ja": "分野 × 時期の取組数", "en": "Initiatives by area and phase"},
    "chart.heatmap.title_actor": {
        "ja": "分野 × 時期の取組数（{actor}）",
        "en": "Initiatives by area and phase ({actor})",
    },
    "chart.heatmap.alt": {
        "ja": "{title}のヒートマップ：全 {total} 件、最多は{area}・{phase}の {n} 件。",
        "en": "Heatmap, {title}: {total} in total; the most in {area}, {phase} ({n}).",
    },
    "chart.share.title": {"ja": "分野ごとの主体別の割合", "en": "Share of each actor by area"},
    "chart.share.alt": {
        "ja": "{title}の 100% 積み上げ横棒グラフ：全 {total} 件のうち{by_actor}、{actor}の割合が最も高いのは{area}（{pct}）。",
        "en": "100% stacked bar chart, {title}: of {total} initiatives, {by_actor}; {actor} has its highest share in {area} ({pct}).",
    },
    "chart.timeline.title": {
        "ja": "分野ごとのロードマップ（2024 現状 → 2025 万博開催 → 2026～ 万博後）",
        "en": "Roadmap by area (2024 current → 2025 Expo → 2026– after the Expo)",
    },
    "chart.timeline.alt": {
        "ja": "{title}：{lanes} 分野 × 3 時期のテーマと主体別の取組数、全 {total} 件（{by_actor}）、最多は{area}・{phase}の{actor}の {n} 件。",
        "en": "Timeline, {title}: the theme and initiatives per actor for {lanes} areas × 3 phases, {total} in total ({by_actor}); the most: {actor} in {area}, {phase} ({n}).",
    },
    "chart.timeline.theme": {"ja": "テーマ：{theme}", "en": "Theme: {theme}"},
    # --- export ---
    "export.sheet.rows": {"ja": "取組一覧", "en": "Initiatives"},
    "export.sheet.filter": {"ja": "条件", "en": "Filter"},
    "export.col.id": {"ja": "ID", "en": "ID"},
    "export.col.area": {"ja": "分野", "en": "Area"},
    "export.col.fiscal_year": {"ja": "年度", "en": "Fiscal year"},
    "export.col.phase": {"ja": "時期", "en": "Phase"},
    "export.col.actor": {"ja": "実施主体", "en": "Actor"},
    "export.col.sub_theme": {"ja": "サブテーマ", "en": "Sub-theme"},
    "export.col.level": {"ja": "階層", "en": "Level"},
    "export.col.parent": {"ja": "親項目", "en": "Parent item"},
    "export.col.text": {"ja": "取組内容", "en": "Initiative"},
    "export.col.tentative": {
        "ja": "検討段階を含む列",
        "en": "Column includes initiatives under consideration",
    },
    "export.col.page": {"ja": "掲載ページ", "en": "Page"},
    "export.col.instrument_types": {"ja": "政策手段", "en": "Policy instruments"},
    "export.col.expo_related": {"ja": "万博関連", "en": "Expo-related"},
    "export.level.item": {"ja": "項目", "en": "item"},
    "export.level.sub_item": {"ja": "下位項目", "en": "sub-item"},
    "export.flag.yes": {"ja": "○", "en": "yes"},
    "export.flag.no": {"ja": "", "en": "no"},
    "export.list_sep": {"ja": "、", "en": "; "},
    "export.matrix.vision": {"ja": "万博後の関西のありたい姿", "en": "Kansai after the Expo (vision)"},
    "export.matrix.theme": {"ja": "テーマ", "en": "Theme"},
    "export.matrix.tentative_note": {
        "ja": "※ 「2025 万博開催」「2026～ 万博後」の列は、検討段階の取組を含む",
        "en": "Note: the 2025 (Expo year) and 2026– (after the Expo) columns include initiatives under consideration.",
    },
    "export.filter.item": {"ja": "項目", "en": "Item"},
    "export.filter.value": {"ja": "値", "en": "Value"},
    "export.filter.all": {"ja": "すべて", "en": "all"},
    "export.filter.sub_items": {"ja": "下位項目", "en": "Sub-items"},
    "export.filter.sub_items_on": {"ja": "含む", "en": "included"},
    "export.filter.sub_items_off": {"ja": "含まない", "en": "excluded"},
    "export.filter.query": {"ja": "検索語", "en": "Search text"},
    "export.filter.none": {"ja": "（なし）", "en": "(none)"},
    "export.meta.link": {"ja": "この表示へのリンク", "en": "Link to this view"},
    "export.meta.exported_at": {"ja": "出力日時", "en": "Exported at"},
    "export.meta.data_version": {"ja": "データ版", "en": "Data version"},
    "export.meta.rows": {"ja": "件数", "en": "Rows"},
    "export.meta.source": {"ja": "出典", "en": "Source"},
    "export.meta.note": {"ja": "注記", "en": "Note"},
    "export.meta.apostrophe": {
        "ja": "「=」「+」「-」「@」、タブ、改行で始まる値には、数式として実行されないよう先頭に「'」を付けています。",
        "en": "Values that begin with =, +, -, @, a tab or a carriage return start with ' so that they never run as formulas.",
    },
    # --- analysis ---
    "build.bad_pattern": {
        "ja": "正規表現として正しくありません（{error}）",
        "en": "not a valid regular expression ({error})",
    },
    "build.pattern_matches_empty": {
        "ja": "空の文字列にも一致するため、すべての取組に当たってしまいます",
        "en": "matches the empty string, so it would match every initiative",
    },
    "build.no_rules": {"ja": "ルールが 1 件もありません", "en": "no rules"},
    "build.unclassified": {
        "ja": "{value} はどのルールにも当たらず、施策手法が決まりません。"
        "instrument_rules.csv にルールを足すか、instrument_override に手法コードを書いてください",
        "en": "{value} matches no instrument rule; add a rule to instrument_rules.csv or set instrument_override",
    },
    # --- report ---
    "report.subtitle": {
        "ja": "説明資料：分野別の取組（実施主体 × 時期）",
        "en": "Briefing: initiatives by area (actor × phase)",
    },
    "report.source": {
        "ja": "出典：{title}（{issued}、{publisher}）",
        "en": "Source: Kansai Regional Industrial Vision Action Plan (July 2024, Union of Kansai Governments)",
    },
    "report.issued": {"ja": "2024年7月", "en": "July 2024"},
    "report.publisher": {"ja": "関西広域連合", "en": "Union of Kansai Governments"},
    "report.exported_at": {"ja": "出力 {time}", "en": "Exported {time}"},
    "report.created_at": {"ja": "作成日時", "en": "Created"},
    "report.page": {"ja": "{page} / {pages}", "en": "{page} / {pages}"},
    "report.n_items": {"ja": "{n} 件", "en": "{n} initiatives"},
    "report.contents": {"ja": "掲載分野：{areas}", "en": "Areas in this report: {areas}"},
    "report.badge": {"ja": "状況：{badge}", "en": "Status: {badge}"},
    "report.continued": {"ja": "{title}（続き）", "en": "{title} (continued)"},
    "report.row_continued": {"ja": "{heading}（続き）", "en": "{heading} (cont.)"},
    "report.summary": {"ja": "集計", "en": "Summary"},
    "report.total": {"ja": "計", "en": "Total"},
    "report.chart.counts": {"ja": "分野 × 実施主体の取組数", "en": "Initiatives by area and actor"},
    "report.chart.phase_actor": {"ja": "時期 × 実施主体の取組数", "en": "Initiatives by phase and actor"},
    "report.progress_title": {"ja": "分野 × 時期の平均進捗率", "en": "Mean progress by area and phase"},
    "report.percent": {"ja": "{v}%", "en": "{v}%"},
    "report.slide.cover_note": {
        "ja": "表・グラフは編集できます（グラフの数値は「データの編集」で確認できます）。",
        "en": "Tables and charts are editable (the chart's numbers are under Edit Data).",
    },
    "report.button_pdf": {"ja": "報告資料（PDF）", "en": "Briefing (PDF)"},
    "report.button_pptx": {"ja": "報告資料（PowerPoint）", "en": "Briefing (PowerPoint)"},
    "report.button_help": {
        "ja": "この表示（該当 {n} 件）の報告資料：表紙、分野ごとの表、集計。A4 横で印刷できます。",
        "en": "A briefing of this view ({n} initiatives): cover, one table per area, summary. Prints on A4 landscape.",
    },
    "report.error.font": {
        "ja": "PDF に埋め込む日本語フォント（{path}）がありません。root で次を実行してください: {command}",
        "en": "The Japanese font the PDF embeds ({path}) is not installed. Run as root: {command}",
    },
    "report.error.failed": {
        "ja": "資料を作成できませんでした（{detail}）",
        "en": "The report could not be built ({detail})",
    },
    "report.cli.description": {
        "ja": "絞り込んだ表示の説明資料（PDF / PowerPoint）を作成します。",
        "en": "Build a briefing report (PDF / PowerPoint) of a filtered view.",
    },
    "report.cli.usage_error": {"ja": "引数が正しくありません: {detail}", "en": "Invalid arguments: {detail}"},
    "report.cli.bad_value": {
        "ja": "{param} の値「{value}」は使えません（有効な値: {valid}）",
        "en": "“{value}” is not a valid {param} (valid: {valid})",
    },
    "report.cli.format": {
        "ja": "形式を決められません。--format pdf か --format pptx を指定してください",
        "en": "Cannot tell the format; give --format pdf or --format pptx",
    },
    "report.cli.write_error": {"ja": "{path} に書き込めません（{detail}）", "en": "Cannot write {path} ({detail})"},
    "report.cli.written": {
        "ja": "{path} を作成しました（{format}、{n} 件、{seconds} 秒）",
        "en": "Wrote {path} ({format}, {n} initiatives, {seconds} s)",
    },
    # --- analysis wording (issue 12) ---
    "analysis.suggestion": {
        "ja": "ここに並ぶのは確認のための候補であり、分析結果ではありません。連携の余地があるかは、本文と各担当で確かめてください。",
        "en": "These are suggestions to check, not findings. Whether there is room to coordinate is for the texts and the responsible staff to confirm.",
    },
    "analysis.progression_suggestion": {
        "ja": "ここに並ぶのは確認のための候補であり、分析結果ではありません。取組が実際にこのように引き継がれているかは、本文と各担当で確かめてください。",
        "en": "These are suggestions to check, not findings. Whether one initiative really carries on from another is for the texts and the responsible staff to confirm.",
    },
    "analysis.pairs_left_out": {
        "ja": "同じ文言の組み合わせ（計画で両方に同じ取組が書かれているもの）と、下位項目をまとめるだけの見出し（「万博会場内外での取組」など）は除いています。",
        "en": "Pairs of the same wording (the plan already lists the same initiative for both) and headings that only group their sub-items (such as 万博会場内外での取組) are left out.",
    },
    "analysis.score_help": {
        "ja": "2 つの本文に共通する語句の多さ（0～1）。1 に近いほど言い回しが似ています。内容の関連を判定したものではありません。",
        "en": "How much wording the two texts share (0 to 1); closer to 1 means more alike. It does not judge whether the content is related.",
    },
    "analysis.step_score": {
        "ja": "前の時期との文章の類似度 {score}",
        "en": "Wording similarity to the previous step {score}",
    },
    "analysis.terms_expo": {
        "ja": "「万博」を含む取組は {n} 件ですが、万博と関連する取組は {expo} 件あります（パビリオン、Global Startup EXPO 2025、万博関連の見出しの下位項目を含む）。",
        "en": "{n} initiatives contain 万博, but {expo} are tied to the Expo (including pavilions, Global Startup EXPO 2025 and the sub-items of Expo headings).",
    },
    "analysis.terms_expo_button": {"ja": "万博と関連する取組に絞り込む", "en": "Show the initiatives tied to the Expo"},
    "detail.reason.words": {"ja": "本文中の{words}から判定", "en": "from the words {words} in the text"},
    "detail.reason.override": {
        "ja": "語句からの自動判定ではなく、個別に判断して指定",
        "en": "set by hand for this initiative, not read from its words",
    },
    "detail.reason.sub_items": {
        "ja": "見出しのため、下位項目（{items}）の内容から判定",
        "en": "a heading: taken from its sub-items ({items})",
    },
    "detail.reason.parent": {
        "ja": "親項目「{text}」が万博と関連するため",
        "en": "its parent item “{text}” is tied to the Expo",
    },
    "detail.reason.line": {"ja": "{type}：{reason}", "en": "{type}: {reason}"},
    "detail.quote": {"ja": "「{text}」", "en": "“{text}”"},
    "detail.quote_sep": {"ja": "", "en": ", "},
}


def catalogue(lang: str) -> Callable[..., str]:
    """A translator for `lang`: t(key, **fields) -> text (unknown lang falls back to ja)."""
    lang = lang if lang in LANGS else DEFAULT_LANG

    def t(key: str, **fields: object) -> str:
        text = MESSAGES[key][lang]
        return text.format(**fields) if fields else text

    return t
