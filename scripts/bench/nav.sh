#!/usr/bin/env bash
# Page-to-page navigation, timed: `scripts/bench.sh nav [N]` builds the fixture site
# (tests/fixtures/site, release) into target/bench/fixture, serves it with nginx on BENCH_PORT
# (default 8191) and times N (default 10) navigations (a site-menu click, a plain navigation),
# with and without the service worker (scripts/bench/page-nav.mjs): target/bench/page-nav.json;
# then with a real pointer, which Chromium prerenders (scripts/bench/nav-real.sh), with the
# speculation rules and without: target/bench/nav-real.json, target/bench/nav-real-without.json.
# CHROMIUM: the browser (default /usr/bin/chromium).
# shellcheck source=scripts/bench/lib.sh
source "$(dirname "$0")/lib.sh"

runs=${1:-10}
port=${BENCH_PORT:-8191}
site=target/bench/fixture
require trunk nginx curl node playwright chromium
rm -rf $site && mkdir -p $site
log "building the fixture site: CONTENT_DIR=tests/fixtures/site trunk build --release --offline --dist $site"
logged target/bench/build-fixture.log "the fixture site's build" \
  env CONTENT_DIR=tests/fixtures/site trunk build --release --offline --dist $site
bash scripts/serve-dist.sh "$port" $site > target/bench/nginx-fixture.log 2>&1 & server=$!
trap 'kill "$server" 2>/dev/null' EXIT
server_log=target/bench/nginx-fixture.log
wait_url "http://127.0.0.1:$port/"
node scripts/bench/page-nav.mjs "http://127.0.0.1:$port" "$runs" target/bench/page-nav.json
# The same navigation with a real pointer, which Chromium prerenders (scripts/bench/nav-real.sh),
# with the speculation rules and without.
log "with a real pointer (Xvfb, xdotool): with the speculation rules"
bash scripts/bench/nav-real.sh "$runs" target/bench/nav-real.json
log "with a real pointer: without them"
BENCH_NO_SPECULATION=1 bash scripts/bench/nav-real.sh "$runs" target/bench/nav-real-without.json
