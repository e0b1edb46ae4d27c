#!/usr/bin/env bash
# Regenerates the README's screenshots of the sample site with Debian's
# headless Chromium and poppler-utils: a notice on screen at 1280 px and
# 390 px wide, and its printed first page.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$out"' EXIT
cargo run --release -q -- build --output "$out/public"
python3 -m http.server 8799 --bind 127.0.0.1 --directory "$out/public" >/dev/null 2>&1 &
server=$!
sleep 1
page=http://127.0.0.1:8799/2021/ket-luan-truc-bao-quy-i-2021/
chromium=(chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --hide-scrollbars --user-data-dir="$out/profile")
"${chromium[@]}" --window-size=1280,1500 --screenshot=docs/notice-1280.png "$page" 2>/dev/null
"${chromium[@]}" --window-size=390,1500 --screenshot=docs/notice-390.png "$page" 2>/dev/null
"${chromium[@]}" --no-pdf-header-footer --print-to-pdf="$out/notice.pdf" "$page" 2>/dev/null
pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$out/notice.pdf" docs/notice-print
echo "wrote docs/notice-1280.png docs/notice-390.png docs/notice-print.png"
