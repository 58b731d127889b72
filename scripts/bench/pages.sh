#!/usr/bin/env bash
# The build step that renders pages, timed alone: `scripts/bench.sh pages [N…]` runs the Trunk
# hook (crates/publish's prerender, as `trunk build` runs it, after the wasm) on generated sites of
# N pages (default 10 100 1000) and writes its seconds and peak memory to target/bench/pages.md.
# It needs a release build's assets: the benchmark's own build of the article, target/bench/app
# (built here if missing, as scripts/bench.sh builds it). BENCH_POSTS=1 makes the same pages a
# Jekyll blog's posts (`_posts/`, tags, ten a page of the list), timed the same way.
# shellcheck source=scripts/bench/lib.sh
source "$(dirname "$0")/lib.sh"

sizes=${*:-10 100 1000}
require cargo trunk time
mkdir -p target/bench
# The hook's binary, in the profile the hook runs it in (`cargo run`, debug).
cargo +stable build --quiet --locked -p cpd-publish --bin prerender
if ! ls $app_dist/*_bg.wasm > /dev/null 2>&1; then
  log "no release build in $app_dist: building it (log: target/bench/build-app.log)"
  build_app
fi
wasm=$(find $app_dist -maxdepth 1 -name '*_bg.wasm' | head -n 1)
glue=${wasm%_bg.wasm}.js
css=$(find $app_dist -maxdepth 1 -name 'main-*.css' ! -name '*.br' ! -name '*.gz' | head -n 1)
report=target/bench/pages.md
kind=pages
[ -n "${BENCH_POSTS:-}" ] && kind=posts
printf '| %s | render step, s | peak memory, MiB | s per 1,000 |\n|---:|---:|---:|---:|\n' "$kind" > $report
for n in $sizes; do
  site=target/bench/$kind-$n
  # The site's Markdown, from the generator of crates/publish/tests/scale.rs.
  env SCALE_PAGES=$n SCALE_DIR="$root/$site/content" ${BENCH_POSTS:+SCALE_POSTS=1} cargo +stable test --quiet --locked -p cpd-publish \
    --test scale -- --ignored --exact write_bench_site > /dev/null
  # Trunk's staging directory as the hook finds it in a release build: the template of
  # tests/fixtures/trunk-index.html, with this build's real glue, wasm and stylesheet under the
  # names it links (so the glue's minification and the wasm's compression are timed too).
  rm -rf "$site/dist" && mkdir -p "$site/dist"
  cp tests/fixtures/trunk-index.html "$site/dist/index.html"
  cp "$glue" "$site/dist/x-0123456789abcdef.js"
  cp "$wasm" "$site/dist/x-0123456789abcdef_bg.wasm"
  # The search's glue and wasm, as Trunk's worker build leaves them, and its stylesheet.
  cp target/bench/app/search/search-*[0-9a-f].js "$site/dist/search.js"
  cp target/bench/app/search/search-*_bg.wasm "$site/dist/search_bg.wasm"
  cp target/bench/app/search/search-*[0-9a-f].css "$site/dist/search-0123456789abcdef.css"
  cp "$css" "$site/dist/main-bde87ab9c381b77e.css"
  /usr/bin/time -f '%e %M' -o "$site/time.txt" env TRUNK_STAGING_DIR="$site/dist" TRUNK_PUBLIC_URL=/ \
    TRUNK_PROFILE=release CONTENT_DIR="$site/content" target/debug/prerender 2> "$site/prerender.log" ||
    { tail -30 "$site/prerender.log" >&2; die "the render step failed on $n pages (log: $site/prerender.log)"; }
  read -r secs kib < "$site/time.txt"
  printf '| %s | %s | %s | %s |\n' "$n" "$secs" "$(( kib / 1024 ))" \
    "$(awk -v s="$secs" -v n="$n" 'BEGIN { printf "%.2f", s * 1000 / n }')" | tee -a $report
done
printf '\n(%s, %s cores, commit %s)\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$(git rev-parse --short HEAD)" >> $report
