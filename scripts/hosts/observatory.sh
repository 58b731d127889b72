#!/usr/bin/env bash
# Grades a built site with Mozilla's HTTP Observatory, run here against Cloudflare's own engine
# over HTTPS, so the grade is that of the headers the site's _headers really gives:
#   scripts/hosts/observatory.sh [PORT] [DIR]      (PORT 8443, DIR dist by default)
# Prints the grade, the score and each failed test; exits non-zero unless the grade is A+.
# The Observatory only checks `/`. It is installed on first use into target/tools/observatory,
# not into the repo's node_modules: the tests do not need its 132 MB.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${1:-8443}
dir=${2:-dist}
if ! [[ $port =~ ^[0-9]+$ ]] || [ ! -d "$dir" ]; then echo "usage: $0 [PORT] [DIR]" >&2; exit 2; fi

tool=target/tools/observatory
pkg=$tool/node_modules/@mdn/mdn-http-observatory
if ! grep -q '"version": "1.4.8"' "$pkg/package.json" 2>/dev/null; then
  echo "observatory: npm install @mdn/mdn-http-observatory@1.4.8 into $tool"
  mkdir -p "$tool"
  echo '{"private": true}' > "$tool/package.json"
  # Its postinstall downloads a CA bundle and the HSTS preload list from outside npm: skipped.
  npm install --prefix "$tool" --ignore-scripts --no-audit --no-fund --loglevel=error \
    @mdn/mdn-http-observatory@1.4.8
fi
# What that postinstall would have written: an empty preload list (no site here is preloaded).
[ -s "$pkg/conf/hsts-preload.json" ] || echo '{}' > "$pkg/conf/hsts-preload.json"

log=$(mktemp)
# Its own session, so that the whole group (wrangler and its workerd) is stopped at the end.
HTTPS=1 setsid scripts/hosts/serve.sh cloudflare "$port" "$dir" >"$log" 2>&1 &
server=$!
stop() {
  kill -TERM -- "-$server" 2>/dev/null || return 0
  for _ in $(seq 30); do kill -0 -- "-$server" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL -- "-$server" 2>/dev/null || true
}
trap 'stop; rm -f "$log"' EXIT

cert=target/hosts/cloudflare-$port/cert.pem
for _ in $(seq 300); do
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; echo "observatory: the server stopped" >&2; exit 1; }
  [ -s "$cert" ] && curl -sf -o /dev/null --cacert "$cert" "https://127.0.0.1:$port/" && break
  sleep 0.1
done
curl -sf -o /dev/null --cacert "$cert" "https://127.0.0.1:$port/" \
  || { cat "$log" >&2; echo "observatory: no answer on https://127.0.0.1:$port/ within 30 s" >&2; exit 1; }

# src/scan.js, not the bin wrapper: the wrapper replaces NODE_EXTRA_CA_CERTS with its own bundle.
# It takes a host, not a URL.
result=$(NODE_EXTRA_CA_CERTS="$PWD/$cert" ABORT_TIMEOUT=3000 CLIENT_TIMEOUT=2500 \
  node "$pkg/src/scan.js" "127.0.0.1:$port")
# shellcheck disable=SC2016 # JavaScript, not shell, in the quotes.
RESULT=$result DIR=$dir node --input-type=module -e '
const { scan, tests, error } = JSON.parse(process.env.RESULT);
if (error || scan?.error) {
  console.log(`observatory: scan failed: ${error ?? scan.error}`);
  process.exit(1);
}
console.log(`observatory: ${process.env.DIR} served by wrangler over HTTPS: grade ${scan.grade}, score ${scan.score} (${scan.testsPassed}/${scan.testsQuantity} tests passed)`);
for (const [name, test] of Object.entries(tests)) {
  if (!test.pass) console.log(`  failed: ${name}: ${test.result} (${test.scoreModifier})`);
}
process.exit(scan.grade === "A+" ? 0 : 1);
'
