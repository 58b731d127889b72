#!/usr/bin/env bash
# Builds the site and serves it on http://127.0.0.1:8080/ (PORT to change), as a static host
# serves it (`/a` is a.html, unknown addresses get the site's 404.html), reloading the open
# pages on every rebuild.
#
# Two loops (see crates/publish/src/serve/):
# - a content edit (the content folder, its _config.yml, i18n/) is rebuilt by the server in
#   process, from Trunk's last output: no cargo, no wasm; the pages reload when it is written.
#   A build error shows over the page (`file:line: message`) and in this terminal; the last good
#   pages stay served, and the next good save clears it;
# - a code edit goes through `trunk watch` (the development profile; its post_build hook
#   prerenders the whole site), and the pages reload when Trunk has written it.
# `--drafts` builds the posts of `_drafts/` too; other arguments go to `trunk watch`.
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
for arg in "$@"; do
  case $arg in
    --drafts) export CPD_DRAFTS=1 ;;
    *) args+=("$arg") ;;
  esac
done
bash scripts/setup.sh
# The hook keeps Trunk's output there for the server, and marks each build's end.
export CPD_SERVE_DIR=$PWD/target/cpd-serve
# The server is built as the hook's binary is, in the profile Trunk.toml runs it in.
profile=$(grep -o '"--profile", "[a-z-]*"' Trunk.toml | cut -d'"' -f4)
cargo +stable build --quiet --locked --profile "$profile" -p cpd-publish --bin serve
trunk watch --offline --ignore content --ignore i18n "${args[@]}" &
trunk=$!
PORT=${PORT:-8080} "target/$profile/serve" &
server=$!
trap 'kill "$trunk" "$server" 2>/dev/null; wait' EXIT INT TERM
wait -n
