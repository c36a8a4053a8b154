"""python -m dashboard.report --area su --format pdf -o FILE: a briefing report of a filtered view.

Filter options mirror the URL parameters of dashboard.filters (repeat an option for several values):
  --area ls|cn|mob|su|sme|hr  --phase 2024|2025|2026  --actor union|members  --sub fly|maas|fly-maas
  --instrument CODE  --expo 1|0  --subitems 0|1  --q TEXT  --lang ja|en
or the whole query string of a view: --url "area=su&phase=2026" (the page's ?… part).
Exit codes: 0 written, 1 the report could not be built or written, 2 bad arguments.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .. import filters as F
from ..i18n import DEFAULT_LANG, LANGS, catalogue
from ..load import LoadError, load_with_meta
from ..paths import data_path
from . import FORMATS, ReportError, build_report, render_report, report_file_name

OPTION_PARAMS = {"area": F.Param.AREA, "phase": F.Param.PHASE, "actor": F.Param.ACTOR, "sub": F.Param.SUB}
BINARY = {F.Param.EXPO: ("0", "1"), F.Param.SUBITEMS: ("0", "1"), F.Param.LANG: LANGS}
OPTION_PARAMS |= {"instrument": F.Param.INSTRUMENT, "expo": F.Param.EXPO, "subitems": F.Param.SUBITEMS, "q": F.Param.Q}


class _Usage(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # no usage dump and no English-only exit: the caller reports it
        raise _Usage(message)


def _lang_of(argv: list[str]) -> str:
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGS:
            return argv[i + 1]
        if a.startswith("--lang=") and a[7:] in LANGS:
            return a[7:]
    return DEFAULT_LANG


def parser(lang: str = DEFAULT_LANG) -> argparse.ArgumentParser:
    t = catalogue(lang)
    p = _Parser(prog="python -m dashboard.report", description=t("report.cli.description"))
    for name in ("area", "phase", "actor", "sub", "instrument"):
        p.add_argument(f"--{name}", action="append", default=[], metavar="CODE")
    p.add_argument("--expo", choices=("0", "1"))
    p.add_argument("--subitems", choices=("0", "1"))
    p.add_argument("--q", default=None, metavar="TEXT")
    p.add_argument("--url", default="", metavar="QUERY", help="a view's URL or its query string (area=su&…)")
    p.add_argument("--lang", choices=LANGS, default=None)
    p.add_argument("--format", choices=FORMATS, default=None, help="default: from the -o file's extension")
    p.add_argument("-o", "--output", default=None, metavar="FILE", help="default: a descriptive name here")
    p.add_argument(
        "--data", default=None, metavar="PARQUET", help="default: $INITIATIVES_PATH or data/initiatives.parquet"
    )
    p.add_argument("--link", default="", metavar="URL", help="the view's URL to print on the cover")
    return p


def _params(args: argparse.Namespace) -> dict[str, list[str]]:
    """URL-style parameters: --url first, options on top."""
    query = urlsplit(args.url).query if "?" in args.url or "://" in args.url else args.url
    params = {k: list(v) for k, v in parse_qs(query.lstrip("?"), keep_blank_values=True).items()}
    for opt, key in OPTION_PARAMS.items():
        value = getattr(args, opt)
        if value:
            params[key] = value if isinstance(value, list) else [value]
    if args.lang:
        params[F.Param.LANG] = [args.lang]
    return params


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_of(argv)
    t = catalogue(lang)
    try:
        args = parser(lang).parse_args(argv)
        state = F.parse_query_params(_params(args))
        lang, t = state.lang, catalogue(state.lang)
        if state.notices:  # batch use: a dropped value is an error, not a silent "all"
            n = state.notices[0]
            valid = F.ENUM_PARAMS[n.param][1] if n.param in F.ENUM_PARAMS else BINARY.get(n.param, ())
            if n.key == "url.invalid_value" and valid:
                raise _Usage(t("report.cli.bad_value", param=n.param, value=n.value, valid=", ".join(valid)))
            raise _Usage(t(n.key, param=n.param, value=n.value))
        fmt = args.format or (Path(args.output).suffix.lstrip(".").lower() if args.output else "pdf")
        if fmt not in FORMATS:
            raise _Usage(t("report.cli.format"))
    except _Usage as exc:
        print(t("report.cli.usage_error", detail=exc), file=sys.stderr)
        return 2
    try:
        start = time.perf_counter()
        df, meta = load_with_meta(args.data or data_path())
        now = datetime.now(UTC)
        report = build_report(df, meta, state.filters, lang, link=args.link, now=now)
        data = render_report(report, fmt)
        out = Path(args.output) if args.output else Path(report_file_name(state.filters, fmt, now))
        try:
            out.write_bytes(data)
        except OSError as exc:
            print(t("report.cli.write_error", path=out, detail=exc.strerror or type(exc).__name__), file=sys.stderr)
            return 1
    except LoadError as exc:
        print(exc.message(lang), file=sys.stderr)
        return 1
    except ReportError as exc:
        print(exc.message(lang), file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback for a user; the type says what to look at
        print(t("report.error.failed", detail=type(exc).__name__), file=sys.stderr)
        return 1
    seconds = time.perf_counter() - start
    print(t("report.cli.written", path=out, format=fmt.upper(), n=report.n_items, seconds=f"{seconds:.1f}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
