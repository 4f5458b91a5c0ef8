#!/usr/bin/env bash
# Batch test of pyhint.el (eglot) against the real server.
#   test/run.sh PYHINT_BIN
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin=${1:?usage: run.sh PYHINT_BIN}
command -v emacs >/dev/null || { echo "run.sh: emacs not found (apt-get install emacs-nox elpa-eglot)" >&2; exit 1; }
[ -d /usr/share/emacs/site-lisp/elpa ] && ls -d /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1 || { echo "run.sh: eglot not found (apt-get install elpa-eglot)" >&2; exit 1; }
[ -x "$bin" ] || { echo "run.sh: $bin is not an executable" >&2; exit 1; }
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$here/../../testdata/project" "$work/project"
export HOME="$work/home"
mkdir -p "$HOME"
# pyhint.el byte-compiles without a warning (compiled in a copy: no .elc in the tree).
cp "$(dirname "$here")/pyhint.el" "$work/pyhint.el"
emacs --batch -Q --eval "(progn (setq package-directory-list '(\"/usr/share/emacs/site-lisp/elpa\")) (package-initialize) (setq byte-compile-error-on-warn t))" \
	-f batch-byte-compile "$work/pyhint.el" || { echo "not ok - pyhint.el byte-compiles cleanly"; exit 1; }
echo "== $(emacs --version | head -1), eglot $(ls -d /usr/share/emacs/site-lisp/elpa/eglot-* | sed 's/.*eglot-//')"
PYHINT_BIN="$bin" PYHINT_EMACS_DIR="$(dirname "$here")" PYHINT_WORK="$work/project" \
	timeout 120 emacs --batch -Q -l "$here/pyhint-test.el" </dev/null
