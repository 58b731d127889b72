#!/usr/bin/env bash
# Builds the site and serves it on http://127.0.0.1:8080/ (PORT to change) with live reload.
#
# `trunk serve` rebuilds on every change (the post_build hook prerenders the pages, so what is
# served is what dist/ will hold) and reloads the page. It builds in the development profile:
# a release build spends 10 s in wasm-opt on every save, and a saved Markdown file must show
# within 3 s; `scripts/serve.sh --release` serves a release build.
# `trunk serve` has no way to answer an unknown path with the site's 404.html, so nginx stands
# in front of it, as a static host would:
# requests, and the live-reload websocket, go through to Trunk; a 404 gets « page introuvable ».
# `--drafts` builds the posts of `_drafts/` too; other arguments go to `trunk serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
for arg in "$@"; do
  case $arg in
    --drafts) export CPD_DRAFTS=1 ;;
    *) args+=("$arg") ;;
  esac
done
bash scripts/setup.sh
port=${PORT:-8080}
trunk_port=${TRUNK_PORT:-$((port + 1000))}
run=$(mktemp -d)
source scripts/nginx-conf.sh
cat > "$run/proxy.conf" <<CONF
map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
server {
    listen 127.0.0.1:$port;
    location / {
        proxy_pass http://127.0.0.1:$trunk_port;
        proxy_http_version 1.1;
        proxy_set_header Host \$host;
        proxy_set_header Upgrade \$http_upgrade;
        proxy_set_header Connection \$connection_upgrade;
        proxy_read_timeout 1d;
        # Trunk serves files only: a page's address (/a for a.html) is tried as its file next,
        # as hosts do; what is still unknown gets the site's own 404 page, not Trunk's empty one.
        proxy_intercept_errors on;
        recursive_error_pages on;
        error_page 404 = @page;
    }
    location @page {
        rewrite ^ \$uri.html break;
        proxy_pass http://127.0.0.1:$trunk_port;
        proxy_intercept_errors on;
        error_page 404 /404.html;
    }
}
CONF
nginx_conf "$run" "$run/proxy.conf"
trunk serve --offline --address 127.0.0.1 --port "$trunk_port" "${args[@]}" &
trunk=$!
trap 'kill "$trunk" 2>/dev/null; kill "$(cat "$run/nginx.pid" 2>/dev/null)" 2>/dev/null; wait' EXIT INT TERM
echo "serving on http://127.0.0.1:$port/ (Trunk on $trunk_port)"
/usr/sbin/nginx -c "$run/nginx.conf" -e "$run/error.log" &
wait -n
