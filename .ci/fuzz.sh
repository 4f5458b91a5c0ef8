#!/usr/bin/env bash
# Runs every native Go fuzz target for a while, one after another:
#
#   FUZZTIME          how long each target runs (default 30s; e.g. 10m, 5000x)
#   FUZZPARALLEL      fuzzing workers per target (default 1)
#   FUZZMINIMIZETIME  time spent minimizing each new input (default 10s; Go's
#                     default of 60s mostly minimizes large seeds)
#
# It prints each target's name and its last execution-count line. A target
# that fails (a crasher, written by Go to the package's
# testdata/fuzz/<Target>/ where it becomes a regression test of the normal
# `go test`) has its whole output printed, and the script exits non-zero once
# every target has run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$HOME/go/bin:$PATH"

fuzztime=${FUZZTIME:-30s}
parallel=${FUZZPARALLEL:-1}
minimize=${FUZZMINIMIZETIME:-10s}

# package target
targets=(
	"./analyzers/checker FuzzCheck"
	"./analyzers/document FuzzPositions"
	"./analyzers/document FuzzEdit"
	"./server/internal/jsonrpc FuzzReader"
	"./server/internal/jsonrpc FuzzDecode"
	"./analyzers/config FuzzParse"
)

# spurious_deadline reports whether a failed run is only Go 1.26's race at
# the -fuzztime deadline (go.dev/issue/75804, fixed in Go 1.27): the target
# "fails" with a bare "context deadline exceeded" and no failing input, no
# assertion and no panic.
spurious_deadline() {
	grep -qx '    context deadline exceeded' "$1" &&
		! grep -q 'Failing input written' "$1" &&
		! grep -qE '_test\.go:[0-9]+:|panic:|failure while testing seed corpus' "$1"
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT
failed=()
for entry in "${targets[@]}"; do
	read -r pkg target <<<"$entry"
	echo "== $target ($pkg, $fuzztime, -parallel $parallel)"
	if go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" \
		-parallel "$parallel" "$pkg" >"$log" 2>&1; then
		grep -E '^fuzz: elapsed: .*execs: ' "$log" | tail -n 1 || echo "(no execution count reported)"
	elif spurious_deadline "$log"; then
		grep -E '^fuzz: elapsed: .*execs: ' "$log" | tail -n 1 || echo "(no execution count reported)"
		echo "(ignored: Go's spurious 'context deadline exceeded' at the end of -fuzztime, go.dev/issue/75804; no failing input)"
	else
		cat "$log"
		echo "FAIL: $target ($pkg)"
		failed+=("$target")
	fi
done

if [ "${#failed[@]}" -gt 0 ]; then
	echo "fuzzing failed: ${failed[*]}" >&2
	exit 1
fi
echo "fuzzing passed: ${#targets[@]} targets, $fuzztime each"
