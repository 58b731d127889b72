#!/usr/bin/env bash
# The edit loop, timed: `scripts/bench.sh serve [N]` starts `scripts/serve.sh` (trunk serve
# behind nginx, development profile) on BENCH_PORT (default 8191) and, N times (default 5),
# appends a sentence to content/chef-projet-digital.md and prints how long after the save the
# served page holds it; the sentence is then removed, and the file is restored on exit whatever
# happens. Logs: target/bench-serve.log.
# shellcheck source=scripts/bench/lib.sh
source "$(dirname "$0")/lib.sh"

tries=${1:-5}
port=${BENCH_PORT:-8191}
file=content/chef-projet-digital.md
cp $file target/bench-serve-original.md
trap 'cp target/bench-serve-original.md $file; kill "${serve:-}" 2>/dev/null; wait 2>/dev/null' EXIT
PORT=$port bash scripts/serve.sh > target/bench-serve.log 2>&1 & serve=$!
url=http://127.0.0.1:$port/chef-projet-digital.html
# The first build (up to 15 minutes), then a few seconds for trunk serve to settle.
for _ in $(seq 1 900); do curl -fsS "$url" 2>/dev/null | grep -q 'id="structure"' && break; sleep 1; done
sleep 3
for i in $(seq 1 "$tries"); do
  mark="Phrase de mesure $i $RANDOM."
  start=$(date +%s.%N)
  printf '\n%s\n' "$mark" >> $file
  until curl -fsS "$url" 2>/dev/null | grep -q "$mark"; do sleep 0.05; done
  printf 'edit %s: %s s\n' "$i" "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')"
  cp target/bench-serve-original.md $file
  until ! curl -fsS "$url" 2>/dev/null | grep -q "$mark"; do sleep 0.1; done
  # Let the rebuild the restore started finish, so the next edit starts a build of its own.
  sleep 5
done
