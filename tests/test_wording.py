"""The catalogue's messages for staff: no file names, libraries, methods or rule ids (ja and en)."""

from __future__ import annotations

import re

import pytest

from dashboard.i18n import LANGS, MESSAGES

# Messages for whoever runs the build or the report command line, not for staff in the app.
OPERATOR_PREFIXES = ("build.", "load.", "report.cli.")
DEVELOPER = re.compile(
    r"\w\.csv|_rules|_override|data/|parquet|janome|tf-?idf|n-?gram|regex|regular expression|正規表現|形態素|"
    r"コサイン|cosine|tokeni[sz]|\brule\b|\(rule|\br\d\d\b|\be\d\d\b|python|numpy|pandas|streamlit|`",
    re.IGNORECASE,
)
STAFF_KEYS = [k for k in MESSAGES if not k.startswith(OPERATOR_PREFIXES)]


@pytest.mark.parametrize("lang", LANGS)
def test_no_developer_words_in_what_staff_read(lang):
    """No message the app shows names a source file, a library, a method or a rule (the old ones did)."""
    found = {k: MESSAGES[k][lang] for k in STAFF_KEYS if DEVELOPER.search(MESSAGES[k][lang])}
    assert not found


def test_the_check_knows_the_words_it_looks_for():
    """The pattern catches each developer word the analysis page used to show."""
    for text in (
        "data/source/instrument_rules.csv",
        "文字 n-gram の TF-IDF コサイン類似度",
        "形態素解析（janome）",
        "(rule r18)",
    ):
        assert DEVELOPER.search(text), text
    assert not DEVELOPER.search("CSV をダウンロード（Excel 対応）")
    assert not DEVELOPER.search("取り込めるのは .xlsx か .csv です")  # a file type users choose is not a file name
