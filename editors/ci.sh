#!/usr/bin/env bash
# Installs every editor and runs every editor test against a pyhint binary.
# Each test FAILS (never skips) when its editor or tool is missing; the
# install steps put them there first. Timings are printed per stage.
#
#   editors/ci.sh PYHINT_BIN          all of it (what .ci/run calls)
#   editors/ci.sh PYHINT_BIN vscode   one part: deps | vscode | neovim | emacs | vim | helix
#
# Tools that Debian 12 lacks go to $PYHINT_EDITOR_TOOLS (default
# ~/.cache/pyhint-editors): Node 24 and code-server (npm), Neovim 0.10
# (trixie), Neovim 0.12 (sid) and Helix 25.01 (trixie), extracted from .debs.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin=${1:?usage: editors/ci.sh PYHINT_BIN [deps|vscode|neovim|emacs|vim|helix]}
only=${2:-all}
[ -x "$bin" ] || { echo "editors/ci.sh: $bin is not an executable" >&2; exit 1; }
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
tools="${PYHINT_EDITOR_TOOLS:-$HOME/.cache/pyhint-editors}"
mkdir -p "$tools"
export PYHINT_E2E_TOOLS="$tools/vscode"

failed=()
stage() { # name command...
	local name=$1 start=$SECONDS
	shift
	echo "== editors: $name"
	if "$@"; then
		echo "== editors: $name: ok ($((SECONDS - start)) s)"
	else
		echo "== editors: $name: FAILED ($((SECONDS - start)) s)"
		failed+=("$name")
	fi
}
want() { [ "$only" = all ] || [ "$only" = "$1" ]; }

deps() {
	local pkgs=(neovim vim-nox vim-ale emacs-nox elpa-eglot chromium tmux libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev build-essential pkg-config)
	local missing=()
	for p in "${pkgs[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	if [ "${#missing[@]}" -gt 0 ]; then
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	fi
	command -v npm >/dev/null || { echo "npm not found (apt-get install npm)" >&2; return 1; }
	local get="$here/tools/install-debian-binary.sh"
	"$get" trixie "$tools/nvim-0.10" nvim usr/bin/nvim neovim neovim-runtime libc6 libluajit-5.1-2 libmsgpack-c2 libtree-sitter0.22 libunibilium4 libuv1t64 libvterm0 lua-lpeg lua-luv >/dev/null &&
		{ [ "${PYHINT_EDITORS_SID:-0}" != 1 ] ||
			"$get" sid "$tools/nvim-0.12" nvim usr/bin/nvim neovim neovim-runtime libc6 libluajit-5.1-2 libtree-sitter0.26 libunibilium4 libutf8proc3 libuv1t64 lua-lpeg lua-luv >/dev/null; } &&
		"$get" trixie "$tools/helix" hx usr/bin/hx hx libc6 libgcc-s1 >/dev/null
}

vscode() {
	cd "$here/vscode" &&
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error &&
		PYHINT_BIN="$bin" npm test &&
		npm run package &&
		npm run package:target -- linux-x64 "$bin" &&
		test/e2e/install.sh "$PYHINT_E2E_TOOLS" &&
		PYHINT_BIN="$bin" node --test test/e2e/vscode.e2e.mjs
}

neovim() {
	local rc=0
	"$here/neovim/tests/run.sh" nvim "$bin" || rc=1                      # Debian 12: 0.7.2
	"$here/neovim/tests/run.sh" "$tools/nvim-0.10/nvim" "$bin" || rc=1   # trixie: 0.10.4
	# Neovim 0.12 comes from sid, whose packages change daily: opt in with
	# PYHINT_EDITORS_SID=1 (it covers the 0.11+ vim.lsp.config/enable path).
	if [ "${PYHINT_EDITORS_SID:-0}" = 1 ]; then
		"$here/neovim/tests/run.sh" "$tools/nvim-0.12/nvim" "$bin" || rc=1
	fi
	return $rc
}

want deps && stage "install editors and tools" deps
want vscode && stage "VS Code: unit tests, package, code-server end-to-end" vscode
want neovim && stage "Neovim 0.7.2, 0.10 (and 0.12 with PYHINT_EDITORS_SID=1)" neovim
want emacs && stage "Emacs (eglot)" "$here/emacs/test/run.sh" "$bin"
want vim && stage "Vim (ALE)" "$here/vim/test/run.sh" "$bin"
want helix && stage "Helix" "$here/helix/test/run.sh" "$tools/helix/hx" "$bin"

if [ "${#failed[@]}" -gt 0 ]; then
	echo "editors: FAILED: ${failed[*]}"
	exit 1
fi
echo "editors: all passed"
