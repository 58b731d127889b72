#!/usr/bin/env bash
# The site's search against Pagefind 1.6, side by side in one run: `scripts/bench.sh search
# [RUNS]` (default 5; medians over RUNS). On copies, under target/bench/search/sites/, of
#   - the article, dist/ (base /): the test set's `article` queries;
#   - the fixture site, target/e2e-fixture/essai (base /essai/): its `fixture` queries and the
#     cold timings;
#   - generated sites of 10, 100 and 1,000 pages (scripts/bench/pages.sh without its peers, which
#     also rewrites target/bench/pages.md): index sizes, and on 1,000 pages the cold and keystroke
#     timings;
# a site missing is built as scripts/test.sh builds it, into target/bench/search/build/.
# Pagefind (node_modules' 1.6 CLI) indexes each copy's pages as built (those its sitemap.xml
# lists, as ours does); its Default UI runs in scripts/bench/pagefind-bench.html, copied beside
# it. Each site is served by nginx as the tests serve it (scripts/serve-dist.sh), on BENCH_PORT
# (default 8191) and the next two ports; the harness page alone is served without the site's
# Content-Security-Policy. Browser part: scripts/bench/search.mjs. Writes target/bench/search.md
# (and its raw figures, target/bench/search/search.json) and prints it.
# Environment: BENCH_PORT, BENCH_SKIP_BUILD=1 (reuse target/bench/pages-*/dist), CHROMIUM.
# shellcheck source=scripts/bench/lib.sh
source "$(dirname "$0")/lib.sh"

runs=${1:-5}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/bench.sh search [RUNS]   (RUNS: a positive integer)" >&2; exit 2; }
port=${BENCH_PORT:-8191}
out=target/bench/search
sizes=(10 100 1000)
pagefind=node_modules/.bin/pagefind
started=$(date +%s)

require cargo trunk time nginx curl node playwright chromium
"$pagefind" --version 2>/dev/null | grep -q '^pagefind 1\.6\.' ||
  die "no Pagefind 1.6 in node_modules (npm ci installs it, with its binary @pagefind/linux-x64)"
[ -f tests/fixtures/search/queries.tsv ] || die "no test set: tests/fixtures/search/queries.tsv"
rm -rf $out/sites && mkdir -p $out/sites

# index_of HTML : the search index's address a built page names (its loader's data).
index_of() { grep -o '"index":"[^"]*"' "$1" | head -n 1 | cut -d'"' -f4; }

# take SRC DEST BASE : copies the built site SRC to DEST, served at BASE, and checks the copy is
# whole: a release build whose pages name a search index the copy holds (a build writing into
# SRC meanwhile would leave a torn copy).
take() {
  local src=$1 dest=$2 base=$3 index
  mkdir -p "$(dirname "$dest")"
  cp -a "$src" "$dest"
  [ -f "$dest/index.html" ] || die "$src has no index.html: not a built site"
  ! grep -q 'well-known/trunk/ws' "$dest/index.html" ||
    die "$src holds trunk serve's live reload: not a release build (trunk build --release)"
  index=$(index_of "$dest/index.html" || true)
  [ -n "$index" ] || die "$src/index.html names no search index: a build from before search?"
  [ -f "$dest/${index#"$base"}" ] || die "$src changed while it was copied (a build running?): rerun"
}

# built SITE DIR CMD… : DIR if it holds a built site, else SITE's own build by CMD (as
# scripts/test.sh builds it) in target/bench/search/build/, made once.
built() {
  local site=$1 dir=$2
  shift 2
  if [ -f "$dir/index.html" ]; then echo "$dir"; return; fi
  dir=$out/build/$site
  if [ ! -f "$dir/index.html" ]; then
    log "no $site site built: building it in $dir (log: $out/build-$site.log)"
    logged "$out/build-$site.log" "the $site site's build" "$@"
  fi
  echo "$dir"
}

# ---- the sites -----------------------------------------------------------------------------------
src=$(built article dist env CPD_TEST_DATA="$root/$out/data/article" \
  trunk build --release --offline --dist "$out/build/article")
take "$src" $out/sites/article /
log "article: $src → $out/sites/article"
src=$(built fixture target/e2e-fixture/essai env CPD_TEST_DATA="$root/$out/data/fixture" \
  CONTENT_DIR=tests/fixtures/site trunk build --release --offline --public-url /essai/ --dist "$out/build/fixture/essai")
take "$src" $out/sites/fixture/essai /essai/
log "fixture: $src → $out/sites/fixture/essai"
skip=${BENCH_SKIP_BUILD:-}
for n in "${sizes[@]}"; do [ -f "target/bench/pages-$n/dist/index.html" ] || skip=; done
if [ "$skip" = 1 ]; then
  log "BENCH_SKIP_BUILD=1: reusing target/bench/pages-{$(IFS=,; echo "${sizes[*]}")}/dist"
else
  log "generating sites of ${sizes[*]} pages: scripts/bench/pages.sh (log: $out/pages.log)"
  logged $out/pages.log "scripts/bench/pages.sh" env BENCH_PEERS= bash scripts/bench/pages.sh "${sizes[@]}"
fi
for n in "${sizes[@]}"; do take "target/bench/pages-$n/dist" "$out/sites/pages-$n" /; done

# ---- Pagefind on each copy -----------------------------------------------------------------------
# pages_of DIR BASE : the pages DIR's sitemap lists (the pages ours indexes: not 404.html, nor the
# home page's copy of the article), as paths under DIR.
pages_of() {
  grep -o '<loc>[^<]*</loc>' "$1/sitemap.xml" |
    sed -e 's|^<loc>[a-z]*://[^/]*||' -e 's|</loc>$||' -e "s|^$2||" -e 's|/$|/index.html|' -e 's|^$|index.html|'
}
# pagefind_site DIR BASE : Pagefind's index of those pages, as built, and its Default UI in
# DIR/pagefind/ (its .js, .css and .json precompressed by the build's own compressor, as every
# file the site serves; its index and wasm files are gzip already), the harness page in DIR,
# served without the site's policy.
pagefind_site() {
  local dir=$1 base=$2 name stage
  name=$(basename "$dir")
  stage=$out/pagefind-pages/$name
  rm -rf "$stage" && mkdir -p "$stage"
  pages_of "$dir" "$base" | (cd "$dir" && xargs cp --parents -t "$root/$stage") ||
    die "$dir: cannot copy the pages its sitemap.xml lists"
  logged "$out/pagefind-$name.log" "Pagefind on $dir" "$pagefind" --site "$stage" --output-path "$dir/pagefind"
  logged "$out/precompress-$name.log" "precompressing $dir/pagefind" precompress "$dir/pagefind"
  cp scripts/bench/pagefind-bench.html "$dir/"
  # An exact location wins over the site's prefix and regex ones: no inherited add_header.
  printf '\nlocation = %spagefind-bench.html {\n    add_header Cache-Control "no-cache" always;\n}\n' \
    "$base" >> "$dir/nginx-site.conf"
}
log "indexing the copies with Pagefind $("$pagefind" --version | cut -d' ' -f2)"
pagefind_site $out/sites/article /
pagefind_site $out/sites/fixture/essai /essai/
for n in "${sizes[@]}"; do pagefind_site "$out/sites/pages-$n" /; done

# ---- served side by side ---------------------------------------------------------------------------
servers=()
stop_servers() {
  local pid
  for pid in "${servers[@]}"; do kill "$pid" 2> /dev/null || true; done
  wait 2> /dev/null || true
}
trap stop_servers EXIT
# serve NAME DIR PORT BASE
serve() {
  bash scripts/serve-dist.sh "$3" "$2" > "$out/nginx-$1.log" 2>&1 &
  servers+=($!)
  server_log=$out/nginx-$1.log wait_url "http://127.0.0.1:$3$4" "http://127.0.0.1:$3$4pagefind-bench.html"
}
serve article $out/sites/article "$port" /
serve fixture $out/sites/fixture $((port + 1)) /essai/
serve pages-1000 $out/sites/pages-1000 $((port + 2)) /

# ---- measured ----------------------------------------------------------------------------------------
context="$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, commit $(git rev-parse --short HEAD)"
# The sites are built from the work tree: say so when it is not the commit.
[ -z "$(git status --porcelain -- crates src style content index.html Cargo.toml Cargo.lock tests/fixtures)" ] ||
  context+=" plus uncommitted changes"
cat > $out/config.json <<JSON
{
  "runs": $runs,
  "pagefind": "$("$pagefind" --version | cut -d' ' -f2)",
  "queries": "tests/fixtures/search/queries.tsv",
  "report": "target/bench/search.md",
  "context": "$context",
  "sites": {
    "article": { "origin": "http://127.0.0.1:$port", "base": "/", "dir": "$out/sites/article", "page": "chef-projet-digital.html" },
    "fixture": { "origin": "http://127.0.0.1:$((port + 1))", "base": "/essai/", "dir": "$out/sites/fixture", "page": "" },
    "pages-1000": { "origin": "http://127.0.0.1:$((port + 2))", "base": "/", "dir": "$out/sites/pages-1000", "page": "" }
  },
  "sizes": { $(for n in "${sizes[@]}"; do printf '"%s": "%s", ' "$n" "$out/sites/pages-$n"; done | sed 's/, $//') }
}
JSON
log "measuring, $runs runs (scripts/bench/search.mjs)"
node scripts/bench/search.mjs $out/config.json $out/search.json
# The index's format, measured: the 1,000-page index as built (postcard) against JSON of the same
# values (crates/publish/tests/scale.rs, index_formats; optimised, so JSON's decoder is too).
log "the index's format against JSON (release build of the test)"
formats=$(SEARCH_DIR="$root/$out/sites/pages-1000/search" cargo +stable test --release --quiet --locked \
  -p cpd-publish --test scale -- --ignored --exact index_formats --nocapture | grep '^|') ||
  die "the index's format could not be measured"
printf '\nThe index of 1,000 pages as built (postcard) and as JSON of the same values; decoding every\nfile, natively, best of 20:\n\n%s\n' "$formats" >> target/bench/search.md
cat target/bench/search.md
log "done in $(( $(date +%s) - started )) s"
