#!/usr/bin/env bash
# Make sure the progress store's tests can run: Debian's PostgreSQL server binaries (initdb, pg_ctl).
# Missing and root: install them quietly (the apt log is shown only on failure).
# Missing and not root: exit 1 with the command to run.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
INSTALL="apt-get update && apt-get install -y postgresql"

have_pg() { [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ]; }
have_pg && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "The progress tests need PostgreSQL ($PG_BIN/initdb). Install it as root:" >&2
    echo "    $INSTALL" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "The progress tests need PostgreSQL ($PG_BIN/initdb), and apt-get is not available here. On Debian/Ubuntu:" >&2
    echo "    $INSTALL" >&2
    exit 1
fi

echo "Installing PostgreSQL: $INSTALL"
log=$(mktemp "${TMPDIR:-/tmp}/ensure-postgres.XXXXXX.log")
if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "Installing PostgreSQL failed (log above, also in $log)." >&2
    exit 1
fi
if ! have_pg; then
    cat "$log" >&2
    echo "apt-get succeeded but $PG_BIN/initdb is still missing (another PostgreSQL major version? set PG_BIN)." >&2
    exit 1
fi
rm -f "$log"
