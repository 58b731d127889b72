#!/usr/bin/env bash
# Lighthouse 12.2.3 (mobile) against the served release dist/ and, in the same run, against a
# plain static HTML page of the same text (the prerendered page with every script removed),
# both served by nginx with the shipped configuration. Prints one table; raw reports go to
# target/lighthouse/. Usage: scripts/lighthouse.sh [RUNS]  (medians over RUNS, default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
out=target/lighthouse
rm -rf "$out" && mkdir -p "$out/static"
[ -f dist/chef-projet-digital.html ] || { echo "build first: trunk build --release --offline" >&2; exit 1; }

# The static twin: same HTML, same stylesheet, no script, no preload of the wasm.
cp -r dist/*.css dist/*.svg dist/robots.txt dist/sitemap.xml dist/manifest.webmanifest dist/icons "$out/static/"
node -e '
  const fs = require("fs");
  let html = fs.readFileSync("dist/chef-projet-digital.html", "utf8");
  html = html.replace(/<script(?![^>]*ld\+json)[^>]*>[\s\S]*?<\/script>/g, "")
             .replace(/<link rel="(modulepreload|preload)"[^>]*>/g, "");
  fs.writeFileSync(process.argv[1] + "/chef-projet-digital.html", html);
' "$out/static"
for f in "$out"/static/*; do [ -f "$f" ] && gzip -9kf "$f" && brotli -q 11 -kf "$f"; done

bash scripts/serve-dist.sh 8181 dist > "$out/nginx-app.log" 2>&1 & app=$!
bash scripts/serve-dist.sh 8182 "$out/static" > "$out/nginx-static.log" 2>&1 & static=$!
trap 'kill $app $static 2>/dev/null || true' EXIT
sleep 1

flags="--headless=new $(tr '\n' ' ' < scripts/chromium-flags.txt)"
for i in $(seq 1 "$runs"); do
  for site in app:8181 static:8182; do
    name=${site%%:*}; port=${site##*:}
    CHROME_PATH=/usr/bin/chromium npx --no-install lighthouse "http://127.0.0.1:$port/chef-projet-digital.html" \
      --quiet --chrome-flags="$flags" --form-factor=mobile \
      --only-categories=performance,accessibility,best-practices,seo \
      --output=json --output-path="$out/$name-$i.json" >/dev/null 2>&1 || echo "lighthouse failed for $name run $i" >&2
  done
done

node -e '
  const fs = require("fs"); const dir = process.argv[1]; const runs = +process.argv[2];
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  const rows = {};
  for (const name of ["app", "static"]) {
    const reports = [];
    for (let i = 1; i <= runs; i++) {
      try { reports.push(JSON.parse(fs.readFileSync(`${dir}/${name}-${i}.json`, "utf8"))); } catch {}
    }
    const cat = (k) => median(reports.map((r) => Math.round(r.categories[k].score * 100)));
    const aud = (k) => median(reports.map((r) => r.audits[k].numericValue));
    rows[name] = {
      performance: cat("performance"), accessibility: cat("accessibility"),
      "best-practices": cat("best-practices"), seo: cat("seo"),
      "FCP ms": Math.round(aud("first-contentful-paint")), "LCP ms": Math.round(aud("largest-contentful-paint")),
      "TBT ms": Math.round(aud("total-blocking-time")), CLS: +aud("cumulative-layout-shift").toFixed(3),
      "SI ms": Math.round(aud("speed-index")), "total KB": +(aud("total-byte-weight") / 1024).toFixed(1),
      runs: reports.length,
    };
    const failed = reports.flatMap((r) => Object.values(r.audits)
      .filter((a) => a.score !== null && a.score < 1 && ["seo", "accessibility", "best-practices"].some((c) => r.categories[c].auditRefs.some((ref) => ref.id === a.id && ref.weight > 0)))
      .map((a) => a.id));
    if (failed.length) console.error(`${name}: audits below 1: ${[...new Set(failed)].join(", ")}`);
  }
  console.log(`Lighthouse 12.2.3, mobile, median of ${runs} run(s)`);
  console.table(rows);
' "$out" "$runs"
