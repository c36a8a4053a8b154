#!/usr/bin/env bash
# Make sure the workbook print test can run: LibreOffice Calc (soffice, headless) to print the
# workbook to PDF, and a Japanese font so the Japanese text is laid out as it prints.
# Missing and root: install them quietly (the apt log is shown only on failure).
# Missing and not root: exit 1 with the command to run.
set -euo pipefail

packages=()
command -v soffice >/dev/null 2>&1 || packages+=(libreoffice-calc-nogui)
{ command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ja 2>/dev/null)" ]; } || packages+=(fonts-noto-cjk)
[ ${#packages[@]} -eq 0 ] && exit 0

INSTALL="apt-get update && apt-get install -y ${packages[*]}"
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "The workbook print test needs ${packages[*]}. Install them as root (Debian/Ubuntu):" >&2
    echo "    $INSTALL" >&2
    exit 1
fi
echo "Installing ${packages[*]}: $INSTALL"
log=$(mktemp "${TMPDIR:-/tmp}/ensure-office.XXXXXX.log")
if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "${packages[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "Installing ${packages[*]} failed (log above, also in $log)." >&2
    exit 1
fi
if ! command -v soffice >/dev/null 2>&1; then
    cat "$log" >&2
    echo "apt-get succeeded but soffice is still missing." >&2
    exit 1
fi
rm -f "$log"
