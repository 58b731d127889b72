#!/usr/bin/env bash
# Page to page with a real pointer: Chromium prerenders nothing while DevTools drives it
# (`PrerenderingDisabledByDevTools`: Playwright, Puppeteer, any CDP client), so this part of
# `scripts/bench.sh nav` drives no browser. A headful Chromium on a virtual display (Xvfb) shows
# a copy of the fixture site (target/bench/fixture, built by nav.sh) served by nginx; xdotool
# moves the pointer onto the site menu's second link, rests HOVER_MS (300 ms) as a person does,
# and clicks. The copy's pages carry scripts/bench/nav-probe.js, which reports the click's time
# and the next page's first frame once shown as beacons, which the copy's nginx (the site's own
# server block, with a beacon log) writes down for this script.
#   nav-real.sh RUNS OUT.json     (BENCH_NO_SPECULATION=1: the same pages without their rules)
# shellcheck source=scripts/bench/lib.sh
source "$(dirname "$0")/lib.sh"

runs=${1:-10}
out=${2:-target/bench/nav-real.json}
port=$(( ${BENCH_PORT:-8191} + 3 ))
display=:${BENCH_DISPLAY:-77}
hover=0.3
site=target/bench/nav-real
require Xvfb xdotool nginx node chromium
[ -f target/bench/fixture/index.html ] || die "no target/bench/fixture: run \`bash scripts/bench.sh nav\`"

# The copy, each page loading the probe (a script file: the site's policy lets 'self' run).
rm -rf $site && mkdir -p $site && cp -r target/bench/fixture $site/site
cp scripts/bench/nav-probe.js $site/site/bench-probe.js
find $site/site -name '*.html' -print0 |
  xargs -0 sed -i 's#</head>#<script src="/bench-probe.js" defer></script></head>#'
# For the figures before them, BENCH_NO_SPECULATION=1 takes the speculation rules out of the copy.
if [ -n "${BENCH_NO_SPECULATION:-}" ]; then
  find $site/site -name '*.html' -print0 |
    xargs -0 sed -i 's#<script type="speculationrules">[^<]*</script>##'
  ! grep -q speculationrules $site/site/index.html || die "the speculation rules are still in the copy"
fi
# Their precompressed twins are the pages without the probe: nginx would send those.
find $site/site \( -name '*.html.br' -o -name '*.html.gz' \) -delete
grep -q 'bench-probe.js' $site/site/index.html || die "the probe is not in the copy's pages"

# The site's own server block, with one more place: the probe's beacons, logged.
beacons=$PWD/$site/beacons.log
: > "$beacons"
cat > $site/server.conf <<CONF
log_format beacon '\$args';
server {
    listen 127.0.0.1:$port;
    root $PWD/$site/site;
    include $PWD/$site/site/nginx-site.conf;
    location = /bench-beacon { access_log $beacons beacon; return 204; }
}
CONF
# shellcheck source=scripts/nginx-conf.sh
source scripts/nginx-conf.sh
nginx_conf "$PWD/$site" "$PWD/$site/server.conf" /usr/lib/nginx/modules/ngx_http_brotli_static_module.so
/usr/sbin/nginx -c "$PWD/$site/nginx.conf" -e "$PWD/$site/error.log" > $site/nginx.log 2>&1 & server=$!
Xvfb "$display" -screen 0 1280x900x24 > $site/xvfb.log 2>&1 & xvfb=$!
browser=
trap 'kill $server $xvfb ${browser:+$browser} 2>/dev/null' EXIT
server_log=$site/error.log wait_url "http://127.0.0.1:$port/"
export DISPLAY=$display
mapfile -t flags < scripts/chromium-flags.txt
"${CHROMIUM:-/usr/bin/chromium}" "${flags[@]}" --user-data-dir="$PWD/$site/profile" \
  --window-position=0,0 --window-size=1280,900 --app="http://127.0.0.1:$port/" > $site/chromium.log 2>&1 & browser=$!

# beacon AFTER PATTERN : waits (10 s at most) for a beacon past line AFTER of the log that
# matches PATTERN, and prints it as JSON.
beacon() {
  local line
  for _ in $(seq 1 200); do
    line=$(tail -n +"$(( $1 + 1 ))" "$beacons" | grep -m 1 -- "$2" || true)
    [ -n "$line" ] && { node -pe 'JSON.stringify(Object.fromEntries(new URLSearchParams(process.argv[1])))' "$line"; return; }
    sleep 0.05
  done
  die "no beacon matching $2 (logs: $site/)"
}

: > $site/runs.jsonl
home=$(beacon 0 'page=%2F&')
for i in $(seq 0 "$runs"); do
  x=$(node -pe "JSON.parse(process.argv[1]).x" "$home")
  y=$(node -pe "JSON.parse(process.argv[1]).y" "$home")
  seen=$(wc -l < "$beacons")
  xdotool mousemove "$x" "$y"
  sleep $hover
  xdotool click 1
  click=$(beacon "$seen" '^click=')
  next=$(beacon "$seen" 'page=%2Fguide%2Fsyntaxe.html')
  # The first run warms the caches; it is not counted.
  [ "$i" -gt 0 ] && node -pe 'JSON.stringify({...JSON.parse(process.argv[1]), ...JSON.parse(process.argv[2])})' "$click" "$next" >> $site/runs.jsonl
  # Back home, and away from the link: the next hover starts afresh.
  xdotool mousemove 5 890
  seen=$(wc -l < "$beacons")
  xdotool key alt+Left
  home=$(beacon "$seen" 'page=%2F&')
done
# shellcheck disable=SC2016 # JavaScript, not shell: nothing to expand.
node --input-type=module -e '
  import fs from "node:fs";
  import { median as medianOf } from "./scripts/bench/stats.mjs";
  const rows = fs.readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse)
    .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === "page" ? v : Number(v)])));
  // Of an even count of runs, the upper middle one: a time one run gave.
  const median = (xs) => medianOf(xs, { observed: true });
  const painted = rows.map((r) => r.frame - r.click);
  const shown = rows.filter((r) => r.activation).map((r) => r.activation - r.click);
  const result = {
    runs: rows.length,
    prerendered: `${shown.length}/${rows.length}`,
    "click → activation of the prerendered page, ms (median)": shown.length ? Math.round(median(shown) * 10) / 10 : null,
    "click → the next page, its first frame, ms (median)": Math.round(median(painted)),
    "click → the next page, its first frame, ms (max)": Math.round(Math.max(...painted)),
  };
  fs.writeFileSync(process.argv[2], JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
' $site/runs.jsonl "$out"
