"""python -m dashboard.access grant|revoke|list — who may edit progress (messages from i18n).

    python -m dashboard.access grant --email a.hyogo@pref.example --role editor --org hyogo --by "山田"
    python -m dashboard.access grant --subject 0f3c… --role admin --by "山田"
    python -m dashboard.access revoke --email a.hyogo@pref.example --by "山田"
    python -m dashboard.access list

Exit status 0 on success, 1 when refused or failed (with the reason), 2 for bad arguments. The
command line acts as the system user `cli:NAME` (whoever can run it can open the database anyway).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .i18n import LANGS, catalogue
from .progress import access as A
from .progress.cli import _lang, _Parser
from .progress.errors import ProgressError
from .progress.store import open_store
from .progress.user import User
from .schema import ORGANISATION_CODES


def build_parser(lang: str = "ja") -> argparse.ArgumentParser:
    t = catalogue(lang)
    _Parser.t = staticmethod(t)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGS, default="ja", help=t("progress.cli.lang"))
    common.add_argument("--database", metavar="URL", help=t("progress.cli.database"))
    p = _Parser(prog="python -m dashboard.access", description=t("access.cli.description"), parents=[common])
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="COMMAND")
    for name in ("grant", "revoke"):
        s = sub.add_parser(name, parents=[common], help=t(f"access.cli.{name}"))
        who = s.add_mutually_exclusive_group(required=True)
        who.add_argument("--subject", metavar="SUB", help=t("access.cli.subject"))
        who.add_argument("--email", metavar="ADDRESS", help=t("access.cli.email"))
        s.add_argument("--by", required=True, metavar="NAME", help=t("access.cli.by"))
        if name == "grant":
            s.add_argument("--role", required=True, choices=A.GRANTED_ROLES)
            s.add_argument("--org", action="append", default=[], choices=ORGANISATION_CODES, help=t("access.cli.org"))
            s.add_argument("--name", metavar="NAME", help=t("access.cli.name"))
    sub.add_parser("list", parents=[common], help=t("access.cli.list"))
    return p


def run(args: argparse.Namespace) -> int:
    t = catalogue(args.lang)
    store = open_store(args.database)
    if args.command == "list":
        table = A.grants_table(A.grants(store), args.lang)
        if table.empty:
            print(t("access.admin.none"))
        for row in table.itertuples(index=False, name=None):
            print("  ".join(str(v) for v in row if v))
        return 0
    by = User.system(args.by)
    if args.command == "grant":
        g = A.grant(
            store, role=args.role, organisations=args.org, subject=args.subject, email=args.email, name=args.name, by=by
        )
        print(
            t(
                "access.cli.granted",
                who=g.subject or g.email,
                role=t(f"access.role.{g.role}"),
                orgs=",".join(g.organisations) or "-",
            )
        )
    else:
        g = A.revoke(store, subject=args.subject, email=args.email, by=by)
        print(t("access.cli.revoked", who=g.subject or g.email))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang(argv)
    args = build_parser(lang).parse_args(argv)
    try:
        return run(args)
    except ProgressError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
