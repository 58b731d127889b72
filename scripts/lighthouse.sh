#!/usr/bin/env bash
# Lighthouse 12.2.3 (mobile) against the served release dist/, at `/` and at
# /chef-projet-digital.html, and, in the same run, against a plain static HTML page of the same
# text (the prerendered page with every script removed), all served by nginx with the shipped
# configuration. Prints one table; raw reports go to target/lighthouse/.
# Usage: scripts/lighthouse.sh [RUNS]  (medians over RUNS, default 3; the full benchmark with
# its budgets is scripts/bench.sh)
# The static twin is made and precompressed as scripts/bench.sh makes its own
# (scripts/bench/static-twin.mjs, the build's precompress).
# shellcheck source=scripts/bench/lib.sh
source "$(dirname "$0")/bench/lib.sh"
runs=${1:-3}
out=target/lighthouse
rm -rf "$out" && mkdir -p "$out/static"
[ -f dist/chef-projet-digital.html ] || { echo "build first: trunk build --release --offline" >&2; exit 1; }
# `trunk serve` writes into dist/ too, with a live-reload script no release has.
if grep -q 'well-known/trunk/ws' dist/*.html; then
  echo "dist/ is a trunk serve build: build first: trunk build --release --offline" >&2; exit 1
fi

# The static twin: same HTML, same stylesheet, no script, no preload of the wasm.
cp -r dist/*.css dist/robots.txt dist/sitemap.xml dist/manifest.webmanifest dist/icons "$out/static/"
node scripts/bench/static-twin.mjs dist/chef-projet-digital.html "$out/static/chef-projet-digital.html"
precompress "$out/static"
# Served with dist/'s own nginx directives (media types, brotli, headers), less the script
# hashes, which are the article's inline scripts: the same serving as the app's.
grep -v 'Content-Security-Policy' dist/nginx-site.conf > "$out/static/nginx-site.conf"

bash scripts/serve-dist.sh 8181 dist > "$out/nginx-app.log" 2>&1 & app=$!
bash scripts/serve-dist.sh 8182 "$out/static" > "$out/nginx-static.log" 2>&1 & static=$!
trap 'kill $app $static 2>/dev/null || true' EXIT
server_log="$out/nginx-*.log"
wait_url http://127.0.0.1:8181/ http://127.0.0.1:8182/chef-projet-digital.html

flags="--headless=new $(tr '\n' ' ' < scripts/chromium-flags.txt)"
for i in $(seq 1 "$runs"); do
  for site in app-root:8181/ app:8181/chef-projet-digital.html static:8182/chef-projet-digital.html; do
    name=${site%%:*}; target=${site#*:}
    CHROME_PATH=/usr/bin/chromium npx --no-install lighthouse "http://127.0.0.1:$target" \
      --quiet --chrome-flags="$flags" --form-factor=mobile \
      --only-categories=performance,accessibility,best-practices,seo \
      --output=json --output-path="$out/$name-$i.json" --save-assets >/dev/null 2>&1 || echo "lighthouse failed for $name run $i" >&2
    # The trace's main-thread tasks (as scripts/bench.sh reads them); the trace is large.
    if [ -f "$out/$name-$i-0.trace.json" ]; then
      node scripts/bench/tasks.mjs "$out/$name-$i-0.trace.json" "$out/$name-$i.tasks.json" || true
    fi
    rm -f "$out/$name-$i-0.trace.json" "$out/$name-$i-0.devtoolslog.json"
  done
done

# shellcheck disable=SC2016 # JavaScript, not shell
node --input-type=module -e '
  import fs from "node:fs";
  import { median as medianOf } from "./scripts/bench/stats.mjs";
  const dir = process.argv[1]; const runs = +process.argv[2];
  // Of an even count of runs, the upper middle one: a score Lighthouse gave.
  const median = (xs) => medianOf(xs, { observed: true });
  const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return null; } };
  const rows = {};
  for (const name of ["app-root", "app", "static"]) {
    const reports = [];
    const tasks = [];
    for (let i = 1; i <= runs; i++) {
      const r = read(`${dir}/${name}-${i}.json`);
      if (r) reports.push(r);
      const t = read(`${dir}/${name}-${i}.tasks.json`);
      if (t) tasks.push(t);
    }
    const cat = (k) => median(reports.map((r) => Math.round(r.categories[k].score * 100)));
    const aud = (k) => median(reports.map((r) => r.audits[k].numericValue));
    rows[name] = {
      performance: cat("performance"),
      // The budget is 100 in every run, not on the median.
      "perf min": Math.min(...reports.map((r) => Math.round(r.categories.performance.score * 100))),
      accessibility: cat("accessibility"),
      "best-practices": cat("best-practices"), seo: cat("seo"),
      "FCP ms": Math.round(aud("first-contentful-paint")), "LCP ms": Math.round(aud("largest-contentful-paint")),
      "TBT ms": Math.round(aud("total-blocking-time")),
      "TBT max": Math.round(Math.max(...reports.map((r) => r.audits["total-blocking-time"].numericValue))),
      CLS: +aud("cumulative-layout-shift").toFixed(3),
      "SI ms": Math.round(aud("speed-index")), "total KB": +(aud("total-byte-weight") / 1024).toFixed(1),
      // Longest main-thread task in any run, as it ran (trace), and how many went over 50 ms.
      "task max ms": tasks.length ? Math.max(...tasks.map((t) => t.longest)) : null,
      "tasks >50": tasks.length ? tasks.reduce((acc, t) => acc + t.over50, 0) : null,
      runs: reports.length,
    };
    const failed = reports.flatMap((r) => Object.values(r.audits)
      .filter((a) => a.score !== null && a.score < 1 && ["seo", "accessibility", "best-practices"].some((c) => r.categories[c].auditRefs.some((ref) => ref.id === a.id && ref.weight > 0)))
      .map((a) => a.id));
    if (failed.length) console.error(`${name}: audits below 1: ${[...new Set(failed)].join(", ")}`);
  }
  console.log(`Lighthouse 12.2.3, mobile, median of ${runs} run(s) (app-root: /, app: /chef-projet-digital.html)`);
  console.table(rows);
' "$out" "$runs"
