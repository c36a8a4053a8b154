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
        "ja": "本文を検索します（全角・半角、大文字・小文字は区別しません）。\n\n"
        "- 「水素 電池」：両方を含む\n- 「水素 OR 電池」：どちらかを含む\n- 「-万博」：万博を含まない\n"
        '- 「"空飛ぶ クルマ"」：空白も含めてこの語順で',
        "en": "Searches the text (full/half width and case are ignored).\n\n"
        "- “hydrogen battery”: both\n- “hydrogen OR battery”: either\n- “-Expo”: without Expo\n"
        '- “"flying car"”: this exact phrase',
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
        "ja": "該当 取組 {n} 件 ／ 全 {total} 件",
        "en": "{n} of {total} initiatives match",
    },
    "filter.active": {"ja": "条件: {desc}", "en": "Filter: {desc}"},
    "filter.none": {"ja": "条件なし（全件）", "en": "No filter (all initiatives)"},
    "lang.label": {"ja": "表示言語 / Language", "en": "表示言語 / Language"},
    "lang.ja": {"ja": "日本語", "en": "日本語"},
    "lang.en": {"ja": "English", "en": "English"},
    "url.summary": {
        "ja": "リンク（URL）の {n} か所を使えなかったため、無視しました:",
        "en": "{n} parts of the link (URL) could not be used and were ignored:",
    },
    "url.more": {"ja": "ほか {n} 件", "en": "and {n} more"},
    "url.unknown_page": {
        "ja": "ページ「{path}」はありません。概要を表示しています（左のメニューからページを選べます）。",
        "en": "There is no page “{path}”; showing the overview (choose a page in the menu on the left).",
    },
    "search.too_long": {
        "ja": "検索語は {max} 文字までです（{n} 文字入力されています）。先頭の {max} 文字で検索しています。",
        "en": "Search text is limited to {max} characters ({n} entered); searching for the first {max}.",
    },
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
    "overview.items": {
        "ja": "項目とその ▶ 下位項目をまとめて 1 件と数えた取組の数です。表では {rows} 行（項目 {n} 行・▶ 下位項目 {m} 行）。",
        "en": "Initiatives: an item and its ▶ sub-items count as one. The table lists {rows} rows ({n} items, {m} ▶ sub-items).",
    },
    "overview.tentative": {"ja": "2025・2026～ 列の取組", "en": "2025 & 2026– columns"},
    "overview.tentative_help": {
        "ja": "2025〈万博開催〉と 2026～〈万博後〉の列にある取組の数（2 列の合計）です。計画は、これらの列に検討段階の取組を含むとしています。",
        "en": "Initiatives in the 2025 (Expo) and 2026– (after the Expo) columns together; the plan says these columns include initiatives under consideration.",
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
    "explore.rows": {
        "ja": "{n} 行を表示しています（項目と ▶ 下位項目を 1 行ずつ）。",
        "en": "Showing {n} rows (each item and each ▶ sub-item is a row).",
    },
    "explore.download_csv": {"ja": "CSV をダウンロード（Excel 対応）", "en": "Download CSV (opens in Excel)"},
    "explore.download_xlsx": {"ja": "Excel（.xlsx）をダウンロード", "en": "Download Excel (.xlsx)"},
    "explore.download_help": {
        "ja": "表示中の {n} 行（項目と ▶ 下位項目）だけを書き出します。",
        "en": "Exports exactly the {n} rows shown (items and ▶ sub-items).",
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
        "ja": "{title}。対象の取組 {total} 件。最も多いのは {actor} の「{type}」で {n} 件。",
        "en": "{title}. {total} initiatives; the largest cell is {actor}, {type}: {n}.",
    },
    "chart.instrument_mix.phase.title": {"ja": "時期別の施策手法の構成", "en": "Instrument mix by phase"},
    "chart.instrument_mix.area.title": {"ja": "分野別の施策手法の構成", "en": "Instrument mix by area"},
    "chart.instrument_mix.axis": {
        "ja": "手法の割合：取組（▶ 下位項目を含む）ごとに、付いた手法を 1 回ずつ数えます（複数の手法が付く取組は各手法に計上）。",
        "en": "Share of instrument types: each initiative (with its ▶ sub-items) counts once under each type it has.",
    },
    "chart.instrument_mix.alt": {
        "ja": "{title}。対象の取組 {total} 件。全体で最も多い手法は「{type}」（{pct}）。",
        "en": "{title}. {total} initiatives; the most used instrument overall is {type} ({pct}).",
    },
    "chart.expo.title": {
        "ja": "万博と関連する取組の割合（分野 × 時期）",
        "en": "Share of initiatives tied to Expo 2025 (area × phase)",
    },
    "chart.expo.alt": {
        "ja": "{title}。対象の取組 {total} 件のうち {n} 件（{pct}）が万博と関連。",
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
        "ja": "{title}の棒グラフ：取組 {total} 件（{by_actor}）、最多は{top}の {top_n} 件。",
        "en": "Bar chart, {title}: {total} initiatives ({by_actor}); the most in {top} ({top_n}).",
    },
    "chart.heatmap.title": {"ja": "分野 × 時期の取組数", "en": "Initiatives by area and phase"},
    "chart.heatmap.title_actor": {
        "ja": "分野 × 時期の取組数（{actor}）",
        "en": "Initiatives by area and phase ({actor})",
    },
    "chart.heatmap.alt": {
        "ja": "{title}のヒートマップ：取組 {total} 件、最多は{area}・{phase}の {n} 件。",
        "en": "Heatmap, {title}: {total} initiatives; the most in {area}, {phase} ({n}).",
    },
    "chart.share.title": {"ja": "分野ごとの主体別の割合", "en": "Share of each actor by area"},
    "chart.share.alt": {
        "ja": "{title}の 100% 積み上げ横棒グラフ：取組 {total} 件のうち{by_actor}、{actor}の割合が最も高いのは{area}（{pct}）。",
        "en": "100% stacked bar chart, {title}: of {total} initiatives, {by_actor}; {actor} has its highest share in {area} ({pct}).",
    },
    "chart.timeline.title": {
        "ja": "分野ごとのロードマップ（2024 現状 → 2025 万博開催 → 2026～ 万博後）",
        "en": "Roadmap by area (2024 current → 2025 Expo → 2026– after the Expo)",
    },
    "chart.timeline.alt": {
        "ja": "{title}：{lanes} 分野 × 3 時期のテーマと主体別の取組数、取組 {total} 件（{by_actor}）、最多は{area}・{phase}の{actor}の {n} 件。",
        "en": "Timeline, {title}: the theme and initiatives per actor for {lanes} areas × 3 phases, {total} initiatives ({by_actor}); the most: {actor} in {area}, {phase} ({n}).",
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
    "export.col.instrument_types": {"ja": "施策手法", "en": "Policy instruments"},
    "export.col.expo_related": {"ja": "万博との関連", "en": "Expo 2025 link"},
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
    "report.demo": {"ja": "デモデータ（架空の進捗）", "en": "Demo data (synthetic progress)"},
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
    # --- progress ---
    "progress.error.unavailable": {
        "ja": "進捗データベースに接続できません（{where}）。",
        "en": "The progress database cannot be reached ({where}).",
    },
    "progress.error.missing": {
        "ja": "進捗データベースがありません（{where}）。",
        "en": "The progress database does not exist ({where}).",
    },
    "progress.error.locked": {
        "ja": "進捗データベースが他の処理で使用中です（{where}）。しばらくしてからやり直してください。",
        "en": "The progress database is locked by another process ({where}); try again shortly.",
    },
    "progress.error.corrupt": {
        "ja": "進捗データベースが壊れているか、データベースではありません（{where}）。バックアップから復元してください。",
        "en": "The progress database is damaged or not a database ({where}); restore it from a backup.",
    },
    "progress.error.schema_too_new": {
        "ja": "進捗データベースはこのプログラムより新しい版（{revision}）で作られています（{where}）。プログラムを更新してください。",
        "en": "The progress database was written by a newer version (revision {revision}) of this program ({where}); update the program.",
    },
    "progress.error.plan_still_works": {
        "ja": "計画の表示には影響ありません。",
        "en": "The plan itself is shown as usual.",
    },
    "progress.error.refused": {
        "ja": "書き込みを拒否しました（{n} 件の問題）。何も書き込んでいません:",
        "en": "Write refused ({n} problems); nothing was written:",
    },
    "progress.error.file_rejected": {
        "ja": "ファイルを取り込めません（{n} 件の問題）。何も書き込んでいません:",
        "en": "The file cannot be imported ({n} problems); nothing was written:",
    },
    "progress.field.forbidden_char": {
        "ja": "使えない文字 {char} があります（{pos} 文字目。制御文字・双方向制御文字など）",
        "en": "forbidden character {char} at position {pos} (control or bidirectional control character)",
    },
    "progress.field.too_long": {
        "ja": "{n} 文字あります（上限 {limit} 文字）",
        "en": "{n} characters (at most {limit})",
    },
    "progress.field.status": {
        "ja": "未知の状況 '{value}'（有効な値: {valid}）",
        "en": "unknown status '{value}' (valid: {valid})",
    },
    "progress.field.organisation": {"ja": "未知の団体 '{value}'", "en": "unknown organisation '{value}'"},
    "progress.field.fiscal_year": {
        "ja": "年度 '{value}' は対象外です（{valid}）",
        "en": "fiscal year '{value}' is not covered ({valid})",
    },
    "progress.field.number": {"ja": "'{value}' は数値ではありません", "en": "'{value}' is not a number"},
    "progress.field.pct_range": {
        "ja": "進捗率 '{value}' は {lo}～{hi} の範囲外です",
        "en": "progress '{value}' is outside {lo}–{hi}",
    },
    "progress.field.whole_number": {
        "ja": "'{value}' は 0 以上の整数ではありません",
        "en": "'{value}' is not a whole number of 0 or more",
    },
    "progress.field.version": {"ja": "版 '{value}' が正しくありません", "en": "invalid version '{value}'"},
    "progress.field.date": {
        "ja": "日付 '{value}' が正しくありません（YYYY-MM-DD）",
        "en": "invalid date '{value}' (YYYY-MM-DD)",
    },
    "progress.field.url": {
        "ja": "URL '{value}' は http:// か https:// で始まる正しい URL ではありません",
        "en": "URL '{value}' is not a valid http:// or https:// address",
    },
    "progress.field.formula": {
        "ja": "数式は取り込めません。値を入力してください（= で始まる文字列は先頭に ' を付けてください）",
        "en": "formulas are not accepted; enter a value (start text that begins with = with ')",
    },
    "progress.field.not_normalised": {
        "ja": "値 '{value}' が保存形式になっていません",
        "en": "value '{value}' is not in its stored form",
    },
    "progress.field.required": {"ja": "値が必要です", "en": "a value is required"},
    "progress.field.status_required": {"ja": "状況が必要です", "en": "a status is required"},
    "progress.field.unknown_id": {"ja": "計画にない id '{value}'", "en": "id '{value}' is not in the plan"},
    "progress.field.org_not_for_actor": {
        "ja": "団体 '{org}' はこの取組（実施主体 {actor}）の報告はできません",
        "en": "organisation '{org}' cannot report on this initiative (actor {actor})",
    },
    "progress.field.duplicate_key": {
        "ja": "同じ取組・年度・団体の行が重複しています（最初は {first}）",
        "en": "duplicate row for the same initiative, fiscal year and organisation (first at {first})",
    },
    "progress.write.not_allowed": {
        "ja": "{user} には団体 '{org}' の進捗を書き込む権限がありません",
        "en": "{user} may not write progress for organisation '{org}'",
    },
    "progress.write.unknown_fields": {"ja": "未知の項目: {fields}", "en": "unknown fields: {fields}"},
    "progress.file.missing": {"ja": "ファイルがありません", "en": "file not found"},
    "progress.file.type": {
        "ja": "{suffix} ファイルは取り込めません（.xlsx か .csv）",
        "en": "{suffix} files cannot be imported (.xlsx or .csv)",
    },
    "progress.file.macros": {
        "ja": "マクロ付きのブックは取り込めません。.xlsx 形式で保存し直してください",
        "en": "macro-enabled workbooks are not accepted; save the file as .xlsx",
    },
    "progress.file.xls": {
        "ja": "古い Excel 形式（.xls）は取り込めません。.xlsx 形式で保存し直してください",
        "en": "the old Excel format (.xls) is not accepted; save the file as .xlsx",
    },
    "progress.file.too_big": {
        "ja": "ファイルが大きすぎます（{mb} MB、上限 {limit} MB）",
        "en": "the file is too large ({mb} MB, at most {limit} MB)",
    },
    "progress.file.not_xlsx": {
        "ja": "Excel ブック（.xlsx）として読めません",
        "en": "not a readable Excel workbook (.xlsx)",
    },
    "progress.file.zip_bomb": {
        "ja": "展開すると大きくなりすぎるため読みません（上限 {mb} MB。圧縮爆弾の疑い）",
        "en": "refused: it would unpack to too much data (at most {mb} MB; a possible zip bomb)",
    },
    "progress.file.too_many_rows": {
        "ja": "行が多すぎます（上限 {limit} 行）。ファイルを分けてください",
        "en": "too many rows (at most {limit}); split the file",
    },
    "progress.file.encoding": {
        "ja": "文字コードが UTF-8 でも Shift_JIS でもありません（UTF-8 として {pos} バイト目が不正）",
        "en": "the text is neither UTF-8 nor Shift_JIS (invalid UTF-8 at byte {pos})",
    },
    "progress.file.bad_csv": {"ja": "CSV として読めません", "en": "not a readable CSV file"},
    "progress.file.no_header": {"ja": "1 行目に見出しがありません", "en": "row 1 holds no headers"},
    "progress.file.unknown_column": {"ja": "未知の列 '{value}'", "en": "unknown column '{value}'"},
    "progress.file.duplicate_column": {"ja": "列 '{value}' が重複しています", "en": "column '{value}' appears twice"},
    "progress.file.missing_columns": {"ja": "必要な列がありません: {columns}", "en": "missing columns: {columns}"},
    "progress.col.id": {"ja": "ID", "en": "ID"},
    "progress.col.area": {"ja": "分野", "en": "Area"},
    "progress.col.phase": {"ja": "時期", "en": "Phase"},
    "progress.col.actor": {"ja": "実施主体", "en": "Actor"},
    "progress.col.text": {"ja": "取組（計画）", "en": "Initiative (plan)"},
    "progress.col.fiscal_year": {"ja": "年度", "en": "Fiscal year"},
    "progress.col.organisation": {"ja": "団体", "en": "Organisation"},
    "progress.col.status": {"ja": "状況", "en": "Status"},
    "progress.col.progress_pct": {"ja": "進捗率（%）", "en": "Progress (%)"},
    "progress.col.achievement": {"ja": "実績", "en": "Achievement"},
    "progress.col.indicator": {"ja": "指標", "en": "Indicator"},
    "progress.col.target": {"ja": "目標値", "en": "Target"},
    "progress.col.actual": {"ja": "実績値", "en": "Actual"},
    "progress.col.unit": {"ja": "単位", "en": "Unit"},
    "progress.col.budget_thousand_yen": {"ja": "予算額（千円）", "en": "Budget (thousand yen)"},
    "progress.col.as_of": {"ja": "時点", "en": "As of"},
    "progress.col.evidence_url": {"ja": "根拠URL", "en": "Evidence URL"},
    "progress.col.note": {"ja": "備考", "en": "Note"},
    "progress.col.updated_by": {"ja": "更新者", "en": "Updated by"},
    "progress.col.updated_at": {"ja": "更新日時", "en": "Updated at"},
    "progress.col.version": {"ja": "版", "en": "Version"},
    "progress.sheet.main": {"ja": "進捗", "en": "Progress"},
    "progress.sheet.help": {"ja": "説明", "en": "Help"},
    "progress.template.pick_from_list": {"ja": "一覧から選んでください", "en": "Pick a value from the list"},
    "progress.template.pct_range": {"ja": "0～100 の数値を入力してください", "en": "Enter a number from 0 to 100"},
    "progress.template.written": {"ja": "テンプレートを書き出しました: {path}", "en": "Template written: {path}"},
    "progress.help.title": {"ja": "進捗報告テンプレートの使い方", "en": "How to fill in the progress template"},
    "progress.help.for": {"ja": "団体: {org}　年度: {fy}", "en": "Organisation: {org}    Fiscal year: {fy}"},
    "progress.help.rules": {
        "ja": "灰色の列（計画の内容）は変更できません。報告する取組の行に「状況」を選び、実績などを記入してください。\n"
        "空のままの行は「未報告」として扱い、取り込みません。数式は使えません。\n"
        "取り込みはすべてのセルを確認してから行い、問題が 1 つでもあれば何も書き込みません。\n"
        "テンプレート作成後に他の人が同じ記録を更新していた場合は「競合」として報告し、上書きしません。",
        "en": "Grey columns (the plan) cannot be changed. Pick a status on the rows you report and fill in the results.\n"
        "Rows left empty count as not reported and are not imported. Formulas are not accepted.\n"
        "An import checks every cell first; if anything is wrong, nothing is written.\n"
        "If someone updated the same record after the template was made, the row is reported as a conflict and not overwritten.",
    },
    "progress.help.col_label": {"ja": "列", "en": "Column"},
    "progress.help.col_key": {"ja": "キー（CSV の見出しにも使用可）", "en": "Key (also accepted as a CSV header)"},
    "progress.help.col_text": {"ja": "説明", "en": "Description"},
    "progress.help.id": {
        "ja": "取組の ID（計画の表と同じ）。変更しないでください",
        "en": "The initiative's ID (as in the plan). Do not change it.",
    },
    "progress.help.area": {"ja": "分野（参考、取り込みでは無視）", "en": "Area (for reference; ignored on import)"},
    "progress.help.phase": {"ja": "計画上の時期（参考）", "en": "Phase in the plan (for reference)"},
    "progress.help.actor": {"ja": "実施主体（参考）", "en": "Actor (for reference)"},
    "progress.help.text": {
        "ja": "計画の取組内容（参考、下位項目は字下げ）",
        "en": "The plan's text (for reference; sub-items indented)",
    },
    "progress.help.fiscal_year": {
        "ja": "報告する年度（2024・2025・2026）",
        "en": "Fiscal year reported (2024, 2025, 2026)",
    },
    "progress.help.organisation": {
        "ja": "報告する団体。関西広域連合の取組は関西広域連合、構成府県市の取組は各構成団体",
        "en": "Reporting organisation: the Union for its own initiatives, a member for the members' initiatives",
    },
    "progress.help.status": {
        "ja": "未着手（0%）・準備・検討中（25%）・実施中（50%）・実施済（100%）・見直し・中止（進捗率の計算から除外）",
        "en": "Not started (0 %), Preparing (25 %), In progress (50 %), Done (100 %), Revised or discontinued (left out of percentages)",
    },
    "progress.help.progress_pct": {
        "ja": "任意。0～100。入力すると状況の既定値の代わりに使います",
        "en": "Optional, 0–100; used instead of the status's default",
    },
    "progress.help.achievement": {"ja": "実績（2,000 文字まで）", "en": "What was achieved (up to 2,000 characters)"},
    "progress.help.indicator": {"ja": "任意。成果指標・活動指標の名称", "en": "Optional: name of the indicator"},
    "progress.help.target": {"ja": "任意。目標値", "en": "Optional: target value"},
    "progress.help.actual": {"ja": "任意。実績値", "en": "Optional: actual value"},
    "progress.help.unit": {"ja": "任意。単位（件、人など）", "en": "Optional: unit"},
    "progress.help.budget_thousand_yen": {
        "ja": "任意。予算額（千円、整数）",
        "en": "Optional: budget in thousand yen (whole number)",
    },
    "progress.help.as_of": {
        "ja": "任意。実績の時点（YYYY-MM-DD）",
        "en": "Optional: date the figures refer to (YYYY-MM-DD)",
    },
    "progress.help.evidence_url": {
        "ja": "任意。根拠資料の URL（http/https）",
        "en": "Optional: URL of the evidence (http/https)",
    },
    "progress.help.note": {"ja": "任意。備考（1,000 文字まで）", "en": "Optional: note (up to 1,000 characters)"},
    "progress.help.updated_by": {"ja": "最後に更新した人（参考）", "en": "Who last updated the record (for reference)"},
    "progress.help.updated_at": {
        "ja": "最後の更新日時（参考）",
        "en": "When the record was last updated (for reference)",
    },
    "progress.help.version": {
        "ja": "記録の版（非表示列）。競合の確認に使うので変更しないでください",
        "en": "The record's version (hidden column); used to detect conflicts, do not change it",
    },
    "progress.diff.new": {"ja": "新規", "en": "new"},
    "progress.diff.changed": {"ja": "変更", "en": "changed"},
    "progress.diff.unchanged": {"ja": "変更なし", "en": "unchanged"},
    "progress.diff.more": {"ja": "…ほか {n} 行", "en": "… and {n} more lines"},
    "progress.diff.summary": {
        "ja": "新規 {new} 件、変更 {changed} 件、変更なし {unchanged} 件、競合 {conflicts} 件",
        "en": "{new} new, {changed} changed, {unchanged} unchanged, {conflicts} conflicts",
    },
    "progress.conflict.stale": {
        "ja": "競合 {record}: 取得時の版 {seen} より新しい版 {version} が保存されています（{by}、{when}、状況 {status}）。上書きしません",
        "en": "conflict {record}: version {version} was saved after the version you had ({seen}) by {by} at {when} (status {status}); not overwritten",
    },
    "progress.conflict.gone": {
        "ja": "競合 {record}: 版 {seen} の記録は保存されていません",
        "en": "conflict {record}: no stored record matches version {seen}",
    },
    "progress.import.dry_run": {
        "ja": "確認のみ（--dry-run）: 何も書き込んでいません",
        "en": "Dry run: nothing was written",
    },
    "progress.import.conflicts_nothing_written": {
        "ja": "競合があるため何も書き込んでいません（競合以外を書き込むには --skip-conflicts）",
        "en": "Nothing was written because of conflicts (--skip-conflicts writes the rest)",
    },
    "progress.import.written": {
        "ja": "{n} 件を書き込みました（データ版 {version}）",
        "en": "{n} records written (data version {version})",
    },
    "progress.export.type": {
        "ja": "{suffix} には書き出せません（.csv か .xlsx）",
        "en": "cannot export to {suffix} (.csv or .xlsx)",
    },
    "progress.export.written": {"ja": "{n} 件を書き出しました: {path}", "en": "{n} records exported: {path}"},
    "progress.history.none": {"ja": "履歴はありません", "en": "No history"},
    "progress.backup.written": {
        "ja": "バックアップしました: {path}（記録 {records} 件、履歴 {history} 件）",
        "en": "Backup written: {path} ({records} records, {history} history rows)",
    },
    "progress.backup.restored": {
        "ja": "復元しました: {path}（記録 {records} 件、履歴 {history} 件）",
        "en": "Restored: {path} ({records} records, {history} history rows)",
    },
    "progress.backup.not_backup": {
        "ja": "進捗データベースのバックアップではありません",
        "en": "not a backup of the progress database",
    },
    "progress.backup.not_empty": {
        "ja": "復元先のデータベースが空ではありません。空のデータベースにだけ復元できます",
        "en": "the target database is not empty; a backup is restored into an empty database only",
    },
    "progress.demo.not_empty": {
        "ja": "実データの入ったデータベースにはデモデータを書き込めません",
        "en": "demo data is never written into a database that holds real records",
    },
    "progress.demo.written": {
        "ja": "デモデータ（架空）を {n} 件書き込みました: {where}\n使うには PROGRESS_DATABASE_URL={url} を設定してください",
        "en": "Wrote {n} synthetic demo records: {where}\nTo use them, set PROGRESS_DATABASE_URL={url}",
    },
    "progress.demo.banner": {
        "ja": "デモデータ: 表示中の進捗は架空のサンプルで、実際の進捗ではありません",
        "en": "Demo data: the progress shown is a synthetic sample, not real progress",
    },
    "progress.cli.description": {
        "ja": "取組の進捗（年度・団体ごと）を記録・取込・出力します",
        "en": "Record, import and export the initiatives' progress per fiscal year and organisation",
    },
    "progress.cli.lang": {"ja": "メッセージの言語", "en": "language of messages"},
    "progress.cli.database": {
        "ja": "データベース URL（既定: 環境変数 PROGRESS_DATABASE_URL）",
        "en": "database URL (default: $PROGRESS_DATABASE_URL)",
    },
    "progress.cli.template": {
        "ja": "団体・年度ごとの記入用 Excel を作る",
        "en": "write an Excel template for an organisation and fiscal year",
    },
    "progress.cli.import": {"ja": "記入済みの Excel / CSV を取り込む", "en": "import a filled-in Excel / CSV file"},
    "progress.cli.by": {
        "ja": "取り込む人の名前（履歴に残ります）",
        "en": "name of the person importing (kept in the history)",
    },
    "progress.cli.dry_run": {"ja": "書き込まずに差分だけ表示する", "en": "show the changes without writing"},
    "progress.cli.skip_conflicts": {
        "ja": "競合した行を飛ばして残りを書き込む",
        "en": "write everything but the conflicting rows",
    },
    "progress.cli.export": {"ja": "進捗を CSV / Excel に書き出す", "en": "export progress to CSV / Excel"},
    "progress.cli.history": {"ja": "変更履歴を表示する", "en": "show the change history"},
    "progress.cli.backup": {"ja": "データベースをファイルにバックアップする", "en": "back the database up to a file"},
    "progress.cli.restore": {
        "ja": "バックアップを空のデータベースに復元する",
        "en": "restore a backup into an empty database",
    },
    "progress.cli.demo": {
        "ja": "架空のデモデータを専用のデータベースに書き込む",
        "en": "write a synthetic demo sample into its own database",
    },
    "progress.cli.bad_arguments": {"ja": "引数が正しくありません: {detail}", "en": "invalid arguments: {detail}"},
    "progress.cli.os_error": {
        "ja": "ファイルを読み書きできません: {detail}",
        "en": "cannot read or write a file: {detail}",
    },
    "progress.rule": {
        "ja": "進捗率: 各記録の進捗率（未入力なら状況の既定値: 未着手 0%・準備・検討中 25%・実施中 50%・実施済 100%）を、"
        "報告した団体で平均。見直し・中止は除外。自身の記録がない項目は下位項目の平均",
        "en": "Progress: each record's % (if not given, its status's default: not started 0 %, preparing 25 %, in progress 50 %, "
        "done 100 %), averaged over the organisations that reported; revised or discontinued records are left out; "
        "an item without records of its own shows the mean of its sub-items",
    },
    "progress.none_reported": {
        "ja": "この年度の進捗はまだ報告されていません",
        "en": "No progress has been reported for this fiscal year yet",
    },
    "progress.status.none": {"ja": "未報告", "en": "Not reported"},
    # --- progress on the pages ---
    "sidebar.progress": {"ja": "進捗", "en": "Progress"},
    "explore.columns": {"ja": "表示する列", "en": "Columns shown"},
    "explore.phone_more": {
        "ja": "ほか {n} 件（広い画面の表、またはダウンロードで確認できます）",
        "en": "{n} more (in the table on a wider screen, or in the downloads)",
    },
    "explore.phone_pick": {"ja": "詳細を見る取組", "en": "Initiative to open"},
    "explore.phone_pick_placeholder": {"ja": "取組を選ぶ", "en": "Choose an initiative"},
    "explore.columns_placeholder": {"ja": "列を選ぶ", "en": "Choose columns"},
    "explore.row_lines": {"ja": "行の高さ", "en": "Row height"},
    "explore.row_lines_n": {"ja": "{n} 行", "en": "{n} lines"},
    "chart.timeline.title_short": {"ja": "分野ごとのロードマップ", "en": "Roadmap by area"},
    "chip.area": {"ja": "分野", "en": "Area"},
    "chip.phase": {"ja": "時期", "en": "Phase"},
    "chip.actor": {"ja": "実施主体", "en": "Actor"},
    "chip.sub_theme": {"ja": "サブテーマ", "en": "Sub-theme"},
    "chip.instrument": {"ja": "施策手法", "en": "Instrument"},
    "chip.status": {"ja": "進捗", "en": "Progress"},
    "chip.expo": {"ja": "万博", "en": "Expo"},
    "chip.query": {"ja": "検索", "en": "Search"},
    "chip.as_of": {"ja": "{day} 時点", "en": "As of {day}"},
    "chip.sub_items_hidden": {"ja": "下位項目を除く", "en": "Sub-items hidden"},
    "chip.remove": {"ja": "この条件を外す", "en": "Remove this filter"},
    "chip.clear_all": {"ja": "すべて解除", "en": "Clear all"},
    "chip.none": {"ja": "絞り込みなし（すべての取組）", "en": "No filter (every initiative)"},
    "matrix.focus_hit": {"ja": "{area}（{n} 件）", "en": "{area} ({n})"},
    "matrix.focus_empty": {
        "ja": "{area}には、いまの絞り込みに該当する取組がありません。該当があるのは {others} です。",
        "en": "{area} has no initiative matching the current filter. Matches are in {others}.",
    },
    "progress.detail.title": {"ja": "進捗（年度・団体ごと）", "en": "Progress (by fiscal year and organisation)"},
    "progress.detail.none": {
        "ja": "この取組の進捗はまだ報告されていません",
        "en": "No progress reported for this initiative yet",
    },
    "progress.detail.history": {"ja": "変更の履歴（{n} 件）", "en": "History of changes ({n})"},
    "export.col.progress_badge": {"ja": "進捗の状況", "en": "Progress status"},
    "export.col.progress_pct": {"ja": "進捗率（%）", "en": "Progress (%)"},
    "export.col.progress_achievement": {"ja": "実績（団体ごと）", "en": "Achievements (by organisation)"},
    "chart.axis.pct": {"ja": "進捗率", "en": "Progress"},
    "chart.axis.status_count": {"ja": "記録数（未報告は取組数）", "en": "Records (not reported: initiatives)"},
    "chart.progress_heatmap.title": {"ja": "分野 × 時期の平均進捗率", "en": "Mean progress by area and phase"},
    "chart.progress_heatmap.cell": {"ja": "{n}/{total} 件報告", "en": "{n}/{total} reported"},
    "chart.progress_heatmap.alt": {
        "ja": "{title}。{total} 件の取組のうち {n} 件に報告があります。",
        "en": "{title}. {n} of {total} initiatives have a report.",
    },
    "chart.status_by.area.title": {"ja": "分野別の進捗の状況", "en": "Progress status by area"},
    "chart.status_by.org.title": {"ja": "団体別の報告の状況", "en": "Reports by organisation"},
    "chart.status_by.alt": {
        "ja": "{title}。報告 {n} 件、未報告 {none} 件。",
        "en": "{title}. {n} reported, {none} not reported.",
    },
    "filter.fy": {"ja": "年度", "en": "Fiscal year"},
    "filter.fy_latest": {"ja": "最新（報告のある最新の年度）", "en": "Latest (the latest year with reports)"},
    "filter.fy_value": {"ja": "{fy} 年度", "en": "FY{fy}"},
    "filter.fy_help": {
        "ja": "どの年度の進捗を表示・絞り込みに使うか（年度は 4 月～翌年 3 月）。",
        "en": "Whose progress is shown and filtered on (fiscal years run April to March).",
    },
    "filter.status": {"ja": "進捗の状況", "en": "Progress status"},
    "filter.status_help": {
        "ja": "選んだ年度に、いずれかの団体がこの状況を報告した取組に絞ります。「未報告」は記録のない取組です。",
        "en": "Keeps initiatives that an organisation reported in one of these statuses for the fiscal year; "
        "“Not reported” is initiatives without a record.",
    },
    "filter.asof": {"ja": "時点（この日の終わりの状態）", "en": "As of (the end of this day)"},
    "filter.asof_help": {
        "ja": "空欄なら現在。日付を選ぶと、その日の終わりに記録されていた進捗を表示します（履歴から再現）。",
        "en": "Empty: now. A date shows progress as it was recorded at the end of that day (rebuilt from the history).",
    },
    "progress.sidebar.shown": {"ja": "進捗: {fy} 年度（{when}）", "en": "Progress: FY{fy} ({when})"},
    "progress.sidebar.now": {"ja": "現在", "en": "now"},
    "page.progress": {"ja": "進捗", "en": "Progress"},
    "progress.page.empty": {
        "ja": "進捗はまだ報告されていません。各団体がテンプレート（Excel）に記入し、取り込むと、ここに表示されます。"
        "テンプレートの作成と取り込みは、次のコマンドで行います（使い方は docs/progress.md）。",
        "en": "No progress has been reported yet. Each organisation fills in a template (Excel); once imported, it shows "
        "here. Templates are made and imported with this command (see docs/progress.md).",
    },
    "progress.page.reported": {"ja": "報告のある取組（{fy} 年度）", "en": "Initiatives reported (FY{fy})"},
    "progress.page.reported_help": {
        "ja": "取組（下位項目は親の取組に含めて数えます）のうち、いずれかの団体が報告したもの。",
        "en": "Initiatives (sub-items count with their parent) that at least one organisation reported on.",
    },
    "progress.page.done": {"ja": "実施済の割合", "en": "Share done"},
    "progress.page.done_help": {"ja": "進捗率 100% の取組: {n} 件", "en": "Initiatives at 100 %: {n}"},
    "progress.page.mean": {"ja": "平均進捗率", "en": "Mean progress"},
    "progress.page.items": {"ja": "取組数", "en": "Initiatives"},
    "progress.page.reported_short": {"ja": "報告あり", "en": "Reported"},
    "progress.page.done_short": {"ja": "実施済", "en": "Done"},
    "progress.page.figures": {"ja": "分野・団体ごとの状況", "en": "By area and organisation"},
    "progress.page.org_note": {
        "ja": "団体別の「未報告」は、その団体が報告できる取組（関西広域連合は連合の取組、構成府県市は構成府県市の取組）のうち、"
        "記録のないものの数です。",
        "en": "“Not reported” per organisation counts the initiatives it can report on (the Union: the Union's; "
        "members: the members') that have no record from it.",
    },
    "progress.page.changes": {"ja": "最近の更新", "en": "Recent changes"},
    "progress.page.since": {"ja": "この日以降の更新", "en": "Changes since"},
    "progress.page.no_changes": {"ja": "この期間の更新はありません", "en": "No changes in this period"},
    "progress.page.changes_n": {"ja": "{n} 件の更新（新しい順）", "en": "{n} changes (newest first)"},
    "progress.page.changes_shown": {
        "ja": "新しい {shown} 件を表示しています（全 {n} 件）。サイドバーの絞り込みで対象を狭められます",
        "en": "The newest {shown} are shown (of {n}); narrow them down with the filters in the sidebar",
    },
    "progress.page.stale_shown": {
        "ja": "更新の古い {shown} 件を表示しています（全 {n} 件）。サイドバーの絞り込みで対象を狭められます",
        "en": "The {shown} least recently updated are shown (of {n}); narrow them down with the filters in the sidebar",
    },
    "progress.page.stale": {
        "ja": "長く更新されていない記録（180 日超）",
        "en": "Records not updated for over 180 days",
    },
    "progress.page.no_stale": {"ja": "該当する記録はありません", "en": "None"},
    "progress.history.when": {"ja": "日時", "en": "When"},
    "progress.history.changes": {"ja": "変更内容（変更前 → 変更後）", "en": "What changed (before → after)"},
    "progress.history.other_fields": {"ja": "ほかに変更: {fields}", "en": "Also changed: {fields}"},
    "progress.history.source": {"ja": "更新の方法", "en": "Changed through"},
    "progress.history.source.cli": {"ja": "コマンド", "en": "Command line"},
    "progress.history.source.spreadsheet": {"ja": "表計算ファイル", "en": "Spreadsheet"},
    "progress.history.source.form": {"ja": "画面の入力欄", "en": "Form"},
    "progress.stale.days": {"ja": "経過日数", "en": "Days since"},
    "progress.sidebar.as_of": {"ja": "{day} 時点", "en": "as of {day}"},
    "progress.sidebar.none": {
        "ja": "進捗: {fy} 年度の報告はまだありません",
        "en": "Progress: none reported for FY{fy} yet",
    },
    "progress.sidebar.unavailable": {
        "ja": "進捗: データベースを読めないため表示していません（計画の表示は使えます）",
        "en": "Progress: the database cannot be read, so none is shown (the plan works as usual)",
    },
    "progress.badge.mixed": {"ja": "{n} 団体が報告 平均 {pct}", "en": "{n} organisations reported, mean {pct}"},
    "progress.badge.sub_items": {"ja": "下位項目の平均 {pct}", "en": "Mean of the sub-items {pct}"},
    # --- exports (issue 12) ---
    "export.filter.any_of": {"ja": "{items}（いずれかに該当）", "en": "any of: {items}"},
    "export.print.page": {"ja": "&P / &N ページ", "en": "Page &P of &N"},
    "export.meta.print": {"ja": "印刷", "en": "Printing"},
    "export.meta.print_note": {
        "ja": "「{sheet}」シートは {first}～{last} の列を印刷します（A4 横、幅は 1 ページ）。"
        "その他の列（{rest}）は画面で右側にあります。",
        "en": "The “{sheet}” sheet prints the columns {first} to {last} (A4 landscape, one page wide); "
        "the other columns ({rest}) are to their right on screen.",
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
    # --- counts (issue 12) ---
    "counts.rows": {
        "ja": "（表では {rows} 行：▶ 下位項目 {subs} 行を含む）",
        "en": "(the table lists {rows} rows, incl. {subs} ▶ sub-items)",
    },
    "overview.unit_note": {
        "ja": "件数は取組の数です。項目とその ▶ 下位項目はまとめて 1 件と数えます（表の行数とは異なります）。",
        "en": "Counts are initiatives: an item and its ▶ sub-items count as one (not the table's rows).",
    },
    "chart.unit_note": {
        "ja": "取組数（▶ 下位項目は親の取組に含めて数えます）",
        "en": "Initiatives (▶ sub-items count within their item)",
    },
    "chart.hover.sub_items": {"ja": "（ほか ▶ 下位項目 {n} 件）", "en": " (+{n} ▶ sub-items)"},
    # --- sign-in and editing (issue 14) ---
    "page.bulk": {"ja": "進捗の一括更新", "en": "Bulk progress update"},
    "page.history": {"ja": "更新履歴", "en": "Change history"},
    "page.access": {"ja": "編集権限", "en": "Edit rights"},
    "progress.write.system_form": {
        "ja": "コマンド用の利用者では画面から書き込めません",
        "en": "The command-line user cannot write through the browser form",
    },
    "access.error.refused": {
        "ja": "権限の変更はできませんでした（{n} 件の問題）",
        "en": "The grant was not changed ({n} problems)",
    },
    "access.error.who": {
        "ja": "メールアドレスか、ID プロバイダのサブジェクト（sub）を指定してください",
        "en": "Give an e-mail address or the identity provider's subject (sub)",
    },
    "access.error.email": {"ja": "メールアドレスではありません: {value}", "en": "Not an e-mail address: {value}"},
    "access.error.role": {"ja": "役割 '{value}' はありません（{valid}）", "en": "No role '{value}' ({valid})"},
    "access.error.org": {
        "ja": "団体コード '{value}' はありません（{valid}）",
        "en": "No organisation code '{value}' ({valid})",
    },
    "access.error.editor_needs_org": {
        "ja": "編集者には団体を 1 つ以上指定してください",
        "en": "An editor needs one or more organisations",
    },
    "access.error.not_admin": {
        "ja": "{user} は管理者ではないため、権限を変更できません",
        "en": "{user} is not an admin and cannot change edit rights",
    },
    "access.error.no_grant": {"ja": "{who} には権限が付与されていません", "en": "{who} has no grant"},
    "access.col.name": {"ja": "氏名", "en": "Name"},
    "access.col.email": {"ja": "メールアドレス", "en": "E-mail"},
    "access.col.subject": {"ja": "サブジェクト（sub）", "en": "Subject (sub)"},
    "access.col.role": {"ja": "役割", "en": "Role"},
    "access.col.organisations": {"ja": "団体", "en": "Organisations"},
    "access.col.granted": {"ja": "付与（日時・付与者）", "en": "Granted (when, by)"},
    "access.col.bound": {"ja": "初回ログイン", "en": "First sign-in"},
    "access.all_orgs": {"ja": "すべての団体", "en": "All organisations"},
    "access.not_signed_in_yet": {"ja": "（未ログイン）", "en": "(not signed in yet)"},
    "access.role.viewer": {"ja": "閲覧者", "en": "Viewer"},
    "access.role.editor": {"ja": "編集者", "en": "Editor"},
    "access.role.admin": {"ja": "管理者", "en": "Admin"},
    "access.contact.default": {"ja": "ダッシュボードの管理者", "en": "the dashboard's administrator"},
    "access.sidebar.signed_out": {
        "ja": "職員の方はログインすると進捗を記録できます。",
        "en": "Staff can sign in to record progress.",
    },
    "access.sidebar.viewer": {"ja": "{name}（閲覧者）", "en": "{name} (viewer)"},
    "access.sidebar.editor": {"ja": "{name}（編集者: {orgs}）", "en": "{name} (editor: {orgs})"},
    "access.sidebar.admin": {"ja": "{name}（管理者）", "en": "{name} (admin)"},
    "access.sidebar.expired": {
        "ja": "{name}: ログインから {hours} 時間を過ぎたため、閲覧のみです。もう一度ログインしてください。",
        "en": "{name}: signed in more than {hours} hours ago, so read-only. Please sign in again.",
    },
    "access.sidebar.role_unknown": {
        "ja": "{name}: 権限を確認できないため、閲覧のみです。",
        "en": "{name}: edit rights cannot be checked, so read-only.",
    },
    "access.sign_in": {"ja": "ログイン", "en": "Sign in"},
    "access.sign_in_again": {"ja": "もう一度ログイン", "en": "Sign in again"},
    "access.sign_out": {"ja": "ログアウト", "en": "Sign out"},
    "access.required": {
        "ja": "このダッシュボードはログインした職員だけが閲覧できます。",
        "en": "This dashboard is for signed-in staff only.",
    },
    "access.tryout.banner": {
        "ja": "ローカル試用: テスト用の ID プロバイダとデモ用アカウントで、デモデータを編集しています。実際の運用ではありません。",
        "en": "Local try-out: a test identity provider and demo accounts editing the demo data. Not a real deployment.",
    },
    "access.admin.list": {"ja": "権限の一覧", "en": "Grants"},
    "access.admin.cli": {"ja": "同じ操作はコマンドでもできます:", "en": "The same from the command line:"},
    "access.admin.grant": {"ja": "権限を付与・変更する", "en": "Grant or change"},
    "access.admin.subject_help": {
        "ja": "分かる場合のみ。メールアドレスだけで付与すると、その人の初回ログイン時にサブジェクトと結び付きます。",
        "en": "Only if known. A grant by e-mail is tied to the person's subject at their first sign-in.",
    },
    "access.admin.orgs_placeholder": {
        "ja": "編集者の団体（管理者は不要）",
        "en": "An editor's organisations (not for admins)",
    },
    "access.admin.grant_button": {"ja": "付与する", "en": "Grant"},
    "access.admin.granted": {"ja": "{who} に権限を付与しました。", "en": "Granted to {who}."},
    "access.admin.revoke": {"ja": "権限を取り消す", "en": "Revoke"},
    "access.admin.none": {"ja": "権限はまだ付与されていません。", "en": "No grants yet."},
    "access.admin.who": {"ja": "取り消す相手", "en": "Whose grant"},
    "access.admin.revoke_button": {"ja": "取り消す", "en": "Revoke"},
    "access.admin.not_yourself": {
        "ja": "自分自身の権限は取り消せません（別の管理者に依頼してください）。",
        "en": "You cannot revoke your own grant (ask another admin).",
    },
    "access.admin.revoked": {"ja": "{who} の権限を取り消しました。", "en": "Revoked the grant of {who}."},
    "access.cli.description": {
        "ja": "進捗を編集できる人（役割と団体）を管理します。",
        "en": "Manage who may edit progress (role and organisations).",
    },
    "access.cli.grant": {"ja": "権限を付与・変更する", "en": "grant or change a role"},
    "access.cli.revoke": {"ja": "権限を取り消す", "en": "revoke a grant"},
    "access.cli.list": {"ja": "権限を一覧する", "en": "list the grants"},
    "access.cli.subject": {
        "ja": "ID プロバイダのサブジェクト（sub）",
        "en": "the identity provider's subject (sub)",
    },
    "access.cli.email": {
        "ja": "メールアドレス（初回ログイン時にサブジェクトと結び付く）",
        "en": "e-mail address (tied to the subject at first sign-in)",
    },
    "access.cli.by": {"ja": "操作する人の名前（履歴に残る）", "en": "who makes the change (kept in the history)"},
    "access.cli.org": {"ja": "団体コード（複数可）", "en": "organisation code (repeatable)"},
    "access.cli.name": {"ja": "表示名", "en": "display name"},
    "access.cli.granted": {"ja": "付与しました: {who} → {role}（{orgs}）", "en": "Granted: {who} → {role} ({orgs})"},
    "access.cli.revoked": {"ja": "取り消しました: {who}", "en": "Revoked: {who}"},
    "admin.only": {"ja": "このページは管理者だけが使えます。", "en": "This page is for admins only."},
    "audit.col.subject": {"ja": "サブジェクト", "en": "Subject"},
    "audit.col.file": {"ja": "ファイル", "en": "File"},
    "audit.col.sha256": {"ja": "SHA-256", "en": "SHA-256"},
    "audit.user": {"ja": "更新者", "en": "Changed by"},
    "audit.dates": {"ja": "期間", "en": "Dates"},
    "audit.count": {"ja": "{n} 件（全 {total} 件）", "en": "{n} of {total} changes"},
    "audit.csv": {"ja": "CSV でダウンロード", "en": "Download CSV"},
    "audit.xlsx": {"ja": "Excel でダウンロード", "en": "Download Excel"},
    "edit.title": {"ja": "進捗を記録する", "en": "Record progress"},
    "edit.no_auth": {
        "ja": "この環境ではログインが設定されていないため、閲覧のみです。",
        "en": "Sign-in is not set up here, so this is read-only.",
    },
    "edit.sign_in": {
        "ja": "進捗を記録するには、サイドバーからログインしてください。",
        "en": "Sign in (sidebar) to record progress.",
    },
    "edit.expired": {
        "ja": "ログインから {hours} 時間を過ぎました。記録するにはもう一度ログインしてください。",
        "en": "You signed in more than {hours} hours ago. Sign in again to record progress.",
    },
    "edit.no_grant": {
        "ja": "閲覧のみの権限です。進捗を記録するには、{contact} に編集権限を依頼してください。",
        "en": "You can view only. To record progress, ask {contact} for edit rights.",
    },
    "edit.not_yours": {
        "ja": "この取組は「{actor}」の取組です。あなたの編集権限（{orgs}）では記録できません。",
        "en": "This is an initiative of “{actor}”; your edit rights ({orgs}) do not cover it.",
    },
    "edit.fiscal_year": {"ja": "年度", "en": "Fiscal year"},
    "edit.fy": {"ja": "{fy} 年度", "en": "FY {fy}"},
    "edit.organisation": {"ja": "団体", "en": "Organisation"},
    "edit.saved": {"ja": "保存しました（版 {version}）。", "en": "Saved (version {version})."},
    "edit.new_record": {"ja": "{fy} 年度の{org}の記録はまだありません。", "en": "No record yet for {org}, FY {fy}."},
    "edit.loaded": {
        "ja": "版 {version}（{when} {by}）を編集しています。",
        "en": "Editing version {version} ({when}, {by}).",
    },
    "edit.choose": {"ja": "選んでください", "en": "Choose"},
    "edit.pct_placeholder": {"ja": "空欄: 状況から自動", "en": "Blank: from the status"},
    "edit.save": {"ja": "保存", "en": "Save"},
    "edit.ref": {"ja": "入力欄", "en": "form"},
    "edit.unchanged": {"ja": "変更はありません。", "en": "Nothing changed."},
    "edit.no_longer": {
        "ja": "編集権限がなくなったため、保存しませんでした。",
        "en": "Not saved: you no longer have edit rights.",
    },
    "edit.conflict.message": {
        "ja": "保存していません: この記録は、編集を始めた後に {by} が {when} に保存しました（版 {version}）。"
        "あなたの入力は入力欄に残っています。下の表で見比べて、どちらにするか選んでください。",
        "en": "Not saved: {by} saved this record at {when} after you started (version {version}). Your input is still "
        "in the form. Compare below and choose.",
    },
    "edit.conflict.gone": {"ja": "この記録は見つかりません。", "en": "This record cannot be found."},
    "edit.conflict.field": {"ja": "項目", "en": "Field"},
    "edit.conflict.stored": {"ja": "保存されている値", "en": "Saved value"},
    "edit.conflict.mine": {"ja": "あなたの入力", "en": "Your input"},
    "edit.conflict.differs": {"ja": "違い", "en": "Differs"},
    "edit.conflict.take_theirs": {
        "ja": "保存されている値を読み込む（自分の入力は破棄）",
        "en": "Load the saved values (discard my input)",
    },
    "edit.conflict.keep_mine": {"ja": "自分の入力で上書き保存する", "en": "Save my input over it"},
    "edit.enable": {
        "ja": "画面からの進捗の記録は無効です（ログインが設定されていません）。有効にするには、サーバーの管理者が"
        "組織の ID プロバイダとの接続を設定します（手順は docs/access.md）。テスト用の ID プロバイダとデモデータで"
        "手元で試すには:",
        "en": "Recording progress in the browser is off (sign-in is not set up). To turn it on, the server's "
        "administrator connects the organisation's identity provider (steps in docs/access.md). To try it on your "
        "own machine with a test identity provider and the demo data:",
    },
    "edit.how": {
        "ja": "記録するには、「一覧・ダウンロード」で取組を選ぶと詳細の下に入力欄が出ます。まとめて更新するには「進捗の一括更新」へ。",
        "en": "To record progress, pick an initiative in Explore: the form is below its details. For many at once, "
        "use Bulk progress update.",
    },
    "review.col.where": {"ja": "場所", "en": "Where"},
    "review.col.problem": {"ja": "内容", "en": "Problem"},
    "review.col.kind": {"ja": "区分", "en": "Kind"},
    "review.col.field": {"ja": "項目", "en": "Field"},
    "review.col.before": {"ja": "変更前", "en": "Before"},
    "review.col.after": {"ja": "変更後", "en": "After"},
    "review.col.saved_by": {"ja": "保存した人", "en": "Saved by"},
    "review.col.saved_at": {"ja": "保存日時", "en": "Saved at"},
    "review.col.version": {"ja": "版（ファイル → 現在）", "en": "Version (file → now)"},
    "bulk.intro": {
        "ja": "自分の団体のテンプレートをダウンロードして記入し、アップロードします。反映する前に、"
        "すべての確認メッセージと変更点が表示されます。",
        "en": "Download your organisation's template, fill it in and upload it. Every message and every change is "
        "shown before anything is applied.",
    },
    "bulk.step1": {"ja": "1. テンプレートをダウンロード", "en": "1. Download the template"},
    "bulk.download": {"ja": "テンプレート（Excel）をダウンロード", "en": "Download the template (Excel)"},
    "bulk.download_help": {
        "ja": "「{actor}」の取組の一覧に、現在の値が入っています。",
        "en": "The initiatives of “{actor}”, with the current values filled in.",
    },
    "bulk.step2": {"ja": "2. 記入したファイルをアップロード", "en": "2. Upload the filled-in file"},
    "bulk.upload": {"ja": "テンプレート（.xlsx）または CSV", "en": "Template (.xlsx) or CSV"},
    "bulk.upload_help": {"ja": "{mb} MB まで。マクロ付きのファイルは使えません。", "en": "Up to {mb} MB. No macros."},
    "bulk.rejected": {
        "ja": "{file} は反映できません（{n} 件の問題）。直して、もう一度アップロードしてください。何も書き込んでいません。",
        "en": "{file} cannot be applied ({n} problems). Fix them and upload again. Nothing was written.",
    },
    "bulk.step3": {"ja": "3. 確認して反映", "en": "3. Check and apply"},
    "bulk.conflicts": {
        "ja": "{n} 件の記録は、テンプレートを作った後に別の人が保存しています。反映すると上書きになるため、"
        "そのままでは反映できません。",
        "en": "{n} records were saved by someone else after the template was made; applying would overwrite them, "
        "so nothing can be applied as it is.",
    },
    "bulk.skip_conflicts": {
        "ja": "それらの記録を除いて反映する（保存されている値はそのまま）",
        "en": "Apply the rest (leave those records as they are)",
    },
    "bulk.nothing": {"ja": "変更はありません。", "en": "Nothing to change."},
    "bulk.apply": {"ja": "{n} 件を反映する", "en": "Apply {n} records"},
    "bulk.applied": {
        "ja": "{file} の {n} 件を反映しました（データ版 {version}）。",
        "en": "Applied {n} records from {file} (data version {version}).",
    },
}


def catalogue(lang: str) -> Callable[..., str]:
    """A translator for `lang`: t(key, **fields) -> text (unknown lang falls back to ja)."""
    lang = lang if lang in LANGS else DEFAULT_LANG

    def t(key: str, **fields: object) -> str:
        text = MESSAGES[key][lang]
        return text.format(**fields) if fields else text

    return t
