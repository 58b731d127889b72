#!/usr/bin/env bash
# Serves dist/ with Debian's nginx and the shipped server block: scripts/serve-dist.sh [PORT] [DIR]
# Runs in the foreground; the tests start it in the background and stop it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-8081}
root=$(realpath "${2:-dist}")
run=$(mktemp -d)
# The build's own policy, from the _headers file it generated beside the pages (in DIR, or in
# its sub-path folder). A directory without one (the benchmark's static page and framework
# floor) is served without these two headers (nginx drops an empty add_header).
headers=$(find "$root" -maxdepth 2 -name _headers | head -n 1)
header() { [ -n "$headers" ] && sed -n "s/^  $1: //p" "$headers" | head -n 1; }
csp=$(header Content-Security-Policy || true)
permissions=$(header Permissions-Policy || true)
sed -e "s|__PORT__|$port|" -e "s|__ROOT__|$root|" -e "s|__CSP__|$csp|" -e "s|__PERMISSIONS__|$permissions|" \
  hosting/nginx.conf > "$run/site.conf"
module=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
cat > "$run/nginx.conf" <<CONF
load_module $module;
worker_processes 1;
$( [ "$(id -u)" = 0 ] && echo "user root;" )
daemon off;
pid $run/nginx.pid;
error_log $run/error.log warn;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $run/body;
    proxy_temp_path $run/proxy;
    fastcgi_temp_path $run/fastcgi;
    uwsgi_temp_path $run/uwsgi;
    scgi_temp_path $run/scgi;
    include $run/site.conf;
}
CONF
echo "serving $root on http://127.0.0.1:$port/"
exec /usr/sbin/nginx -c "$run/nginx.conf" -e "$run/error.log"
