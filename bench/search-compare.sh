#!/usr/bin/env bash
# Search relevance and cost, thongbao beside Pagefind 1.6, on the same
# generated archive (issue 21): nDCG@10 and MRR over the relevance set in
# bench/relevance/queries.tsv, bytes downloaded per query (median, max; as
# served and gzipped), index size and indexing time.
#
#   bench/search-compare.sh [NOTICES...]     default: 5000 50000
#   WORK=/dev/shm/thongbao-search bench/search-compare.sh 5000
#
# Needs Debian's chromium, python3 and npm (Pagefind is installed from npm
# into target/bench-tools, with the binary its package ships).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-/dev/shm/thongbao-search}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(5000 50000)

tools="$repo/target/bench-tools"
pagefind="$tools/node_modules/.bin/pagefind"
[ -x "$pagefind" ] || npm install --silent --no-audit --no-fund --prefix "$tools" pagefind@1.6.0
cargo build --release --quiet --manifest-path "$repo/Cargo.toml" --bin thongbao --example gen-corpus --example search-compare
bin="$repo/target/release"

for notices in "${sizes[@]}"; do
  site="$work/$notices"
  rm -rf "$site"
  "$bin/examples/gen-corpus" --notices "$notices" --out "$site" --relevance
  echo "== $notices notices"
  start=$(date +%s%N)
  "$bin/thongbao" build --root "$site" --cache-dir "$work/cache-$notices" >/dev/null
  echo "thongbao build (pages and index): $(( ($(date +%s%N) - start) / 1000000 )) ms"
  # Only the notice pages, their main content: what the reader searches.
  start=$(date +%s%N)
  "$pagefind" --site "$site/public" --glob "20*/*/index.html" --root-selector main --silent
  echo "pagefind indexing: $(( ($(date +%s%N) - start) / 1000000 )) ms"
  "$bin/examples/search-compare" --root "$site"
done
