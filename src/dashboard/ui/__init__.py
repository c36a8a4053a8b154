"""The Streamlit layer: the only package of `dashboard` that imports streamlit.

One module per job; page scripts (views/*.py) import what they show:
- `data`: the cached table, filtered frames and per-table derived structures (per process);
- `state`: URL ↔ session state, the language, notices, the analysis tab;
- `sidebar`: the filter widgets and the language switch;
- `context`: the run context (`Ctx`), `bootstrap()` before each page, `context()`, `release()`;
- `widgets`: shared widgets and chart output (they take the language and codes, never the context);
- `overview`, `timeline`, `matrix`, `explore`, `analysis`: sections only that page shows.
"""
