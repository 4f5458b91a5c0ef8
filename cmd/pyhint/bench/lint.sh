#!/usr/bin/env bash
# Benchmarks pyhint lint over a Python tree (default: this machine's standard
# library) against parse-only, in one run, and prints medians and the ratio.
#
#   cmd/pyhint/bench/lint.sh [DIR] [RUNS]
#
# parse-only = read + tree-sitter parse of every file, the floor of a
# tree-sitter design; lint = the full pass (flatten, facts, every analyzer),
# without the cache (see peers.sh for cold and warm cache runs and peers).
# Times and peak RSS come from GNU time (/usr/bin/time; apt-get install time).
# CPU time (user + sys) is quoted beside wall time: it is steadier when other
# work shares the machine.
set -euo pipefail
cd "$(dirname "$0")/../../.."
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
dir=${1:-$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')}
runs=${2:-7}
bin=$(mktemp -d)/pyhint
go build -o "$bin" ./cmd/pyhint

files=$(find "$dir" -name '*.py' -not -path '*/site-packages/*' -not -path '*/__pycache__/*' | wc -l)
bytes=$(find "$dir" -name '*.py' -not -path '*/site-packages/*' -not -path '*/__pycache__/*' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
echo "tree: $dir ($files files, $(awk "BEGIN{printf \"%.1f\", $bytes/1e6}") MB), $runs runs each, $(nproc) cores"

measure() { # prints "wall cpu" seconds of one run (cpu = user + sys, all cores)
  /usr/bin/time -f '%e %U %S' "$bin" lint "$@" "$dir" 2>&1 >/dev/null | tail -1 | awk '{print $1, $2 + $3}'
}
median() { sort -g | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

"$bin" lint -no-cache "$dir" >/dev/null 2>&1 || true # warm the page cache
pw=(); pc=(); lw=(); lc=()
for i in $(seq "$runs"); do # interleaved, so drift hits both alike
  read -r w c < <(measure -debug-parse-only); pw+=("$w"); pc+=("$c")
  read -r w c < <(measure -no-cache); lw+=("$w"); lc+=("$c")
done
p=$(printf '%s\n' "${pw[@]}" | median); l=$(printf '%s\n' "${lw[@]}" | median)
pcpu=$(printf '%s\n' "${pc[@]}" | median); lcpu=$(printf '%s\n' "${lc[@]}" | median)
echo "parse-only median: ${p}s wall, ${pcpu}s cpu"
echo "lint median:       ${l}s wall, ${lcpu}s cpu  ($(awk "BEGIN{printf \"%.0f files/s, %.1f MB/s\", $files/$l, $bytes/1e6/$l}"))"
echo "ratio lint/parse:  $(awk "BEGIN{printf \"%.3f wall, %.3f cpu\", $l/$p, $lcpu/$pcpu}")  (budget <= 1.2)"
rss=$( { /usr/bin/time -f '%M' "$bin" lint -no-cache "$dir" 2>&1 >/dev/null || true; } | tail -1) # lint exits 1: findings
echo "lint peak RSS:     $((rss / 1024)) MB"
