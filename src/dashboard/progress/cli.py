"""python -m dashboard.progress template|import|export|history|backup|restore|demo (messages from i18n).

Exit status 0 on success, 1 when something was refused or failed (with the reason), 2 for bad arguments.
Never a traceback for bad input or a database fault.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from ..i18n import LANGS, catalogue
from ..load import LoadError, load_with_meta
from ..schema import AREA_CODES, FISCAL_YEARS, ORGANISATION_BY_CODE, ORGANISATION_CODES, STATUS_BY_CODE, PCol
from . import backup as backup_mod
from . import demo as demo_mod
from . import workbook
from .errors import ProgressError
from .frames import TZ
from .importer import import_file
from .store import DEMO_URL, open_store
from .write import Conflict, Diff, User, WriteResult

MAX_SHOWN = 200  # diff lines printed before "… and n more"


def _lang(argv: Sequence[str]) -> str:
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGS:
            return argv[i + 1]
        if a.startswith("--lang=") and a.split("=", 1)[1] in LANGS:
            return a.split("=", 1)[1]
    return "ja"


class _Parser(argparse.ArgumentParser):
    t = staticmethod(catalogue("ja"))

    def error(self, message: str) -> None:  # argparse's own text, framed in the user's language
        self.print_usage(sys.stderr)
        print(self.t("progress.cli.bad_arguments", detail=message), file=sys.stderr)
        raise SystemExit(2)


def build_parser(lang: str = "ja") -> argparse.ArgumentParser:
    t = catalogue(lang)
    _Parser.t = staticmethod(t)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGS, default="ja", help=t("progress.cli.lang"))
    common.add_argument("--database", metavar="URL", help=t("progress.cli.database"))
    p = _Parser(prog="python -m dashboard.progress", description=t("progress.cli.description"), parents=[common])
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="COMMAND")
    s = sub.add_parser("template", parents=[common], help=t("progress.cli.template"))
    s.add_argument("--org", required=True, choices=ORGANISATION_CODES)
    s.add_argument("--fy", required=True, type=int, choices=FISCAL_YEARS)
    s.add_argument("--area", choices=AREA_CODES)
    s.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.xlsx")
    s = sub.add_parser("import", parents=[common], help=t("progress.cli.import"))
    s.add_argument("file", type=Path, metavar="FILE")
    s.add_argument("--by", required=True, metavar="NAME", help=t("progress.cli.by"))
    s.add_argument("--dry-run", action="store_true", help=t("progress.cli.dry_run"))
    s.add_argument("--skip-conflicts", action="store_true", help=t("progress.cli.skip_conflicts"))
    s = sub.add_parser("export", parents=[common], help=t("progress.cli.export"))
    s.add_argument("file", type=Path, metavar="FILE.csv|FILE.xlsx")
    s.add_argument("--fy", type=int, choices=FISCAL_YEARS)
    s = sub.add_parser("history", parents=[common], help=t("progress.cli.history"))
    s.add_argument("id", nargs="?", metavar="ID")
    s.add_argument("--since", type=date.fromisoformat, metavar="YYYY-MM-DD")
    s = sub.add_parser("backup", parents=[common], help=t("progress.cli.backup"))
    s.add_argument("file", type=Path, metavar="FILE.json")
    s = sub.add_parser("restore", parents=[common], help=t("progress.cli.restore"))
    s.add_argument("file", type=Path, metavar="FILE.json")
    sub.add_parser("demo", parents=[common], help=t("progress.cli.demo"))
    return p


def _show(value: Any, key: str, lang: str) -> str:
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return "—"
    if key == PCol.STATUS and value in STATUS_BY_CODE:
        return STATUS_BY_CODE[value].label(lang)
    text = str(value).replace("\n", "⏎")
    return text if len(text) <= 60 else text[:59] + "…"


def _key(key: tuple, lang: str) -> str:
    org = ORGANISATION_BY_CODE.get(key[2])
    return f"{key[0]} {key[1]} {org.label(lang) if org else key[2]}"


def _diff_lines(d: Diff, lang: str) -> list[str]:
    t = catalogue(lang)
    head = f"{t('progress.diff.' + d.kind)} {_key(d.key, lang)}"
    if d.kind == "unchanged":
        return [head]
    return [head] + [
        f"    {t('progress.col.' + f)}: {_show(d.before.get(f) if d.before else None, f, lang)} → {_show(d.after.get(f), f, lang)}"
        for f in d.fields
    ]


def _conflict_lines(c: Conflict, lang: str) -> list[str]:
    t = catalogue(lang)
    if c.stored is None:
        return [f"{c.ref}: {t('progress.conflict.gone', record=_key(c.key, lang), seen=c.seen_version)}"]
    when = c.stored[PCol.UPDATED_AT].astimezone(TZ).strftime("%Y-%m-%d %H:%M")
    fields = {
        "record": _key(c.key, lang),
        "seen": c.seen_version if c.seen_version is not None else "—",
        "version": c.stored[PCol.VERSION],
        "by": c.stored[PCol.UPDATED_BY],
        "when": when,
        "status": _show(c.stored[PCol.STATUS], PCol.STATUS, lang),
    }
    return [f"{c.ref}: {t('progress.conflict.stale', **fields)}"]


def format_result(result: WriteResult, lang: str, dry_run: bool, skip_conflicts: bool) -> str:
    t = catalogue(lang)
    lines: list[str] = []
    for d in result.diffs:
        if d.kind != "unchanged":
            lines += _diff_lines(d, lang)
    for c in result.conflicts:
        lines += _conflict_lines(c, lang)
    if len(lines) > MAX_SHOWN:
        lines = [*lines[:MAX_SHOWN], t("progress.diff.more", n=len(lines) - MAX_SHOWN)]
    n = {k: len(result.of_kind(k)) for k in ("new", "changed", "unchanged")}
    lines.append(t("progress.diff.summary", conflicts=len(result.conflicts), **n))
    if dry_run:
        lines.append(t("progress.import.dry_run"))
    elif result.conflicts and not skip_conflicts:
        lines.append(t("progress.import.conflicts_nothing_written"))
    else:
        lines.append(t("progress.import.written", n=result.written, version=result.data_version))
    return "\n".join(lines)


def _plan() -> pd.DataFrame:
    return load_with_meta()[0]


def run(args: argparse.Namespace) -> int:
    t = catalogue(args.lang)
    if args.command == "demo":
        store = open_store(args.database or DEMO_URL)
        result = demo_mod.write_demo(store, _plan())
        print(t("progress.demo.written", n=result.written, where=store.where, url=args.database or DEMO_URL))
        return 0
    store = open_store(args.database)
    if args.command == "template":
        data = workbook.template(_plan(), store.records(args.fy), args.org, args.fy, args.area, args.lang)
        args.output.write_bytes(data)
        print(t("progress.template.written", path=args.output))
    elif args.command == "import":
        report = import_file(
            store, args.file, _plan(), User.system(args.by), dry_run=args.dry_run, skip_conflicts=args.skip_conflicts
        )
        print(format_result(report.result, args.lang, args.dry_run, args.skip_conflicts))
        return 1 if report.result.conflicts and not args.skip_conflicts else 0
    elif args.command == "export":
        suffix = args.file.suffix.lower()
        if suffix not in (".csv", ".xlsx"):
            print(t("progress.export.type", suffix=suffix or "-"), file=sys.stderr)
            return 1
        recs = store.records(args.fy)
        fn = workbook.export_csv if suffix == ".csv" else workbook.export_xlsx
        args.file.write_bytes(fn(_plan(), recs, args.lang))
        print(t("progress.export.written", n=len(recs), path=args.file))
    elif args.command == "history":
        _print_history(store.history(args.id, since=args.since), args.lang)
    elif args.command == "backup":
        n = backup_mod.backup(store, args.file)
        print(t("progress.backup.written", path=args.file, **n))
    elif args.command == "restore":
        n = backup_mod.restore(store, args.file)
        print(t("progress.backup.restored", path=args.file, **n))
    return 0


def _print_history(h: pd.DataFrame, lang: str) -> None:
    t = catalogue(lang)
    if h.empty:
        print(t("progress.history.none"))
        return
    for r in h.to_dict("records"):
        when = r["changed_at"].astimezone(TZ).strftime("%Y-%m-%d %H:%M")
        src = r["source"] + (f" {r['source_file']} {r['source_sha256'][:12]}" if not pd.isna(r["source_file"]) else "")
        key = (r[PCol.ID], r[PCol.FISCAL_YEAR], r[PCol.ORGANISATION])
        print(f"{when}  {_key(key, lang)}  v{r[PCol.VERSION]}  {r['user_name']} ({r['user_subject']})  {src}")
        before = r["before"] or {}
        for f in r["fields"]:
            print(
                f"    {t('progress.col.' + f)}: {_show(before.get(f), f, lang)} → {_show(r['after'].get(f), f, lang)}"
            )


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang(argv)
    args = build_parser(lang).parse_args(argv)
    try:
        return run(args)
    except (ProgressError, LoadError) as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 1
    except OSError as exc:
        print(
            catalogue(args.lang)("progress.cli.os_error", detail=f"{type(exc).__name__}: {exc.strerror}"),
            file=sys.stderr,
        )
        return 1
