#!/usr/bin/env bash
# The edit loop, timed: `scripts/bench.sh serve [N]` starts `scripts/serve.sh` on BENCH_PORT
# (default 8191), opens the article in Chromium and, N times each (default 10), saves
# content/chef-projet-digital.md with a paragraph added, then with its title changed, and
# reports the median time from the save to the first paint of the reloaded page that shows it
# (scripts/bench/edit-loop.mjs). The file is restored after each edit, and on exit whatever
# happens. Logs: target/bench/serve.log; figures: target/bench/serve.json.
# shellcheck source=scripts/bench/lib.sh
source "$(dirname "$0")/lib.sh"

edits=${1:-10}
port=${BENCH_PORT:-8191}
file=content/chef-projet-digital.md
require node playwright chromium
mkdir -p target/bench
cp $file target/bench/serve-original.md
trap 'cp target/bench/serve-original.md $file; kill "${serve:-}" 2>/dev/null; wait 2>/dev/null' EXIT
PORT=$port bash scripts/serve.sh > target/bench/serve.log 2>&1 & serve=$!
url=http://127.0.0.1:$port/chef-projet-digital
# The first build (minutes on a cold checkout): until Trunk has written the page.
for _ in $(seq 1 1800); do curl -fsS "$url" 2>/dev/null | grep -q 'id="structure"' && break; sleep 1; done
curl -fsS "$url" 2>/dev/null | grep -q 'id="structure"' || die "no page after 30 minutes (log: target/bench/serve.log)"
log "timing $edits edits of each kind"
node scripts/bench/edit-loop.mjs "$url" $file "$edits" target/bench/serve.json
