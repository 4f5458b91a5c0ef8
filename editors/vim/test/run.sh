#!/usr/bin/env bash
# Headless test of the ALE linter definition against the real server.
#   test/run.sh PYHINT_BIN
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin=${1:?usage: run.sh PYHINT_BIN}
command -v vim >/dev/null || { echo "run.sh: vim not found (apt-get install vim-nox vim-ale)" >&2; exit 1; }
[ -f /usr/share/vim-ale/plugin/ale.vim ] || { echo "run.sh: ALE not found (apt-get install vim-ale)" >&2; exit 1; }
[ -x "$bin" ] || { echo "run.sh: $bin is not an executable" >&2; exit 1; }
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$here/../../testdata/project" "$work/project"
export HOME="$work/home"
mkdir -p "$HOME"
echo "== $(vim --version | head -1), ALE $(dpkg-query -W -f='${Version}' vim-ale 2>/dev/null)"
set +e
PYHINT_BIN="$bin" PYHINT_VIM_DIR="$(dirname "$here")" PYHINT_WORK="$work/project" PYHINT_OUT="$work/out" \
	timeout 120 vim -N -u NONE -i NONE -n -es -S "$here/pyhint_test.vim" </dev/null
code=$?
set -e
cat "$work/out" 2>/dev/null || echo "not ok - vim wrote no results (exit $code)"
exit $code
