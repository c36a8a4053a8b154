"""Real-browser tests (Playwright + Chromium); a package so their module names cannot clash with tests/*."""
