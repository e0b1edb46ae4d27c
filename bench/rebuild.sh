#!/usr/bin/env bash
# Times thongbao alone on one generated archive: full builds from clean
# against no-change builds (the same site built again into its last
# output), alternating, and prints the medians of wall time, CPU time and
# peak memory with the ratio no-change/full.
#
#   bench/rebuild.sh [NOTICES]            default: 100000
#   ROUNDS=5 WORK=/dev/shm/thongbao-bench bench/rebuild.sh 100000
#   TB=/path/to/other/thongbao bench/rebuild.sh 10000   another binary
#
# The build records go to $WORK/cache (THONGBAO_CACHE_DIR), on the same
# file system as the output; a full build starts without them.
#
# A build hands the replaced output to a background `rm -rf`; each timed
# build waits until the last one is gone, so no build pays for another's.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-/dev/shm/thongbao-bench}
rounds=${ROUNDS:-5}
n=${1:-100000}

cargo build --release --quiet --bin thongbao --example gen-corpus
tb=${TB:-"$repo/target/release/thongbao"}
export THONGBAO_CACHE_DIR="$work/cache"
mkdir -p "$work"
corpus="$work/corpus-$n"
out="$work/out-rebuild"
[ -d "$corpus/content" ] || "$repo/target/release/examples/gen-corpus" --notices "$n" --out "$corpus" 2>/dev/null
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr)"
echo "thongbao $tb ($(git -C "$repo" rev-parse --short HEAD)); $n notices; rounds: $rounds, alternating"

settle() {
  while ls -d "$work"/.out-rebuild.thongbao-* >/dev/null 2>&1; do sleep 0.2; done
}
timed() {
  settle
  /usr/bin/time -f "$1 %e %U %S %M" -a -o "$work/rebuild-$n.txt" "$tb" build --root "$corpus" --output "$out" >/dev/null
}
rm -f "$work/rebuild-$n.txt"
for _ in $(seq "$rounds"); do
  rm -rf "$out" "$THONGBAO_CACHE_DIR"
  timed full
  timed no-change
done
settle
python3 - "$work/rebuild-$n.txt" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) == 5 and parts[0] in ("full", "no-change"):
        name, wall, user, system, kib = parts
        runs.setdefault(name, []).append((float(wall), float(user) + float(system), int(kib) / 1024))
median = {name: [statistics.median(run[i] for run in values) for i in range(3)] for name, values in runs.items()}
print(f"{'build':10} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9}")
for name, (wall, cpu, mem) in median.items():
    print(f"{name:10} {wall:8.2f} {cpu:8.2f} {mem:9.0f}")
print(f"no-change/full: wall {median['no-change'][0] / median['full'][0]:.2f}, CPU {median['no-change'][1] / median['full'][1]:.2f}")
PY
