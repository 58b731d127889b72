#!/usr/bin/env bash
# Serves a built site with one static host's own engine, so that tests see the addresses,
# headers and 404s that host gives, not a stand-in's:
#   scripts/hosts/serve.sh cloudflare|netlify|github PORT DIR
#   cloudflare  `wrangler pages dev` (Cloudflare's asset handler on workerd)
#   netlify     scripts/hosts/netlify.mjs (Netlify's own redirects, static and headers engines)
#   github      scripts/hosts/github-pages.mjs (GitHub Pages' documented behaviour; it has no
#               engine to run: no custom headers, `_headers` ignored)
# DIR is what would be uploaded, served on 127.0.0.1:PORT in the foreground: Playwright's
# webServer starts it and kills it. HTTPS=1 (cloudflare only) serves HTTPS with a self-signed
# certificate for 127.0.0.1 and localhost, written to target/hosts/HOST-PORT/cert.pem (give it to
# NODE_EXTRA_CA_CERTS or ignore HTTPS errors).
# A base-path build (DIR/essai/... with its _headers and _redirects in DIR/essai/) would not
# have them read: Cloudflare and Netlify read them at the upload root only. So when DIR has none
# at its root and exactly one sub-folder has them, a staging copy (hard links) whose root carries
# them is served instead, as a deploy of that build would upload it.
# Everything it writes (staging copy, wrangler's state and logs, certificate) is under
# target/hosts/HOST-PORT/, remade on each start: a killed server leaves nothing elsewhere.
set -euo pipefail

usage() { echo "usage: $0 cloudflare|netlify|github PORT DIR  (HTTPS=1 for cloudflare over HTTPS)" >&2; exit 2; }
[ $# -eq 3 ] || usage
host=$1 port=$2
case $host in cloudflare|netlify|github) ;; *) usage ;; esac
[[ $port =~ ^[0-9]+$ ]] || usage
[ -d "$3" ] || { echo "serve.sh: no folder $3" >&2; exit 2; }
dir=$(realpath "$3")
repo=$(realpath "$(dirname "$0")/../..")
work=$repo/target/hosts/$host-$port
rm -rf "$work"
https=${HTTPS:-0}
[ "$https" = 0 ] || [ "$host" = cloudflare ] || { echo "serve.sh: HTTPS=1 is for cloudflare only" >&2; exit 2; }

# The staging copy for a base-path build (not for GitHub Pages, which reads neither file).
serve=$dir
if [ "$host" != github ] && [ ! -e "$dir/_headers" ] && [ ! -e "$dir/_redirects" ]; then
  mapfile -t subs < <(find "$dir" -mindepth 2 -maxdepth 2 \( -name _headers -o -name _redirects \) -printf '%h\n' | sort -u)
  if [ ${#subs[@]} -eq 1 ]; then
    sub=${subs[0]#"$dir"/}
    serve=$work/stage
    mkdir -p "$work"
    # Hard links cost nothing; another file system gets a plain copy.
    cp -al "$dir" "$serve" 2>/dev/null || { rm -rf "$serve"; cp -a "$dir" "$serve"; }
    for f in _headers _redirects; do
      # Moved, not copied: a deploy would upload them once, at the root.
      if [ -e "$serve/$sub/$f" ]; then mv "$serve/$sub/$f" "$serve/$f"; fi
    done
    echo "serve.sh: $dir has its _headers/_redirects in $sub/: serving a staging copy with them at its root, $serve"
  fi
fi

case $host in
  cloudflare)
    mkdir -p "$work/tmp"
    proto=(--local-protocol http)
    scheme=http
    if [ "$https" != 0 ]; then
      openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=127.0.0.1 \
        -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
        -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
      proto=(--local-protocol https --https-key-path "$work/key.pem" --https-cert-path "$work/cert.pem")
      scheme=https
      echo "serve.sh: self-signed certificate $work/cert.pem"
    fi
    echo "serve.sh: wrangler pages dev $serve on $scheme://127.0.0.1:$port/"
    # Run from $work: wrangler writes .wrangler/ into its working directory, miniflare into TMPDIR.
    # No metrics, no error-report prompt, no request.cf fetch from Cloudflare, no user config or
    # login read, no banner (its update check asks the registry: the version is pinned), fewer
    # colour codes in the logs (its warnings keep theirs). The compatibility date is required
    # (else it asks for one), and this workerd refuses dates after 2026-05-03. The inspector's
    # port follows the server's: wranglers started together would race for the default 9229.
    cd "$work"
    exec env WRANGLER_SEND_METRICS=false WRANGLER_SEND_ERROR_REPORTS=false WRANGLER_HIDE_BANNER=true \
      CLOUDFLARE_CF_FETCH_ENABLED=false FORCE_COLOR=0 TMPDIR="$work/tmp" WRANGLER_LOG_PATH="$work/logs" \
      XDG_CONFIG_HOME="$work/config" WRANGLER_REGISTRY_PATH="$work/registry" \
      "$repo/node_modules/.bin/wrangler" pages dev "$serve" --ip 127.0.0.1 --port "$port" \
      --compatibility-date=2026-05-01 --persist-to "$work/state" --inspector-port $((port + 20000)) \
      "${proto[@]}" </dev/null
    ;;
  netlify) exec node "$repo/scripts/hosts/netlify.mjs" "$port" "$serve" </dev/null ;;
  github) exec node "$repo/scripts/hosts/github-pages.mjs" "$port" "$serve" </dev/null ;;
esac
