#!/usr/bin/env bash
# Every test, from a fresh machine: set-up, lint, native unit tests, wasm tests in headless
# Chromium, the release build, and end-to-end tests against dist/ served by nginx.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format and lint (native, ssr, wasm)"
cargo fmt --all -- --check
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked --all-targets --features ssr -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown --features hydrate -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown --features hydrate --tests -- -D warnings

step "native unit tests (parser, model, config, prerender)"
cargo test --locked --features ssr

step "wasm-bindgen tests in headless Chromium"
CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver} \
  cargo test --locked --target wasm32-unknown-unknown --features hydrate --test wasm

step "release build (trunk build --release --offline)"
trunk build --release --offline
# The same site for a sub-path host (the wasm is reused from the build above).
rm -rf target/e2e-sub && mkdir -p target/e2e-sub
trunk build --release --offline --public-url /docs/ --dist target/e2e-sub/docs
# The fixture site: every Markdown construct, two languages, several pages, under a sub-path.
rm -rf target/e2e-fixture && mkdir -p target/e2e-fixture
CONTENT_DIR=tests/fixtures/site \
  trunk build --release --offline --public-url /essai/ --dist target/e2e-fixture/essai

step "end-to-end tests (Playwright, system Chromium, nginx)"
npx playwright test
