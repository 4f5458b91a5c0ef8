#!/usr/bin/env bash
# Runs the Neovim plugin's headless tests with one Neovim against the real
# `pyhint serve`.
#
#   tests/run.sh NVIM PYHINT_BIN
#
# e2e.lua runs on every version; native.lua (lsp/pyhint.lua with
# vim.lsp.enable) runs on Neovim 0.11+, where that API exists.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
plugin="$(dirname "$here")"
nvim=${1:?usage: run.sh NVIM PYHINT_BIN}
bin=${2:?usage: run.sh NVIM PYHINT_BIN}
command -v "$nvim" >/dev/null || { echo "run.sh: $nvim not found" >&2; exit 1; }
[ -x "$bin" ] || { echo "run.sh: $bin is not an executable" >&2; exit 1; }
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache"
mkdir -p "$HOME"
# doc/tags is generated into a copy, never into the source tree.
cp -r "$plugin" "$work/plugin"
rm -f "$work/plugin/doc/tags"

status=0
run() { # name script
	rm -rf "$work/project"
	cp -r "$plugin/../testdata/project" "$work/project"
	echo "== $($nvim --version | head -1): $1"
	PYHINT_PLUGIN="$work/plugin" PYHINT_BIN="$bin" PYHINT_WORK="$work/project" \
		timeout 120 "$nvim" --headless -u NONE -i NONE -n -c "luafile $work/plugin/tests/$1" </dev/null || status=1
}
run e2e.lua
if "$nvim" --headless -u NONE -i NONE -n -c 'lua io.stdout:write(vim.fn.has("nvim-0.11") .. "\n")' -c 'qall!' | grep -q 1; then
	run native.lua
fi
exit $status
