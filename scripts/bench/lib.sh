# shellcheck shell=bash
# Shell pieces shared by the benchmark's scripts (scripts/bench/*.sh) and scripts/lighthouse.sh.
# Sourced, never run: `source "$(dirname "$0")/lib.sh"`. Sourcing it moves to the repository's
# root (`root`), where every path below is relative to.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$PWD

log() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# require TOOL… : fails early, naming every missing tool, and says how to get them. TOOL is one of
# the names below (the versions the build pins), or any command.
require() {
  local tool missing=()
  for tool in "$@"; do
    case $tool in
      wasm-bindgen) wasm-bindgen --version 2>/dev/null | grep -q ' 0\.2\.130' || missing+=("wasm-bindgen 0.2.130") ;;
      wasm-opt) wasm-opt --version 2>/dev/null | grep -q 'version 132' || missing+=("wasm-opt (binaryen 132)") ;;
      wasm32) rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown ||
        missing+=("rust target wasm32-unknown-unknown") ;;
      nginx)
        [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=("nginx")
        [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=("nginx brotli_static module") ;;
      playwright) [ -d node_modules/@playwright/test ] || missing+=("node_modules/@playwright/test") ;;
      lighthouse) [ -x node_modules/.bin/lighthouse ] || missing+=("node_modules/.bin/lighthouse") ;;
      chromium) [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=("chromium (${CHROMIUM:-/usr/bin/chromium})") ;;
      time) [ -x /usr/bin/time ] || missing+=("/usr/bin/time") ;;
      *) command -v "$tool" >/dev/null || missing+=("$tool") ;;
    esac
  done
  if [ ${#missing[@]} -gt 0 ]; then
    printf 'bench: missing: %s\n' "${missing[@]}" >&2
    echo "bench: run \`bash scripts/setup.sh\` first (it installs all of them), then retry." >&2
    exit 1
  fi
}

# logged LOG WHAT CMD… : runs CMD with its output in LOG; if it fails, shows the end of LOG and
# stops.
logged() {
  local file=$1 what=$2
  shift 2
  mkdir -p "$(dirname "$file")"
  "$@" > "$file" 2>&1 || { tail -30 "$file" >&2; die "$what failed (log: $file)"; }
}

# wait_url URL… : waits (5 s at most each) until every URL answers 200, or stops, pointing to
# the server's log (server_log, if set).
wait_url() {
  local url
  for url in "$@"; do
    for _ in $(seq 1 50); do curl -fsS -o /dev/null "$url" 2>/dev/null && continue 2; sleep 0.1; done
    die "no answer from $url${server_log:+ (see $server_log)}"
  done
}

# The benchmark's release build of the article, in target/bench/app (dist/ is never touched).
# The article's model (title, contents, sections) is not in a dist: the build writes it, with
# every other page's and the build's facts, when CPD_TEST_DATA names a folder: here
# target/bench/app-data/ (measure.mjs checks the page's contents links against it). A stamp of
# the page it was built with tells a later run whether target/bench/app is still that build.
app_dist=target/bench/app
app_data=target/bench/app-data
app_model=$app_data/chef-projet-digital.json
build_app() {
  rm -rf "$app_data"
  logged target/bench/build-app.log "the article's build" \
    env CPD_TEST_DATA="$root/$app_data" trunk build --release --offline --dist "$app_dist"
  sha256sum "$app_dist/chef-projet-digital.html" > "$app_data/page.sha256"
}
# Whether target/bench/app-data/ holds the model of the article in target/bench/app (not so
# after a dist was copied there by hand).
app_model_fits() {
  [ -f "$app_model" ] && (sha256sum --status -c "$app_data/page.sha256") 2>/dev/null
}

# precompress DIR… : a .br (brotli 11) and a .gz (gzip 9) beside every file of DIR… that the
# site's policy serves compressed (html, css, js, wasm, json, webmanifest, xml, txt, svg; images
# and fonts are left alone), by the build's own compressor (crates/publish/src/bin/precompress.rs),
# so every site compared is served as the article's build serves its own. Built once a run.
precompress() {
  if [ -z "${precompress_built:-}" ]; then
    cargo +stable build --quiet --locked -p cpd-publish --bin precompress
    precompress_built=1
  fi
  target/debug/precompress "$@"
}
