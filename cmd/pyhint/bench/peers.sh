#!/usr/bin/env bash
# Benchmarks pyhint lint against parse-only and against peer linters over a
# Python tree (default: this machine's standard library), all in one run, and
# prints each median with its ratio to parse-only and to pyhint cold.
#
#   cmd/pyhint/bench/peers.sh [DIR] [RUNS] [SLOW_RUNS]
#
# Modes, interleaved round by round so that machine drift hits all alike:
#   parse-only   read + tree-sitter parse of every file (the floor)
#   pyhint cold  full lint with an empty cache
#   pyhint warm  full lint over an unchanged tree with the cache filled
#   pyflakes     pyflakes3 (all its checks: it has no rule selection)
#   flake8       flake8 --select=E722 (the pycodestyle rule that is ours)
#   ruff-wasm    Ruff compiled to WebAssembly, through bench/ruff-wasm.js,
#                one worker per core, with the rules that correspond to ours
#   pylint       pylint -j NPROC, only the messages that correspond to ours
#                (SLOW_RUNS runs, default 1: it takes minutes)
# Every tool gets the same file list: *.py under DIR outside site-packages
# and __pycache__. Peers that are not installed are skipped with a hint:
#   apt-get install pyflakes3 flake8 pylint time
#   npm install --prefix ~/.cache/pyhint-bench @astral-sh/ruff-wasm-nodejs
# (or point RUFF_WASM_DIR at the installed package's directory). Wall times
# come from date; the user+sys CPU seconds of each mode's last run from GNU
# time when installed. No test depends on these numbers.
set -euo pipefail
cd "$(dirname "$0")/../../.."
repo=$PWD
dir=${1:-$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')}
runs=${2:-5}
slow_runs=${3:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=$work/pyhint
go build -o "$bin" ./cmd/pyhint

find "$dir" -name '*.py' -not -path '*/site-packages/*' -not -path '*/__pycache__/*' | sort > "$work/files"
mapfile -t files < "$work/files"
bytes=$(tr '\n' '\0' < "$work/files" | du -cb --files0-from=- | tail -1 | cut -f1)
echo "tree: $dir (${#files[@]} files, $(awk "BEGIN{printf \"%.1f\", $bytes/1e6}") MB), $(nproc) cores"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

ruff_dir=${RUFF_WASM_DIR:-$HOME/.cache/pyhint-bench/node_modules/@astral-sh/ruff-wasm-nodejs}
# Ruff rules that correspond to pyhint's: global-statement PLW0603,
# global-at-module-level PLW0604, global-unused PLW0602, bare-except E722,
# mutable-default-argument B006, raise-without-from B904, return-in-finally
# B012, open-without-with SIM115, lru-cache-on-method B019,
# list-comprehension-in-call C419, swallowed-exception S110, dangling-task
# RUF006, blocking-call-in-async ASYNC210/230/251, unused-suppression RUF100.
ruff_rules=PLW0603,PLW0604,PLW0602,E722,B006,B904,B012,SIM115,B019,C419,S110,RUF006,ASYNC210,ASYNC230,ASYNC251,RUF100
pylint_msgs=global-statement,global-at-module-level,global-variable-not-assigned,bare-except,dangerous-default-value,raise-missing-from,lost-exception,consider-using-with,method-cache-max-size-none,use-a-generator

declare -A cmds
order=()
add() { order+=("$1"); cmds[$1]=$2; }
add parse-only "\"$bin\" lint --debug-parse-only \"\${files[@]}\""
add pyhint-cold "rm -rf \"$work/cache\"; \"$bin\" lint --cache-dir \"$work/cache\" \"\${files[@]}\""
add pyhint-warm "\"$bin\" lint --cache-dir \"$work/warm\" \"\${files[@]}\""
if command -v pyflakes3 >/dev/null; then add pyflakes "pyflakes3 \"\${files[@]}\""; else echo "skip pyflakes: apt-get install pyflakes3"; fi
if command -v flake8 >/dev/null; then add flake8 "flake8 -j $(nproc) --select=E722 \"\${files[@]}\""; else echo "skip flake8: apt-get install flake8"; fi
if command -v node >/dev/null && [ -d "$ruff_dir" ]; then
  add ruff-wasm "node \"$repo/cmd/pyhint/bench/ruff-wasm.js\" \"$ruff_dir\" $ruff_rules \"$work/files\""
  echo "ruff-wasm: $(node -e "console.log(require('$ruff_dir').Workspace.version())")"
else
  echo "skip ruff-wasm: npm install --prefix ~/.cache/pyhint-bench @astral-sh/ruff-wasm-nodejs (or set RUFF_WASM_DIR)"
fi
if command -v pylint >/dev/null; then add pylint "pylint -j $(nproc) --disable=all --enable=$pylint_msgs --score=n \"\${files[@]}\""; else echo "skip pylint: apt-get install pylint"; fi

# One run of a mode: prints its wall seconds; its output goes to $work/out.
measure() {
  local start end
  start=$(date +%s.%N)
  eval "${cmds[$1]}" >"$work/out.$1" 2>&1 || true
  end=$(date +%s.%N)
  awk "BEGIN{print $end-$start}"
}
median() { sort -g | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

"$bin" lint "${files[@]}" >/dev/null 2>&1 || true                          # warm the page cache
"$bin" lint --cache-dir "$work/warm" "${files[@]}" >/dev/null 2>&1 || true # fill the warm cache
declare -A times
for i in $(seq "$runs"); do
  for m in "${order[@]}"; do
    if [ "$m" = pylint ] && [ "$i" -gt "$slow_runs" ]; then continue; fi
    times[$m]="${times[$m]:-} $(measure "$m")"
  done
done

cpu() { # user+sys seconds of one more run of mode $1, when GNU time is installed
  if [ -x /usr/bin/time ]; then
    local c=${cmds[$1]}
    [ "$1" = pyhint-cold ] && rm -rf "$work/cache"
    [ "$1" = pyhint-cold ] && c="\"$bin\" lint --cache-dir \"$work/cache\" \"\${files[@]}\""
    eval "/usr/bin/time -f '%U %S' -o \"$work/cpu\" $c" >/dev/null 2>&1 || true
    tail -1 "$work/cpu" | awk '{printf "%.2f", $1+$2}'
  else
    echo "-"
  fi
}

p=$(printf '%s\n' ${times[parse-only]} | median)
c=$(printf '%s\n' ${times[pyhint-cold]} | median)
printf '\n%-12s %6s %10s %10s %9s %8s  %s\n' mode runs "median s" "/parse" "/cold" "cpu s" "result"
for m in "${order[@]}"; do
  t=$(printf '%s\n' ${times[$m]} | median)
  n=$(printf '%s\n' ${times[$m]} | wc -l)
  case $m in
    parse-only) result="-" ;;
    pyhint-*) result="$(grep -oE '^Found [0-9]+ findings' "$work/out.$m" || echo "no findings")" ;;
    ruff-wasm) result=$(tail -1 "$work/out.$m") ;;
    *) result="$(grep -cE '^[^ ].*:[0-9]+:' "$work/out.$m" || true) lines" ;;
  esac
  [ "$m" = pylint ] && result="$(grep -cE ': [CRWEF][0-9]{4}: ' "$work/out.$m" || true) messages"
  cpus=$([ "$m" = pylint ] && echo "-" || cpu "$m")
  printf '%-12s %6s %10.3f %10.2f %9.2f %8s  %s\n' "$m" "$n" "$t" "$(awk "BEGIN{print $t/$p}")" "$(awk "BEGIN{print $t/$c}")" "$cpus" "$result"
done
echo
echo "budgets: pyhint-cold/parse-only <= 1.2; pyhint-warm <= 0.15 s; pyhint ahead of every peer"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
