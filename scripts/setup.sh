#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing; skips what is there.
# Safe to run again. Debian with rustup assumed; only package registries are used.
# `scripts/setup.sh --build`: only what `trunk build` needs (a deploy's CI, hosting/github-pages.yml):
# no browser, no servers, no test tools.
set -euo pipefail
cd "$(dirname "$0")/.."
build_only=false
case ${1:-} in
  --build) build_only=true ;;
  '') ;;
  *) echo "usage: $0 [--build]" >&2; exit 2 ;;
esac

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock exactly.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)

need_apt=()
command -v node >/dev/null || need_apt+=(nodejs npm)
if ! $build_only; then
command -v chromium >/dev/null || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need_apt+=(nginx-light)
[ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || need_apt+=(libnginx-mod-http-brotli-static)
command -v brotli >/dev/null || need_apt+=(brotli)
[ -x /usr/bin/time ] || need_apt+=(time)
# Jekyll 4.3, the oracle of the addresses test (crates/content/tests/jekyll_addresses.rs).
command -v jekyll >/dev/null || need_apt+=(jekyll)
# The navigation benchmark's real pointer (scripts/bench/nav-real.sh).
command -v Xvfb >/dev/null || need_apt+=(xvfb)
command -v xdotool >/dev/null || need_apt+=(xdotool)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# Native builds and the tests' wasm are stable; the release wasm needs the nightly pinned in
# rust-toolchain.toml (std rebuilt, see .cargo/config.toml), which this directory selects by
# default: everything else says `+stable`.
if ! rustup +stable target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target wasm32-unknown-unknown (stable)"
  rustup +stable target add wasm32-unknown-unknown
fi
rustup +stable component list --installed 2>/dev/null | grep -q '^clippy' || rustup +stable component add clippy rustfmt
NIGHTLY=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
if ! rustup component list --toolchain "$NIGHTLY" --installed 2>/dev/null | grep -q '^rust-src'; then
  log "rustup toolchain install $NIGHTLY (rust-src, wasm32; the release wasm's)"
  rustup toolchain install "$NIGHTLY" --profile minimal -c rust-src,clippy,rustfmt -t wasm32-unknown-unknown
fi

# Offline builds (trunk --offline passes --offline to cargo) need every crate already here,
# the project's and those of the std the release wasm rebuilds.
cargo +stable fetch --locked >/dev/null
cargo "+$NIGHTLY" fetch --manifest-path "$(rustc "+$NIGHTLY" --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml" >/dev/null

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  log "cargo install trunk $TRUNK_VERSION (about 5 minutes)"
  cargo +stable install trunk --version "$TRUNK_VERSION" --locked
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB_VERSION"; then
  log "cargo install wasm-bindgen-cli $WB_VERSION (about 4 minutes)"
  # Not --locked: one of its locked dependencies is gone from the registry.
  cargo +stable install wasm-bindgen-cli --version "$WB_VERSION"
fi

# Trunk finds wasm-opt on PATH. npm's binaryen 132 is a Node script, no download; Debian's
# binaryen 108 produces a wasm Chromium rejects, so the version is checked, not just the name.
if ! wasm-opt --version 2>/dev/null | grep -q "version 132"; then
  log "npm install -g binaryen@132.0.0 (wasm-opt)"
  npm install -g binaryen@132.0.0 --no-audit --no-fund --loglevel=error
fi

if ! $build_only && { [ ! -d node_modules/@playwright/test ] || [ ! -x node_modules/.bin/wrangler ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  log "npm ci (Playwright test runner, axe-core, Lighthouse; the hosts' engines: wrangler, Netlify's)"
  # Playwright must never download a browser: the system Chromium is used. The install scripts
  # left (esbuild, workerd, sharp) only check the binary their platform package brought (if it
  # were missing, they would fetch it from the npm registry, nowhere else); sharp would build
  # from source against a system libvips, fetching Node's headers from outside npm: never.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 SHARP_IGNORE_GLOBAL_LIBVIPS=1 npm ci --no-audit --no-fund --loglevel=error
fi
log "ready: trunk $(trunk --version | cut -d' ' -f2), wasm-bindgen $WB_VERSION, $(wasm-opt --version | head -1), $NIGHTLY for the release wasm"
