#!/usr/bin/env bash
# Make sure the browser tests can run: Debian's Chromium (/usr/bin/chromium) and a Japanese font.
# Missing and root: install them quietly (the apt log is shown only on failure).
# Missing and not root: exit 1 with the command to run.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
INSTALL="apt-get update && apt-get install -y chromium fonts-noto-cjk"

have_chromium() { [ -x "$CHROMIUM" ]; }
have_cjk_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ja 2>/dev/null)" ]; }

missing=()
have_chromium || missing+=("Chromium ($CHROMIUM)")
have_cjk_font || missing+=("a Japanese font (fc-list :lang=ja is empty)")
[ ${#missing[@]} -eq 0 ] && exit 0

what=$(printf '%s, ' "${missing[@]}")
what=${what%, }
if [ "$(id -u)" -ne 0 ]; then
    echo "The browser tests need ${what}. Install them as root:" >&2
    echo "    $INSTALL" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "The browser tests need ${what}, and apt-get is not available here. On Debian/Ubuntu:" >&2
    echo "    $INSTALL" >&2
    exit 1
fi

echo "Installing ${what}: $INSTALL"
log=$(mktemp "${TMPDIR:-/tmp}/ensure-browser.XXXXXX.log")
if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-cjk; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "Installing the browser failed (log above, also in $log)." >&2
    exit 1
fi
if ! have_chromium || ! have_cjk_font; then
    cat "$log" >&2
    echo "apt-get succeeded but $CHROMIUM or a Japanese font is still missing." >&2
    exit 1
fi
rm -f "$log"
