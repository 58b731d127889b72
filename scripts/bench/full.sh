#!/usr/bin/env bash
# The benchmark: our article against the framework's floor and against plain HTML, built and
# served side by side on this machine, in one run. Usage: scripts/bench.sh [RUNS]  (default 5;
# medians over RUNS). Needs what scripts/setup.sh installs. See BENCHMARKS.md.
#   (a) app    — this repo, `trunk build --release --offline` (prerendered HTML, islands
#                hydrated); Lighthouse loads both its `/` and its /chef-projet-digital.html;
#   (b) floor  — bench/floor/: the smallest Leptos 0.8 client-side app with router and meta,
#                same release profile, same pinned tools, same stylesheet;
#   (c) static — (a)'s prerendered page without any script or preload (as scripts/lighthouse.sh).
# All three are precompressed by the build's own compressor and served by nginx with the shipped
# server block (scripts/serve-dist.sh).
# Everything is written under target/bench/ (dists, the article's model in app-data/, raw
# Lighthouse reports and their traces' main-thread tasks, measure.json, summary.json,
# report.md); dist/ is never touched.
# Environment: BENCH_PORT (first of three ports, default 8191), BENCH_CLICKS (default 50),
# BENCH_LOADS (cold loads timed for time to interactive, default RUNS),
# BENCH_SKIP_BUILD=1 (reuse target/bench/{app,floor} from a previous run, or any release dist/
# copied to target/bench/app), CHROMIUM (default /usr/bin/chromium).
# shellcheck source=scripts/bench/lib.sh
source "$(dirname "$0")/lib.sh"

runs=${1:-5}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/bench.sh [RUNS]   (RUNS: a positive integer)" >&2; exit 2; }
clicks=${BENCH_CLICKS:-50}
loads=${BENCH_LOADS:-$runs}
port=${BENCH_PORT:-8191}
out=target/bench
chromium=${CHROMIUM:-/usr/bin/chromium}
started=$(date +%s)

# ---- tools: fail early and say how to get them ------------------------------------------------
require cargo trunk wasm-bindgen wasm-opt wasm32 gzip nginx curl node playwright lighthouse chromium

# ---- (a) and (b): release builds, one after the other (two builds at once only thrash) -------
if [ "${BENCH_SKIP_BUILD:-}" = 1 ] && [ -f $out/app/chef-projet-digital.html ] && [ -f $out/floor/index.html ]; then
  log "BENCH_SKIP_BUILD=1: reusing $out/app and $out/floor"
else
  mkdir -p $out
  log "building (a) the article: CPD_TEST_DATA=\$PWD/$app_data trunk build --release --offline --dist $app_dist"
  t=$(date +%s)
  build_app
  log "  done in $(( $(date +%s) - t )) s"

  log "building (b) the floor: bench/floor, trunk build --release --offline --locked"
  t=$(date +%s)
  # Its own target dir under the root target/, so nothing is written inside bench/.
  build_floor() (
    cd bench/floor && CARGO_TARGET_DIR="$root/$out/floor-target" \
      trunk build --release --offline --locked --dist "$root/$out/floor"
  )
  logged $out/build-floor.log "the floor's build" build_floor
  log "  done in $(( $(date +%s) - t )) s"
fi
[ -f $out/app/chef-projet-digital.html ] || die "$out/app has no prerendered page"
# A reused dist may come from `trunk serve`, whose live-reload script (a socket that fails here,
# an error in the console, more HTML) is no part of a release.
if grep -q 'well-known/trunk/ws' $out/app/*.html; then
  die "$out/app holds trunk serve's live reload: not a release build (trunk build --release)"
fi
# A dist copied here by hand came without its model: its contents are not checked then.
model=$app_model
if ! app_model_fits; then
  model=
  log "no article model for $out/app in $app_data/ (a dist copied by hand?): the contents are not checked against it"
fi
# Every time, not only after a build: a floor built by hand has no .br/.gz yet.
rm -f $out/floor/nginx-site.conf*
precompress $out/floor

# ---- (c): the static twin of (a)'s page --------------------------------------------------------
rm -rf $out/static && mkdir -p $out/static
# Every asset but scripts, wasm, pages and the article's server config, so whatever the page
# links (stylesheet, icons, manifest) is there too.
cp -r $out/app/. $out/static/
find $out/static -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.html' -o -name '*.br' -o -name '*.gz' \
  -o -name nginx-site.conf -o -name _headers \) -delete
node scripts/bench/static-twin.mjs $out/app/chef-projet-digital.html $out/static/chef-projet-digital.html
precompress $out/static

# ---- how (b) and (c) are served ---------------------------------------------------------------
# The same serving for all three: (b) and (c) get the article's own nginx-site.conf (media types,
# precompressed files, cache and security headers) less its Content-Security-Policy, whose
# hashes are the article's inline scripts, not theirs.
site_conf=$out/app/nginx-site.conf
[ -f $site_conf ] || die "$out/app has no nginx-site.conf (the build writes it)"
for dir in $out/floor $out/static; do
  grep -v 'Content-Security-Policy' $site_conf > "$dir/nginx-site.conf"
done

# ---- serve all three with the shipped nginx server block --------------------------------------
app_port=$port floor_port=$((port + 1)) static_port=$((port + 2))
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
for site in app:$app_port floor:$floor_port static:$static_port; do
  name=${site%%:*} p=${site##*:}
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    die "port $p is already in use (set BENCH_PORT to another first port)"
  fi
  bash scripts/serve-dist.sh "$p" "$out/$name" > "$out/nginx-$name.log" 2>&1 & pids+=($!)
done
server_log="$out/nginx-*.log"
app_root_url=http://127.0.0.1:$app_port/
app_url=http://127.0.0.1:$app_port/chef-projet-digital.html
floor_url=http://127.0.0.1:$floor_port/
static_url=http://127.0.0.1:$static_port/chef-projet-digital.html
wait_url "$app_root_url" "$app_url" "$floor_url" "$static_url"
# A wrong media type fails quietly (an unstyled page, a floor that never starts): each site's
# stylesheet, glue and wasm must go out with their type and as brotli.
served() { # NAME PORT GLOB TYPE
  local file headers
  file=$(cd "$out/$1" && find . -maxdepth 1 -name "$3" ! -name '*.br' ! -name '*.gz' | head -n 1)
  [ -n "$file" ] || die "$out/$1 has no $3"
  headers=$(curl -fsS -o /dev/null -D - -H 'Accept-Encoding: br' "http://127.0.0.1:$2/${file#./}" | tr -d '\r' || true)
  if ! grep -qi "^content-type: $4" <<<"$headers" || ! grep -qi '^content-encoding: br' <<<"$headers"; then
    die "$(printf '%s/%s is not served as %s with brotli:\n%s' "$1" "${file#./}" "$4" "$headers")"
  fi
}
for site in app:$app_port floor:$floor_port static:$static_port; do
  served "${site%%:*}" "${site##*:}" '*.css' text/css
done
for site in app:$app_port floor:$floor_port; do
  served "${site%%:*}" "${site##*:}" '*_bg.wasm' application/wasm
  served "${site%%:*}" "${site##*:}" '*[0-9a-f].js' text/javascript  # the glue, not sw.js
done

# What report.mjs and measure.mjs read: the three sites, the Lighthouse targets, this machine.
cat > $out/config.json <<JSON
{
  "runs": $runs,
  "loads": $loads,
  "clicks": $clicks,
  "machine": {
    "date": "$(date -u +%Y-%m-%dT%H:%MZ)",
    "cpus": $(nproc),
    "memory": "$(free -g | awk '/^Mem:/{print $2 " GiB"}')",
    "chromium": "$("$chromium" --version 2>/dev/null | head -1)",
    "load": "$(cut -d' ' -f1-3 /proc/loadavg)",
    "commit": "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' + uncommitted changes')"
  },
  "sites": [
    { "name": "app", "label": "(a) app", "url": "$app_url", "dir": "$out/app", "interactive": true, "nav": true,
      "model": "$model" },
    { "name": "floor", "label": "(b) floor", "url": "$floor_url", "dir": "$out/floor", "interactive": true, "nav": false },
    { "name": "static", "label": "(c) static", "url": "$static_url", "dir": "$out/static", "interactive": false, "nav": false }
  ],
  "lighthouse": [
    { "name": "app-root", "site": "app", "label": "(a) app /", "url": "$app_root_url" },
    { "name": "app", "site": "app", "label": "(a) app /chef-projet-digital.html", "url": "$app_url" },
    { "name": "floor", "site": "floor", "label": "(b) floor", "url": "$floor_url" },
    { "name": "static", "site": "static", "label": "(c) static", "url": "$static_url" }
  ]
}
JSON

# ---- Lighthouse: the same flags as scripts/lighthouse.sh, runs interleaved so drift in the
# machine's load spreads over all four targets ---------------------------------------------------
rm -rf $out/lighthouse && mkdir -p $out/lighthouse
flags="--headless=new $(tr '\n' ' ' < scripts/chromium-flags.txt)"
for i in $(seq 1 "$runs"); do
  for site in app-root:$app_root_url app:$app_url floor:$floor_url static:$static_url; do
    name=${site%%:*} url=${site#*:}
    log "lighthouse $name, run $i/$runs"
    # --save-assets: the trace, for the main thread's real tasks (the report holds only the
    # simulated ones).
    CHROME_PATH=$chromium npx --no-install lighthouse "$url" \
      --quiet --chrome-flags="$flags" --form-factor=mobile \
      --only-categories=performance,accessibility,best-practices,seo \
      --output=json --output-path="$out/lighthouse/$name-$i.json" --save-assets >/dev/null 2>&1 ||
      echo "bench: lighthouse failed for $name run $i" >&2
    trace=$out/lighthouse/$name-$i-0.trace.json
    if [ -f "$trace" ]; then
      node scripts/bench/tasks.mjs "$trace" "$out/lighthouse/$name-$i.tasks.json" ||
        echo "bench: no main-thread tasks read from the trace of $name run $i" >&2
      # Kept for a closer look (DevTools opens it), at a tenth of the size.
      gzip -f "$trace"
    fi
    rm -f "$out/lighthouse/$name-$i-0.devtoolslog.json"
  done
done

# ---- Playwright: transfer, islands, time to interactive, section navigation --------------------
# Still up after minutes of Lighthouse: a server stopped from outside (a stray pkill nginx) would
# otherwise surface as a bare connection error inside Playwright.
wait_url "$app_url" "$floor_url" "$static_url"
log "playwright: transfer, time to interactive ($loads loads each), navigation ($clicks clicks)"
CHROMIUM=$chromium node scripts/bench/measure.mjs $out/config.json $out/measure.json

# ---- the tables ------------------------------------------------------------------------------
node scripts/bench/report.mjs $out
log "report: $out/report.md; raw: $out/measure.json, $out/summary.json, $out/lighthouse/"
log "total time: $(( $(date +%s) - started )) s"
