#!/usr/bin/env bash
# Every test, from a fresh machine: set-up, lint, native unit tests, wasm tests in headless
# Chromium, the release builds, and end-to-end tests against dist/ served by nginx.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# The crates that compile to wasm: the entries, the view and the search (content and publish are
# native only).
wasm=(--target wasm32-unknown-unknown --package chef-projet-digital --package cpd-view --package cpd-search)

step "format and lint (native and wasm)"
cargo +stable fmt --all -- --check
cargo +stable clippy --locked --workspace --all-targets -- -D warnings
cargo +stable clippy --locked "${wasm[@]}" --all-targets -- -D warnings

step "native tests (content, view, search, publish)"
cargo +stable test --locked --workspace

step "wasm-bindgen tests in headless Chromium"
CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver} \
  cargo +stable test --locked --target wasm32-unknown-unknown --package cpd-view --package cpd-search --test wasm

# Each build writes what the end-to-end tests read (pages' models, the build's facts) into a
# folder of its own under target/e2e-data/, never into the site.
data=$PWD/target/e2e-data
rm -rf "$data" && mkdir -p "$data"
step "release build (trunk build --release --offline)"
CPD_TEST_DATA=$data/app trunk build --release --offline
# The same site for a sub-path host (the wasm is reused from the build above).
rm -rf target/e2e-sub && mkdir -p target/e2e-sub
CPD_TEST_DATA=$data/sub trunk build --release --offline --public-url /docs/ --dist target/e2e-sub/docs
# The fixture site: every Markdown construct, two languages, several pages, under a sub-path.
# The hook also keeps Trunk's output as under scripts/serve.sh, for the development server's
# end-to-end test (tests/e2e/serve.spec.ts).
rm -rf target/e2e-fixture target/e2e-serve && mkdir -p target/e2e-fixture
CPD_TEST_DATA=$data/fixture CONTENT_DIR=tests/fixtures/site CPD_SERVE_DIR=$PWD/target/e2e-serve \
  trunk build --release --offline --public-url /essai/ --dist target/e2e-fixture/essai

# A Jekyll blog brought over unchanged: posts, Liquid, the old theme's pages and files.
rm -rf target/e2e-blog && mkdir -p target/e2e-blog
CPD_TEST_DATA=$data/blog CONTENT_DIR=tests/fixtures/blog \
  trunk build --release --offline --dist target/e2e-blog

# The fixture site's next deploy, for the tests of a deploy under an open page: one more
# paragraph, so another text and another search index (tests/e2e/deploy.spec.ts).
rm -rf target/e2e-next && mkdir -p target/e2e-next
cp -r tests/fixtures/site target/e2e-next/site
printf '\nUne phrase du déploiement suivant : zéphyrine.\n' >> target/e2e-next/site/index.md
CPD_TEST_DATA=$data/next CONTENT_DIR=target/e2e-next/site \
  trunk build --release --offline --public-url /essai/ --dist target/e2e-next/essai

step "end-to-end tests (Playwright, system Chromium; nginx and the hosts' engines)"
npx playwright test
