#!/usr/bin/env bash
# Benchmarks pyhint lint over a Python tree (default: this machine's standard
# library) against parse-only, in one run, and prints medians and the ratio.
#
#   cmd/pyhint/bench/lint.sh [DIR] [RUNS]
#
# parse-only = read + tree-sitter parse of every file, the floor of a
# tree-sitter design; lint = the full pass (flatten, facts, every analyzer).
# Peak RSS comes from GNU time when installed (apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/../../.."
dir=${1:-$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')}
runs=${2:-7}
bin=$(mktemp -d)/pyhint
go build -o "$bin" ./cmd/pyhint

files=$(find "$dir" -name '*.py' -not -path '*/site-packages/*' -not -path '*/__pycache__/*' | wc -l)
bytes=$(find "$dir" -name '*.py' -not -path '*/site-packages/*' -not -path '*/__pycache__/*' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
echo "tree: $dir ($files files, $(awk "BEGIN{printf \"%.1f\", $bytes/1e6}") MB), $runs runs each, $(nproc) cores"

measure() { # prints seconds of one run
  local start end
  start=$(date +%s.%N)
  "$bin" lint "$@" "$dir" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  awk "BEGIN{print $end-$start}"
}
median() { sort -g | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

"$bin" lint "$dir" >/dev/null 2>&1 || true # warm the page cache
parse=(); lint=()
for i in $(seq "$runs"); do # interleaved, so drift hits both alike
  parse+=("$(measure -debug-parse-only)")
  lint+=("$(measure)")
done
p=$(printf '%s\n' "${parse[@]}" | median)
l=$(printf '%s\n' "${lint[@]}" | median)
echo "parse-only median: ${p}s"
echo "lint median:       ${l}s  ($(awk "BEGIN{printf \"%.0f files/s, %.1f MB/s\", $files/$l, $bytes/1e6/$l}"))"
echo "ratio lint/parse:  $(awk "BEGIN{printf \"%.3f\", $l/$p}")  (budget <= 1.2)"
if [ -x /usr/bin/time ]; then
  rss=$(/usr/bin/time -f '%M' "$bin" lint "$dir" 2>&1 >/dev/null | tail -1)
  echo "lint peak RSS:     $((rss / 1024)) MB"
fi
