#!/usr/bin/env bash
# The fixture site on two hosts, side by side: `scripts/bench.sh hosts [N]` builds it (release,
# at the root) into target/bench/fixture, serves it with nginx and the shipped configuration on
# BENCH_PORT (default 8191) and with Cloudflare's own engine (`wrangler pages dev`) one port up,
# then, in ROUNDS (3) interleaved rounds, times N (default 5) first visits (first-load.mjs) and
# N page-to-page navigations (page-nav.mjs) on each: target/bench/hosts/HOST-ROUND-*.json.
# CHROMIUM: the browser (default /usr/bin/chromium).
# shellcheck source=scripts/bench/lib.sh
source "$(dirname "$0")/lib.sh"

runs=${1:-5}
rounds=${ROUNDS:-3}
port=${BENCH_PORT:-8191}
site=target/bench/fixture
out=target/bench/hosts
require trunk nginx curl node playwright chromium
rm -rf $site $out && mkdir -p $site $out
log "building the fixture site: CONTENT_DIR=tests/fixtures/site trunk build --release --offline --dist $site"
logged target/bench/build-fixture.log "the fixture site's build" \
  env CONTENT_DIR=tests/fixtures/site trunk build --release --offline --dist $site
bash scripts/serve-dist.sh "$port" $site > $out/nginx.log 2>&1 & nginx=$!
setsid bash scripts/hosts/serve.sh cloudflare $((port + 1)) $site > $out/wrangler.log 2>&1 & wrangler=$!
trap 'kill "$nginx" 2>/dev/null; kill -- -"$wrangler" 2>/dev/null' EXIT
server_log=$out/wrangler.log
wait_url "http://127.0.0.1:$port/"
# wrangler starts workerd: seconds, not the 5 wait_url gives.
for _ in $(seq 1 60); do curl -fsS -o /dev/null "http://127.0.0.1:$((port + 1))/" 2>/dev/null && break; sleep 1; done
wait_url "http://127.0.0.1:$((port + 1))/"
for round in $(seq "$rounds"); do
  for host in nginx cloudflare; do
    url=http://127.0.0.1:$port
    [ $host = nginx ] || url=http://127.0.0.1:$((port + 1))
    log "round $round, $host: $runs first visits, $runs page-to-page navigations"
    node scripts/bench/first-load.mjs "$url" "$runs" "$out/$host-$round-first.json" > /dev/null
    node scripts/bench/page-nav.mjs "$url" "$runs" "$out/$host-$round-nav.json" > /dev/null
  done
done
# shellcheck disable=SC2016 # JavaScript, not shell: nothing to expand.
node --input-type=module -e '
import fs from "node:fs";
import { median as medianOf } from "./scripts/bench/stats.mjs";
const [dir, rounds] = process.argv.slice(1);
// Of an even count of rounds, the upper middle one: a figure one round gave.
const median = (xs) => medianOf(xs, { observed: true });
const rows = [];
for (const host of ["nginx", "cloudflare"]) {
  const read = (kind) => [...Array(Number(rounds)).keys()].map((r) => JSON.parse(fs.readFileSync(`${dir}/${host}-${r + 1}-${kind}.json`)));
  const first = read("first"), nav = read("nav");
  const m = (xs, key) => median(xs.map((x) => x[key]));
  const n = (mode, key) => median(nav.map((x) => x[mode][key]));
  rows.push(`| ${host} | ${m(first, "time to first byte, ms (median)")} | ${m(first, "first contentful paint, ms (median)")} | ${m(first, "islands hydrated, ms (median)")} | ${m(first, "bytes on the wire (median)")} | ${first[0]["files compressed / loaded"]} | ${n("HTTP cache only", "click → page painted, ms (median)")} | ${n("HTTP cache only", "click → islands hydrated, ms (median)")} | ${n("service worker", "click → page painted, ms (median)")} |`);
}
console.log("| host | TTFB ms | FCP ms | hydrated ms | bytes | compressed/files | click → painted ms | click → hydrated ms | click → painted ms (worker) |");
console.log("|---|---:|---:|---:|---:|---|---:|---:|---:|");
console.log(rows.join("\n"));
' "$out" "$rounds" | tee $out/report.md
