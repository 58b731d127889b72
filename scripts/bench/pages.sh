#!/usr/bin/env bash
# The build step that renders pages, timed alone and beside Hugo's and Jekyll's builds of the
# same Markdown: `scripts/bench.sh pages [N…]` generates sites of N pages (default 10 100 1000;
# `cargo run --example site -p cpd-publish`) and on each times
#   - ours: the Trunk hook (crates/publish's prerender, as `trunk build` runs it after the wasm,
#     built in the cargo profile Trunk.toml's hook names): a clean build (empty cache), then
#     builds after one page changed (a paragraph appended, the cache kept: a folder per site, in
#     place of the hook's `--cache` folder), the median of BENCH_EDITS edits (default 5), one
#     page each, the peers' pages; each on a fresh staging directory, with /usr/bin/time (wall
#     seconds, peak memory: the largest of all);
#   - Hugo, Jekyll, and Jekyll with jekyll-feed, jekyll-sitemap and jekyll-seo-tag, each with a
#     minimal theme, under target/bench/peers-N/: a clean build (`hugo --quiet`, `jekyll
#     build`, timed the same way), then one changed page under their own servers (`hugo
#     server`, `jekyll serve --incremental`): the rebuild time each logs, median of the same
#     BENCH_EDITS edits.
# Writes one table, with ratios, to target/bench/pages.md and prints it. A peer not installed
# is said so and left out.
# Ours needs a release build's assets: the benchmark's own build of the article,
# target/bench/app (built here if missing, as scripts/bench.sh builds it). BENCH_POSTS=1 makes
# the same pages a Jekyll blog's posts (`_posts/`, tags, ten a page of the list; for Hugo, a
# posts section with its tags and a home page listing ten a page).
# Environment: BENCH_EDITS; BENCH_PORT (default 8191, and the next two: the peers' servers);
# BENCH_PEERS (default "hugo jekyll jekyll-plugins"; empty: ours alone); BENCH_HUGO_SERVER_FLAGS
# (default none: `hugo server` as it starts, Fast Render Mode, in memory; e.g.
# "--disableFastRender --renderToDisk" re-renders and writes every page on each change).
# shellcheck source=scripts/bench/lib.sh
source "$(dirname "$0")/lib.sh"

sizes=${*:-10 100 1000}
edits=${BENCH_EDITS:-5}
[[ $edits =~ ^[1-9][0-9]*$ ]] || die "BENCH_EDITS: a positive integer, not '$edits'"
port=${BENCH_PORT:-8191}
hugo_flags=${BENCH_HUGO_SERVER_FLAGS:-}
kind=pages
[ -n "${BENCH_POSTS:-}" ] && kind=posts
report=target/bench/pages.md
require cargo trunk time
mkdir -p target/bench
notes=()

# ---- the peers present --------------------------------------------------------------------------
peers=()
for peer in ${BENCH_PEERS-hugo jekyll jekyll-plugins}; do
  case $peer in
    hugo) command -v hugo > /dev/null || { notes+=("Hugo: not installed, left out."); continue; } ;;
    jekyll) command -v jekyll > /dev/null || { notes+=("Jekyll: not installed, left out."); continue; } ;;
    jekyll-plugins)
      if ! command -v jekyll > /dev/null ||
        ! ruby -e 'require "jekyll"; %w[jekyll-feed jekyll-sitemap jekyll-seo-tag].each { |p| require p }' 2> /dev/null; then
        notes+=("Jekyll with plugins: Jekyll or one of jekyll-feed, jekyll-sitemap, jekyll-seo-tag not installed, left out.")
        continue
      fi ;;
    *) die "BENCH_PEERS: unknown peer '$peer' (hugo, jekyll, jekyll-plugins)" ;;
  esac
  peers+=("$peer")
done
[ ${#peers[@]} -eq 0 ] || require node
for note in "${notes[@]}"; do log "$note"; done
has() { [[ " ${peers[*]} " == *" $1 "* ]]; }

# ---- ours -------------------------------------------------------------------------------------------
# The hook as Trunk.toml runs it, written there only: its binary in the profile of the hook's
# command_arguments (their `--profile X`, `--profile=X` or `--release`, else cargo's default,
# dev, whose folder under target/ is debug), run with the arguments after their `--`, but for
# the cache: ours per site, in place of the hook's `--cache` folder.
hook_args=$(awk '/^command_arguments *=/ { on = 1 } on { text = text $0 }
  on && /\]/ { if (text ~ /"prerender"/) print text; on = 0; text = "" }' Trunk.toml | grep -o '"[^"]*"' | tr -d '"') ||
  die "Trunk.toml: no hook whose command_arguments run prerender"
profile=dev previous='' binary=0 hook_bin_args=()
while read -r arg; do
  if [ $binary = 1 ]; then
    hook_bin_args+=("$arg")
  else
    case $previous,$arg in
      --profile,*) profile=$arg ;;
      *,--profile=*) profile=${arg#--profile=} ;;
      *,--release) profile=release ;;
      *,--) binary=1 ;;
    esac
  fi
  previous=$arg
done <<< "$hook_args"
prerender=target/$([ "$profile" = dev ] && echo debug || echo "$profile")/prerender
log "ours: the hook's prerender, profile $profile ($prerender ${hook_bin_args[*]})"
# The generator too, in the same profile: one build of the library for both.
cargo +stable build --quiet --locked --profile "$profile" -p cpd-publish --bin prerender --example site
generate=${prerender%/prerender}/examples/site
if ! ls $app_dist/*_bg.wasm > /dev/null 2>&1; then
  log "no release build in $app_dist: building it (log: target/bench/build-app.log)"
  build_app
fi
wasm=$(find $app_dist -maxdepth 1 -name '*_bg.wasm' | head -n 1)
glue=${wasm%_bg.wasm}.js
css=$(find $app_dist -maxdepth 1 -name 'main-*.css' ! -name '*.br' ! -name '*.gz' | head -n 1)

# stage SITE : Trunk's staging directory as the hook finds it in a release build, SITE/dist,
# afresh: the template of tests/fixtures/trunk-index.html, with this build's real glue, wasm and
# stylesheet under the names it links (so the glue's minification and the wasm's compression
# are timed too), and the search's glue and wasm as Trunk's worker build leaves them.
stage() {
  rm -rf "$1/dist" && mkdir -p "$1/dist"
  cp tests/fixtures/trunk-index.html "$1/dist/index.html"
  cp "$glue" "$1/dist/x-0123456789abcdef.js"
  cp "$wasm" "$1/dist/x-0123456789abcdef_bg.wasm"
  cp target/bench/app/search/search-*[0-9a-f].js "$1/dist/search.js"
  cp target/bench/app/search/search-*_bg.wasm "$1/dist/search_bg.wasm"
  cp target/bench/app/search/search-*[0-9a-f].css "$1/dist/search-0123456789abcdef.css"
  cp "$css" "$1/dist/main-bde87ab9c381b77e.css"
}

# ours SITE RUN : the hook on SITE/content into SITE/dist, its cache SITE/cache; prints "SECONDS
# KIB" (its log and time: SITE/RUN.log, SITE/RUN.time).
ours() {
  local site=$1 run=$2 cache=$root/$1/cache arg previous='' args=()
  for arg in "${hook_bin_args[@]}"; do
    case $previous,$arg in
      --cache,*) args+=("$cache") ;;
      *,--cache=*) args+=("--cache=$cache") ;;
      *) args+=("$arg") ;;
    esac
    previous=$arg
  done
  /usr/bin/time -f '%e %M' -o "$site/$run.time" env TRUNK_STAGING_DIR="$site/dist" TRUNK_PUBLIC_URL=/ \
    TRUNK_PROFILE=release CONTENT_DIR="$site/content" "$prerender" "${args[@]}" \
    2> "$site/$run.log" ||
    { tail -30 "$site/$run.log" >&2; die "the render step failed on $n $kind, $run build (log: $site/$run.log)"; }
  cat "$site/$run.time"
}

# ---- pages, edits ---------------------------------------------------------------------------------
# The source folder of the pages, in the generated content (and in Jekyll's projects).
src=pages
[ $kind = posts ] && src=_posts
# page_name I : the file name of the I-th page or post of the generated content.
page_name() {
  local posts=("$site/content/_posts/"*-post-"$1".md)
  if [ $kind = pages ]; then echo "page-$1.md"; else basename "${posts[0]}"; fi
}
# edit FILE K : the change timed: a paragraph appended to a page.
edit() { printf '\nUn paragraphe ajouté pour la mesure, modification %s : une phrase de plus.\n' "$2" >> "$1"; }

# ---- the peers' projects ------------------------------------------------------------------------------
# hugo_project DIR : the generated pages (or posts) in a Hugo project whose theme is a minimal
# page: the title and the content, in the site's language.
hugo_project() {
  local dir=$1 title lang
  title=$(sed -n 's/^title: //p' "$site/content/_config.yml")
  lang=$(sed -n 's/^lang: //p' "$site/content/_config.yml")
  rm -rf "$dir" && mkdir -p "$dir/content" "$dir/layouts/_default"
  cp -r "$site/content/$src" "$dir/content/$kind"
  {
    printf 'baseURL = "http://127.0.0.1/"\ntitle = "%s"\nlanguageCode = "%s"\n' "$title" "$lang"
    # Addresses as ours: pages/page-1.html.
    echo 'uglyURLs = true'
    if [ $kind = pages ]; then
      # The pages alone: no home page, lists, feeds, sitemap, robots.txt or 404 page.
      echo 'disableKinds = ["home", "section", "taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]'
    else
      # The posts, a home page listing them ten a page, and their tags.
      printf 'paginate = 10\ndisableKinds = ["section", "RSS", "sitemap", "robotsTXT", "404"]\n'
      printf '[taxonomies]\ntag = "tags"\n[frontmatter]\ndate = [":filename", ":default"]\n'
    fi
  } > "$dir/hugo.toml"
  cat > "$dir/layouts/_default/single.html" <<'HTML'
<!doctype html>
<html lang="{{ .Site.LanguageCode }}">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body><main><h1>{{ .Title }}</h1>
{{ .Content }}
</main></body>
</html>
HTML
  # The lists of posts: the home page's, ten a page, and the tags'.
  cat > "$dir/layouts/_default/list.html" <<'HTML'
<!doctype html>
<html lang="{{ .Site.LanguageCode }}">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body><main><h1>{{ .Title }}</h1>
<ul>{{ range (.Paginate (cond .IsHome .Site.RegularPages .Pages)).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}
</main></body>
</html>
HTML
}

# jekyll_project DIR [plugins] : the generated _config.yml, every page in the layout `default`;
# with plugins, the feed, the sitemap and the SEO tags in its head.
jekyll_project() {
  local dir=$1 head=''
  rm -rf "$dir" && mkdir -p "$dir/_layouts"
  cp -r "$site/content/$src" "$dir/$src"
  {
    cat "$site/content/_config.yml"
    printf 'defaults:\n  - scope:\n      path: ""\n    values:\n      layout: default\n'
    [ -z "${2:-}" ] || echo 'plugins: [jekyll-feed, jekyll-sitemap, jekyll-seo-tag]'
  } > "$dir/_config.yml"
  [ -z "${2:-}" ] || head=$'{% seo %}\n{% feed_meta %}\n'
  cat > "$dir/_layouts/default.html" <<HTML
<!doctype html>
<html lang="{{ page.lang | default: site.lang }}">
<head><meta charset="utf-8"><title>{{ page.title }} · {{ site.title }}</title>
${head}</head>
<body><main><h1>{{ page.title }}</h1>
{{ content }}
</main></body>
</html>
HTML
}

# timed OUT CMD… : CMD's wall seconds (its output: OUT.log) in `result`, or "failed".
timed() {
  local out=$1
  shift
  if /usr/bin/time -f '%e %M' -o "$out.time" "$@" > "$out.log" 2>&1; then
    result=$(cut -d' ' -f1 "$out.time")
  else
    tail -20 "$out.log" >&2
    log "failed: $* (log: $out.log)"
    result=failed
  fi
}

# ---- the peers' servers -------------------------------------------------------------------------------
# Each in its own process group, stopped with it whatever happens.
servers=()
stop_server() {
  kill -- -"$1" 2> /dev/null || true
  wait "$1" 2> /dev/null || true
  local pid rest=()
  for pid in "${servers[@]}"; do [ "$pid" = "$1" ] || rest+=("$pid"); done
  servers=("${rest[@]}")
}
stop_servers() { local pid; for pid in "${servers[@]}"; do stop_server "$pid"; done; }
trap stop_servers EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# one_change NAME OUT DIR READY DONE SCALE CMD… : starts the server CMD (its log: OUT.log), waits
# for READY in its log, then appends a paragraph to a page of DIR, BENCH_EDITS times (a page
# each), each once the server logged its rebuild of the one before: a new line matching the
# extended regex DONE, whose first group, times SCALE, is the rebuild's seconds. Their median in
# `result`, or "failed". Run in this shell, not a subshell: the trap stops what it starts.
one_change() {
  local name=$1 out=$2 dir=$3 ready=$4 done=$5 scale=$6 pid k seen start secs=()
  shift 6
  : > "$out.log"
  setsid "$@" >> "$out.log" 2>&1 &
  pid=$!
  servers+=("$pid")
  # Its first build is a whole one, as long as a clean build.
  until grep -q -- "$ready" "$out.log"; do
    kill -0 "$pid" 2> /dev/null || { tail -20 "$out.log" >&2; log "$name: its server stopped (log: $out.log)"; result=failed; return; }
    sleep 0.2
  done
  # Time for the watcher to start watching.
  sleep 1
  for k in $(seq "$edits"); do
    seen=$(grep -cE -- "$done" "$out.log" || true)
    edit "$dir/$(page_name $(( (n / 2 + k - 1) % n )))" "$k"
    start=$SECONDS
    until [ "$(grep -cE -- "$done" "$out.log" || true)" -gt "$seen" ]; do
      if ! kill -0 "$pid" 2> /dev/null || [ $((SECONDS - start)) -gt 600 ]; then
        tail -20 "$out.log" >&2
        log "$name: no rebuild logged after edit $k (log: $out.log)"
        stop_server "$pid"
        result=failed
        return
      fi
      sleep 0.05
    done
    secs+=("$(grep -E -- "$done" "$out.log" | tail -n 1 | sed -E "s/.*$done.*/\\1/" | awk -v s="$scale" '{ print $1 * s }')")
    # A rebuild may log more after its time: the next edit starts on a quiet server.
    sleep 1
  done
  stop_server "$pid"
  log "$name, one change: ${secs[*]} s"
  result=$(node scripts/bench/stats.mjs median "${secs[@]}")
}

# ---- the table ------------------------------------------------------------------------------------------
# fmt X : seconds, to the millisecond under a second; anything else as is.
fmt() { awk -v x="$1" 'BEGIN { if (x !~ /^[0-9.]+$/) print x; else if (x < 1) printf "%.3f\n", x; else printf "%.2f\n", x }'; }
# ratio A B : A / B, or n/a.
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b == 0) print "n/a"; else printf "%.2f×\n", a / b }'
}
declare -A label=([hugo]=Hugo [jekyll]=Jekyll [jekyll-plugins]=Jekyll+plugins) t=()
head=("$kind" 'ours clean, s' 'ours one change, s' 'ours peak, MiB')
for peer in "${peers[@]}"; do head+=("${label[$peer]} clean, s" "${label[$peer]} one change, s"); done
for peer in hugo jekyll-plugins; do
  has $peer && head+=("ours/${label[$peer]} clean" "ours/${label[$peer]} one change")
done
row() { local IFS='|'; printf '|%s|\n' "$*" | sed 's/|/ | /g; s/^ //; s/ $//'; }
align=()
for _ in "${head[@]}"; do align+=("---:"); done
{ row "${head[@]}"; row "${align[@]}"; } > $report

# ---- measured ---------------------------------------------------------------------------------------------
for n in $sizes; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "not a number of pages: $n"
  site=target/bench/$kind-$n
  peers_dir=target/bench/peers-$n/$kind
  log "$n $kind: generating them ($site/content)"
  "$generate" "$site/content" "$n" ${BENCH_POSTS:+--posts}
  # The peers' copies, before ours' edit: the same Markdown for all.
  rm -rf "$peers_dir" && mkdir -p "$peers_dir"
  has hugo && hugo_project "$peers_dir/hugo"
  has jekyll && jekyll_project "$peers_dir/jekyll"
  has jekyll-plugins && jekyll_project "$peers_dir/jekyll-plugins" plugins

  log "$n $kind, ours: clean, then $edits changes"
  rm -rf "$site/cache"
  stage "$site"
  out=$(ours "$site" clean)
  read -r clean kib <<< "$out"
  [ -n "$(ls -A "$site/cache" 2> /dev/null)" ] ||
    notes+=("$n $kind: the build wrote no cache: its one change was a whole build.")
  # The same edits as the peers', a page each, each a whole run of the hook on Trunk's output.
  secs=()
  for k in $(seq "$edits"); do
    edit "$site/content/$src/$(page_name $(( (n / 2 + k - 1) % n )))" "$k"
    stage "$site"
    out=$(ours "$site" "change-$k")
    read -r change change_kib <<< "$out"
    secs+=("$change")
    [ "$change_kib" -le "$kib" ] || kib=$change_kib
  done
  log "ours, one change: ${secs[*]} s"
  change=$(node scripts/bench/stats.mjs median "${secs[@]}")
  cells=("$n" "$(fmt "$clean")" "$(fmt "$change")" "$((kib / 1024))")

  t=()
  for peer in "${peers[@]}"; do
    dir=$peers_dir/$peer
    log "$n $kind, $peer: clean, then $edits changes under its server"
    case $peer in
      hugo)
        rm -rf "$dir/public" "$dir/resources"
        timed "$dir-clean" hugo --quiet -s "$dir"
        t[hugo-clean]=$result
        # shellcheck disable=SC2086 # the flags, word by word
        one_change Hugo "$dir-serve" "$dir/content/$kind" 'Web Server is available' \
          'Total in ([0-9]+) ms' 0.001 hugo server -s "$dir" --bind 127.0.0.1 --port "$port" $hugo_flags
        t[hugo-change]=$result ;;
      jekyll*)
        rm -rf "$dir/_site" "$dir/.jekyll-cache" "$dir/.jekyll-metadata"
        timed "$dir-clean" jekyll build -s "$dir" -d "$dir/_site"
        t[$peer-clean]=$result
        one_change "${label[$peer]}" "$dir-serve" "$dir/$src" 'Server running' \
          '\.\.\.done in ([0-9.]+) seconds' 1 jekyll serve --incremental -s "$dir" -d "$dir/_site" \
          --host 127.0.0.1 --port "$((port + $([ "$peer" = jekyll ] && echo 1 || echo 2)))"
        t[$peer-change]=$result ;;
    esac
    cells+=("$(fmt "${t[$peer-clean]}")" "$(fmt "${t[$peer-change]}")")
  done
  for peer in hugo jekyll-plugins; do
    has $peer && cells+=("$(ratio "$clean" "${t[$peer-clean]}")" "$(ratio "$change" "${t[$peer-change]}")")
  done
  row "${cells[@]}" >> $report
done

{
  echo
  printf '(%s, %s cores, commit %s; ours: prerender, profile %s' "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" \
    "$(git rev-parse --short HEAD)" "$profile"
  if has hugo; then printf "; %s, \`%s\`" "$(hugo version | cut -d' ' -f1-2)" "hugo server${hugo_flags:+ $hugo_flags}"; fi
  if has jekyll || has jekyll-plugins; then printf "; %s, \`%s\`" "$(jekyll --version)" 'jekyll serve --incremental'; fi
  printf '; one change: the median of %s edits, a page each; ours, each a whole run of the hook; the peers, their rebuilds as their servers log them)\n' "$edits"
  for note in "${notes[@]}"; do echo "$note"; done
} >> $report
cat $report
