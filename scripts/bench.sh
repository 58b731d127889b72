#!/usr/bin/env bash
# The benchmark and its smaller timings, one script each under scripts/bench/ (this one only
# dispatches). Needs what scripts/setup.sh installs; writes under target/bench/. See BENCHMARKS.md.
#   scripts/bench.sh [RUNS]       the benchmark: our article against the framework's floor and
#                                 against plain HTML, medians over RUNS (default 5)
#                                 → scripts/bench/full.sh, target/bench/report.md
#   scripts/bench.sh pages [N…]   the render step on generated sites of N pages (default 10 100
#                                 1000), clean and after one page changed, beside Hugo's and
#                                 Jekyll's builds → scripts/bench/pages.sh, target/bench/pages.md
#   scripts/bench.sh nav [N]      N page-to-page navigations on the fixture site (default 10)
#                                 → scripts/bench/nav.sh, target/bench/page-nav.json
#   scripts/bench.sh serve [N]    N saves of each kind (a paragraph, a title) until the page
#                                 shows them under scripts/serve.sh, in Chromium (default 10)
#                                 → scripts/bench/serve.sh, target/bench/serve.json
#   scripts/bench.sh search [N]   the site's search against Pagefind 1.6 on the fixture site and
#                                 on 1,000 generated pages, medians over N runs (default 5)
#                                 → scripts/bench/search.sh, target/bench/search.md
#   scripts/bench.sh hosts [N]    first visits and page to page on nginx and on wrangler, side
#                                 by side → scripts/bench/hosts.sh, target/bench/hosts/report.md
# Environment (see each script): BENCH_PORT, BENCH_CLICKS, BENCH_LOADS, BENCH_SKIP_BUILD, CHROMIUM;
# for pages: BENCH_EDITS, BENCH_PEERS, BENCH_POSTS, BENCH_HUGO_SERVER_FLAGS.
set -euo pipefail
bench=$(dirname "$0")/bench

# The lines above, from "scripts/bench.sh [RUNS]" to "hosts".
usage() { sed -n '4,19s/^#   //p' "$0" >&2; }

case ${1:-} in
  pages | nav | serve | search | hosts) exec bash "$bench/$1.sh" "${@:2}" ;;
  '' | [0-9]*) exec bash "$bench/full.sh" "$@" ;;
  -h | --help | help) echo 'usage:' >&2; usage; exit 0 ;;
  *) printf 'bench: unknown command: %s\nusage:\n' "$1" >&2; usage; exit 2 ;;
esac
