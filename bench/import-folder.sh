#!/usr/bin/env bash
# Times `thongbao import` of a folder of N texts (default 1000) made from
# the test set in tests/imports/set/ (each copy with its own serial, so that
# every notice has its own file), on tmpfs, ROUNDS times from a clean site,
# and prints the median wall time and the files per second.
#
#   bench/import-folder.sh [N]           ROUNDS=5 WORK=/dev/shm/thongbao-import
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-/dev/shm/thongbao-import}
rounds=${ROUNDS:-5}
count=${1:-1000}
cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
bin="$repo/target/release/thongbao"
rm -rf "$work" && mkdir -p "$work/incoming"
python3 - "$repo/tests/imports/set" "$work/incoming" "$count" <<'PY'
import os, re, sys
source, target, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
texts = []
for name in sorted(os.listdir(source)):
    if name.endswith(".txt"):
        raw = open(os.path.join(source, name), "rb").read()
        try:
            texts.append((name, raw.decode("utf-8")))
        except UnicodeDecodeError:
            pass  # the encoded ones are copied as they are below
for i in range(count):
    name, text = texts[i % len(texts)]
    # A serial of its own: "Số: 58/TB-UBND" → "Số: 10058/TB-UBND".
    text = re.sub(r"(Số:?\s*)(\d+)", lambda m: f"{m.group(1)}{i + 1}{m.group(2)}", text, count=1)
    folder = os.path.join(target, f"{i // 100:02}")
    os.makedirs(folder, exist_ok=True)
    open(os.path.join(folder, f"{i:04}-{name}"), "w", encoding="utf-8").write(text)
PY
times=()
for round in $(seq "$rounds"); do
  rm -rf "$work/site" && mkdir -p "$work/site" && echo 'title = "Bench"' > "$work/site/site.toml"
  start=$(date +%s.%N)
  "$bin" import --root "$work/site" "$work/incoming" > "$work/import.log" 2>&1 || true
  end=$(date +%s.%N)
  times+=("$(echo "$end - $start" | bc)")
done
written=$(find "$work/site/content" -name '*.md' | wc -l)
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (rounds + 1) / 2 ))p")
echo "import of $count texts: median $median s over $rounds rounds ($(echo "$count / $median" | bc) files/s), $written notices written"
tail -1 "$work/import.log"
