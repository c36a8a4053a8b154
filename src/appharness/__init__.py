"""The harness shared by the browser tests, the benchmarks and the scripts.

    appharness.server    start the app as `make run` does (free loopback port, own process group,
                         logs in files, health wait), stop it by pid; RSS and CPU time of a pid
    appharness.browser   Debian's Chromium through Playwright, readiness waits, chart, screenshot,
                         font and axe-core helpers (Playwright is imported only when used)
    appharness.wsclient  a client of Streamlit's websocket protocol: one tab's script runs, timed

Only `wsclient` imports streamlit (its protobuf messages); nothing here imports `dashboard`.
"""
