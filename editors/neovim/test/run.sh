#!/usr/bin/env bash
# Runs lsp_test.lua: Neovim (Debian 12's 0.7.2, headless) starts
# `pyhint serve`, opens a Python file, gets its diagnostics, a concept hover
# on `global`, an inlay hint, and applies a quick fix.
#
# Usage: editors/neovim/test/run.sh [path/to/pyhint]
# Without an argument, builds cmd/pyhint first. Without nvim the test is
# skipped, except in CI (CI=true), where that is a failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"

if ! command -v nvim >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then
    echo "FAIL: nvim not found (install it: apt-get install -y --no-install-recommends neovim)" >&2
    exit 1
  fi
  echo "SKIP: nvim not found"
  exit 0
fi
nvim --version | head -1

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if [ $# -ge 1 ]; then
  bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
else
  (cd "$root" && go build -o "$tmp/pyhint" ./cmd/pyhint)
  bin="$tmp/pyhint"
fi

mkdir -p "$tmp/ws"
cat > "$tmp/ws/demo.py" <<'PY'
global DEBUG
DEBUG = True

counter = 0


def bump():
    global counter
    counter += 1
PY

# HOME and XDG dirs point at the temp dir: no user config, no state left.
export HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache"
PYHINT_BIN="$bin" PYHINT_FILE="$tmp/ws/demo.py" \
  timeout 90 nvim --headless -u NONE -i NONE -n -c "luafile $here/lsp_test.lua" 2>"$tmp/nvim.err" || {
    code=$?
    echo "nvim exited with $code; its stderr:" >&2
    cat "$tmp/nvim.err" >&2
    exit 1
  }
