"""What only the browser tests check: console errors beyond the framework's, and the count captions.

Everything else a browser test uses (readiness, charts, screenshots, fonts, axe-core) is the shared
harness's: `from appharness.browser import goto, wait_ready, …`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

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


def count_captions(page: Page) -> list[str]:
    """The 「該当 N 件 ／ 全 155 件」 / "N of 155 initiatives match" captions of the current run (sidebar and page)."""
    texts = page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    return [
        t.strip() for t in texts if re.fullmatch(r"該当 \d+ 件 ／ 全 \d+ 件|\d+ of \d+ initiatives match", t.strip())
    ]
