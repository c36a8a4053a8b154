#!/usr/bin/env bash
# Make sure the serving stack can run (make serve, the deploy tests, make bench-deploy): Debian's nginx with
# the Brotli modules, and HAProxy. Missing and root: install them quietly (the apt log is shown only on
# failure). Missing and not root: exit 1 with the command to run.
set -euo pipefail

PACKAGES="nginx libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static haproxy"
INSTALL="apt-get update && apt-get install -y $PACKAGES"
NEEDED=(/usr/sbin/nginx /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so
        /usr/lib/nginx/modules/ngx_http_brotli_static_module.so /usr/sbin/haproxy)

missing=()
for f in "${NEEDED[@]}"; do [ -e "$f" ] || missing+=("$f"); done
[ ${#missing[@]} -eq 0 ] && exit 0

what=$(printf '%s, ' "${missing[@]}")
what=${what%, }
if [ "$(id -u)" -ne 0 ]; then
    echo "The serving stack needs ${what}. Install them as root:" >&2
    echo "    $INSTALL" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "The serving stack needs ${what}, and apt-get is not available here. On Debian/Ubuntu:" >&2
    echo "    $INSTALL" >&2
    exit 1
fi

echo "Installing ${what}: $INSTALL"
log=$(mktemp "${TMPDIR:-/tmp}/ensure-proxy.XXXXXX.log")
if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $PACKAGES; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "Installing the serving stack failed (log above, also in $log)." >&2
    exit 1
fi
for f in "${NEEDED[@]}"; do
    if [ ! -e "$f" ]; then
        cat "$log" >&2
        echo "apt-get succeeded but $f is still missing." >&2
        exit 1
    fi
done
rm -f "$log"
