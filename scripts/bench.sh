#!/usr/bin/env bash
# The benchmark: our article against the framework's floor and against plain HTML, built and
# served side by side on this machine, in one run. Usage: scripts/bench.sh [RUNS]  (default 5;
# medians over RUNS). Needs what scripts/setup.sh installs. See BENCHMARKS.md.
# `scripts/bench.sh pages [N…]` times only the build step that renders pages (the Trunk hook,
# as `trunk build` runs it, after the wasm) on generated sites of N pages (default 10 100 1000):
# seconds and peak memory, written to target/bench/pages.md.
# `scripts/bench.sh nav [N]` times N page-to-page navigations on the fixture site (a site-menu
# click, a plain navigation), with and without the service worker: target/bench/page-nav.json.
# `scripts/bench.sh serve [N]` times, N times (default 5), how long after saving a Markdown file
# `scripts/serve.sh` serves the changed page (a sentence appended to the article, then removed).
#   (a) app    — this repo, `trunk build --release --offline` (prerendered HTML, islands
#                hydrated); Lighthouse loads both its `/` and its /chef-projet-digital.html;
#   (b) floor  — bench/floor/: the smallest Leptos 0.8 client-side app with router and meta,
#                same release profile, same pinned tools, same stylesheet;
#   (c) static — (a)'s prerendered page without any script or preload (as scripts/lighthouse.sh).
# Everything is written under target/bench/ (dists, raw Lighthouse reports and their traces'
# main-thread tasks, measure.json, summary.json, report.md); dist/ is never touched.
# Environment: BENCH_PORT (first of three ports, default 8191), BENCH_CLICKS (default 50),
# BENCH_LOADS (cold loads timed for time to interactive, default RUNS),
# BENCH_SKIP_BUILD=1 (reuse target/bench/{app,floor} from a previous run, or any release dist/
# copied to target/bench/app).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

if [ "${1:-}" = pages ]; then
  shift
  sizes=${*:-10 100 1000}
  mkdir -p target/bench
  # The hook's binary, in the profile the hook runs it in, and the generator of tests/scale.rs.
  cargo build --quiet --locked --features ssr --bin prerender
  # A release build's assets: the benchmark's own build of the article (built here if missing).
  if ! ls target/bench/app/*_bg.wasm > /dev/null 2>&1; then
    trunk build --release --offline --dist target/bench/app > target/bench/build-app.log 2>&1
  fi
  wasm=$(ls target/bench/app/*_bg.wasm | head -n 1)
  glue=${wasm%_bg.wasm}.js
  css=$(ls target/bench/app/main-*.css | head -n 1)
  report=target/bench/pages.md
  printf '| pages | render step, s | peak memory, MiB | s per 1,000 pages |\n|---:|---:|---:|---:|\n' > $report
  for n in $sizes; do
    site=target/bench/pages-$n
    SCALE_PAGES=$n SCALE_DIR=$root/$site/content cargo test --quiet --locked --features ssr \
      --test scale -- --ignored --exact write_bench_site > /dev/null
    # Trunk's staging directory as the hook finds it in a release build: the template of
    # tests/fixtures/trunk-index.html, with this build's real glue, wasm and stylesheet under the
    # names it links (so the glue's minification and the wasm's compression are timed too).
    rm -rf $site/dist && mkdir -p $site/dist
    cp tests/fixtures/trunk-index.html $site/dist/index.html
    cp "$glue" $site/dist/x-0123456789abcdef.js
    cp "$wasm" $site/dist/x-0123456789abcdef_bg.wasm
    cp "$css" $site/dist/main-bde87ab9c381b77e.css
    /usr/bin/time -f '%e %M' -o $site/time.txt env TRUNK_STAGING_DIR=$site/dist TRUNK_PUBLIC_URL=/ \
      TRUNK_PROFILE=release \
      CONTENT_DIR=$site/content target/debug/prerender 2> $site/prerender.log
    read -r secs kib < $site/time.txt
    printf '| %s | %s | %s | %s |\n' "$n" "$secs" "$(( kib / 1024 ))" \
      "$(awk -v s="$secs" -v n="$n" 'BEGIN { printf "%.2f", s * 1000 / n }')" | tee -a $report
  done
  printf '\n(%s, %s cores, commit %s)\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$(git rev-parse --short HEAD)" >> $report
  exit 0
fi

if [ "${1:-}" = nav ]; then
  port=${BENCH_PORT:-8191}
  site=target/bench/fixture
  rm -rf $site && mkdir -p $site
  CONTENT_DIR=tests/fixtures/site trunk build --release --offline --dist $site > target/bench/build-fixture.log 2>&1
  bash scripts/serve-dist.sh "$port" $site > target/bench/nginx-fixture.log 2>&1 & server=$!
  trap 'kill "$server" 2>/dev/null' EXIT
  for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break; sleep 0.1; done
  node scripts/bench/page-nav.mjs "http://127.0.0.1:$port" "${2:-10}" target/bench/page-nav.json
  exit 0
fi

if [ "${1:-}" = serve ]; then
  tries=${2:-5}
  port=${BENCH_PORT:-8191}
  file=content/chef-projet-digital.md
  cp $file target/bench-serve-original.md
  trap 'cp target/bench-serve-original.md $file; kill "$serve" 2>/dev/null; wait 2>/dev/null' EXIT
  PORT=$port bash scripts/serve.sh > target/bench-serve.log 2>&1 & serve=$!
  url=http://127.0.0.1:$port/chef-projet-digital.html
  for _ in $(seq 1 900); do curl -fsS "$url" 2>/dev/null | grep -q 'id="structure"' && break; sleep 1; done
  sleep 3
  for i in $(seq 1 "$tries"); do
    mark="Phrase de mesure $i $RANDOM."
    start=$(date +%s.%N)
    printf '\n%s\n' "$mark" >> $file
    until curl -fsS "$url" 2>/dev/null | grep -q "$mark"; do sleep 0.05; done
    printf 'edit %s: %s s\n' "$i" "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')"
    cp target/bench-serve-original.md $file
    until ! curl -fsS "$url" 2>/dev/null | grep -q "$mark"; do sleep 0.1; done
    # Let the rebuild the restore started finish, so the next edit starts a build of its own.
    sleep 5
  done
  exit 0
fi

runs=${1:-5}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/bench.sh [RUNS]   (RUNS: a positive integer)" >&2; exit 2; }
clicks=${BENCH_CLICKS:-50}
loads=${BENCH_LOADS:-$runs}
port=${BENCH_PORT:-8191}
out=target/bench
chromium=${CHROMIUM:-/usr/bin/chromium}
started=$(date +%s)
log() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }

# ---- tools: fail early and say how to get them ------------------------------------------------
missing=()
command -v trunk >/dev/null || missing+=("trunk")
wasm-bindgen --version 2>/dev/null | grep -q ' 0\.2\.130' || missing+=("wasm-bindgen 0.2.130")
wasm-opt --version 2>/dev/null | grep -q 'version 132' || missing+=("wasm-opt (binaryen 132)")
command -v brotli >/dev/null || missing+=("brotli")
command -v gzip >/dev/null || missing+=("gzip")
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=("nginx")
[ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=("nginx brotli_static module")
command -v node >/dev/null || missing+=("node")
[ -d node_modules/@playwright/test ] || missing+=("node_modules/@playwright/test")
[ -x node_modules/.bin/lighthouse ] || missing+=("node_modules/.bin/lighthouse")
[ -x "$chromium" ] || missing+=("chromium ($chromium)")
rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown || missing+=("rust target wasm32-unknown-unknown")
if [ ${#missing[@]} -gt 0 ]; then
  printf 'bench: missing: %s\n' "${missing[@]}" >&2
  echo "bench: run \`bash scripts/setup.sh\` first (it installs all of them), then retry." >&2
  exit 1
fi

# Brotli and gzip beside every file, as the article's build hook does, so nginx's
# brotli_static / gzip_static serve them (-n: no file name in the gzip header, like the hook).
# Images are compressed already: left alone, as the hook leaves them.
precompress() {
  find "$1" -type f ! -name '*.br' ! -name '*.gz' ! -name '*.png' ! -name '*.jpg' ! -name '*.webp' \
    ! -name '*.avif' ! -name '*.woff2' -print0 |
    while IFS= read -r -d '' f; do brotli -q 11 -kf "$f"; gzip -9 -n -kf "$f"; done
}

# ---- (a) and (b): release builds, one after the other (two builds at once only thrash) -------
# The article's model (title, contents, sections) is not in its dist: the build writes it to
# target/site-model/, where any later build overwrites it; a copy stays beside the dist.
model=$out/app-model.json
if [ "${BENCH_SKIP_BUILD:-}" = 1 ] && [ -f $out/app/chef-projet-digital.html ] && [ -f $out/floor/index.html ]; then
  log "BENCH_SKIP_BUILD=1: reusing $out/app and $out/floor"
else
  mkdir -p $out
  log "building (a) the article: trunk build --release --offline --dist $out/app"
  t=$(date +%s)
  trunk build --release --offline --dist $out/app > $out/build-app.log 2>&1 ||
    { tail -30 $out/build-app.log >&2; echo "bench: the article's build failed (log: $out/build-app.log)" >&2; exit 1; }
  cp target/site-model/chef-projet-digital.json $model
  log "  done in $(( $(date +%s) - t )) s"

  log "building (b) the floor: bench/floor, trunk build --release --offline --locked"
  t=$(date +%s)
  # Its own target dir under the root target/, so nothing is written inside bench/.
  (cd bench/floor && CARGO_TARGET_DIR="$root/$out/floor-target" \
    trunk build --release --offline --locked --dist "$root/$out/floor") > $out/build-floor.log 2>&1 ||
    { tail -30 $out/build-floor.log >&2; echo "bench: the floor's build failed (log: $out/build-floor.log)" >&2; exit 1; }
  log "  done in $(( $(date +%s) - t )) s"
fi
[ -f $out/app/chef-projet-digital.html ] || { echo "bench: $out/app has no prerendered page" >&2; exit 1; }
# A reused dist may come from `trunk serve`, whose live-reload script (a socket that fails here,
# an error in the console, more HTML) is no part of a release.
if grep -q 'well-known/trunk/ws' $out/app/*.html; then
  echo "bench: $out/app holds trunk serve's live reload: not a release build (trunk build --release)" >&2; exit 1
fi
# A dist copied here by hand came without its model (the copy is newer than the model's): the
# last build's then.
[ $model -nt $out/app/chef-projet-digital.html ] || cp target/site-model/chef-projet-digital.json $model 2>/dev/null ||
  log "no article model in target/site-model/: the contents are not checked against it"
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
[ -f $site_conf ] || { echo "bench: $out/app has no nginx-site.conf (the build writes it)" >&2; exit 1; }
for dir in $out/floor $out/static; do
  grep -v 'Content-Security-Policy' $site_conf > $dir/nginx-site.conf
done

# ---- serve all three with the shipped nginx server block --------------------------------------
app_port=$port floor_port=$((port + 1)) static_port=$((port + 2))
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
for site in app:$app_port floor:$floor_port static:$static_port; do
  name=${site%%:*} p=${site##*:}
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "bench: port $p is already in use (set BENCH_PORT to another first port)" >&2; exit 1
  fi
  bash scripts/serve-dist.sh "$p" "$out/$name" > "$out/nginx-$name.log" 2>&1 & pids+=($!)
done
app_root_url=http://127.0.0.1:$app_port/
app_url=http://127.0.0.1:$app_port/chef-projet-digital.html
floor_url=http://127.0.0.1:$floor_port/
static_url=http://127.0.0.1:$static_port/chef-projet-digital.html
answers() {
  for url in "$@"; do
    for _ in $(seq 1 50); do curl -fsS -o /dev/null "$url" 2>/dev/null && continue 2; sleep 0.1; done
    echo "bench: no answer from $url (see $out/nginx-*.log)" >&2; exit 1
  done
}
answers $app_root_url $app_url $floor_url $static_url
# A wrong media type fails quietly (an unstyled page, a floor that never starts): each site's
# stylesheet, glue and wasm must go out with their type and as brotli.
served() { # NAME PORT GLOB TYPE
  local file headers
  file=$(cd "$out/$1" && find . -maxdepth 1 -name "$3" ! -name '*.br' ! -name '*.gz' | head -n 1)
  [ -n "$file" ] || { echo "bench: $out/$1 has no $3" >&2; exit 1; }
  headers=$(curl -fsS -o /dev/null -D - -H 'Accept-Encoding: br' "http://127.0.0.1:$2/${file#./}" | tr -d '\r' || true)
  grep -qi "^content-type: $4" <<<"$headers" && grep -qi '^content-encoding: br' <<<"$headers" ||
    { printf 'bench: %s/%s is not served as %s with brotli:\n%s\n' "$1" "${file#./}" "$4" "$headers" >&2; exit 1; }
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
answers $app_url $floor_url $static_url
log "playwright: transfer, time to interactive ($loads loads each), navigation ($clicks clicks)"
CHROMIUM=$chromium node scripts/bench/measure.mjs $out/config.json $out/measure.json

# ---- the tables ------------------------------------------------------------------------------
node scripts/bench/report.mjs $out
log "report: $out/report.md; raw: $out/measure.json, $out/summary.json, $out/lighthouse/"
log "total time: $(( $(date +%s) - started )) s"
