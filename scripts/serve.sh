#!/usr/bin/env bash
# Builds the app and serves it on http://127.0.0.1:8080/ with live reload (trunk serve).
# The post_build hook prerenders the pages, so what is served is what dist/ will hold.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec trunk serve --release --offline --address 127.0.0.1 --port "${PORT:-8080}" "$@"
