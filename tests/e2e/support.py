"""What only the browser tests check: console errors beyond the framework's, and the count captions.

Everything else a browser test uses (readiness, charts, screenshots, fonts, axe-core) is the shared
harness's: `from appharness.browser import goto, wait_ready, …`.
"""

from __future__ import annotations

import re
import string
from typing import TYPE_CHECKING

from dashboard.i18n import LANGS, MESSAGES

if TYPE_CHECKING:
    from playwright.sync_api import Page

# Streamlit's frontend, opened on a page URL such as /timeline, first asks /timeline/_stcore/health
# and /timeline/_stcore/host-config, gets 404 (the server answers them only at the root) and falls
# back to /_stcore/…; Chromium logs each 404 as a console error. Exactly those two are the
# framework's; any other console error (a 404 at the root included) is ours.
FRAMEWORK_404 = re.compile(
    r"console\.error: Failed to load resource: the server responded with a status of 404 \(Not Found\) "
    r"\(http://127\.0\.0\.1:\d+(?:/[^/?#\s]+)+/_stcore/(?:health|host-config)\)"
)


def console_errors(page: Page) -> list[str]:
    """`page.console_errors` (recorded by the `page` fixture) minus the framework's two sub-page 404s."""
    return [e for e in page.console_errors if not FRAMEWORK_404.fullmatch(e)]


def _pattern(template: str) -> str:
    """A catalogue text as a regular expression: its {fields} match numbers."""
    return "".join(
        re.escape(literal) + (r"[\d,]+" if field is not None else "")
        for literal, field, _, _ in string.Formatter().parse(template)
    )


# 「該当 取組 N 件 ／ 全 M 件」 / "N of M initiatives match", then (page header) the table's rows.
COUNT_CAPTION = re.compile(
    "|".join(
        f"{_pattern(MESSAGES['filter.count'][lang])}(?:{_pattern(MESSAGES['counts.rows'][lang])})?" for lang in LANGS
    )
)


def count_captions(page: Page) -> list[str]:
    """The count captions of the current run, in page order: the sidebar's, then the page header's."""
    texts = page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    return [t.strip() for t in texts if COUNT_CAPTION.fullmatch(t.strip())]
