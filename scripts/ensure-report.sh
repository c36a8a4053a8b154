#!/usr/bin/env bash
# Make sure reports can be built: the Japanese font the PDF embeds (IPAex Gothic, TrueType) and the
# fallback font for the few characters it lacks (DejaVu Sans). With --render also the tools that turn
# reports into PNGs (pdftoppm from poppler-utils; LibreOffice Impress for the .pptx).
# Missing and root: install them quietly (the apt log is shown only on failure).
# Missing and not root: exit 1 with the command to run.
set -euo pipefail

packages=()
[ -f /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf ] || [ -f /usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf ] \
    || packages+=(fonts-ipaexfont-gothic)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || packages+=(fonts-dejavu-core)
if [ "${1:-}" = "--render" ]; then
    command -v pdftoppm >/dev/null 2>&1 || packages+=(poppler-utils)
    command -v soffice >/dev/null 2>&1 || packages+=(libreoffice-impress-nogui)
fi
[ ${#packages[@]} -eq 0 ] && exit 0

INSTALL="apt-get update && apt-get install -y --no-install-recommends ${packages[*]}"
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "Reports need ${packages[*]}. Install them as root (Debian/Ubuntu):" >&2
    echo "    $INSTALL" >&2
    exit 1
fi
echo "Installing ${packages[*]}: $INSTALL"
log=$(mktemp "${TMPDIR:-/tmp}/ensure-report.XXXXXX.log")
if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "Installing ${packages[*]} failed (log above, also in $log)." >&2
    exit 1
fi
rm -f "$log"
