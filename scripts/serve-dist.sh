#!/usr/bin/env bash
# Serves a built site with Debian's nginx and the shipped server block (hosting/nginx.conf),
# which includes the nginx-site.conf the build wrote: scripts/serve-dist.sh [PORT] [DIR]
# DIR is the folder served at / (a sub-path build lives in a sub-folder of it). A folder without
# a nginx-site.conf is served as plain files, with Debian's media types and the precompressed
# twins, but none of the site's headers.
# Runs in the foreground; the tests start it in the background and stop it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-8081}
root=$(realpath "${2:-dist}")
run=$(mktemp -d)
site=$(find "$root" -maxdepth 2 -name nginx-site.conf | head -n 1)
if [ -z "$site" ]; then
  site="$run/plain.conf"
  printf '%s\n' "include /etc/nginx/mime.types;" "index index.html;" "brotli_static on;" "gzip_static on;" > "$site"
fi
# The shipped block, listening on loopback at PORT, for ROOT and its own nginx-site.conf.
sed -e "s|^\(\s*\)listen 80;|\1listen 127.0.0.1:$port;|" -e '/listen \[::\]:80;/d' \
  -e "s|root /var/www/chef-projet-digital;|root $root;|" \
  -e "s|include /var/www/chef-projet-digital/nginx-site.conf;|include $site;|" \
  hosting/nginx.conf > "$run/site.conf"
grep -q "listen 127.0.0.1:$port;" "$run/site.conf" && grep -q "include $site;" "$run/site.conf" \
  || { echo "hosting/nginx.conf is not of the expected shape" >&2; exit 1; }
source scripts/nginx-conf.sh
nginx_conf "$run" "$run/site.conf" /usr/lib/nginx/modules/ngx_http_brotli_static_module.so
echo "serving $root on http://127.0.0.1:$port/"
exec /usr/sbin/nginx -c "$run/nginx.conf" -e "$run/error.log"
