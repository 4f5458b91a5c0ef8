#!/usr/bin/env bash
# Drives a real Helix in tmux with the shipped languages.toml against the
# real server: diagnostics, inlay hints, a hover on `global`, and a quick fix.
#
#   helix/test/run.sh HX PYHINT_BIN
#
# HX is a Helix 25.01+ binary (editors/tools/install-debian-binary.sh gets
# Debian trixie's). Every wait polls the screen with a deadline.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
hx=${1:?usage: run.sh HX PYHINT_BIN}
bin=${2:?usage: run.sh HX PYHINT_BIN}
command -v tmux >/dev/null || { echo "run.sh: tmux not found (apt-get install tmux)" >&2; exit 1; }
"$hx" --version >/dev/null 2>&1 || { echo "run.sh: $hx does not run" >&2; exit 1; }
[ -x "$bin" ] || { echo "run.sh: $bin is not an executable" >&2; exit 1; }
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

work="$(mktemp -d)"
sock="pyhint-helix-$$"
T() { tmux -L "$sock" "$@"; }
trap 'T kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/config/helix" "$work/home"
cp -r "$here/../../testdata/project" "$work/project"
# The shipped file, unchanged: it runs "pyhint" from PATH.
ln -s "$bin" "$work/bin/pyhint"
cp "$here/../languages.toml" "$work/config/helix/languages.toml"
cat >"$work/config/helix/config.toml" <<'TOML'
[editor]
end-of-line-diagnostics = "hint"
[editor.lsp]
display-inlay-hints = true
TOML

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
notok() {
	failed=$((failed + 1))
	echo "not ok - $1"
	T capture-pane -p 2>/dev/null | sed 's/^/#   /' | head -45
}
screen() { T capture-pane -p; }
# wait_for SECONDS FIXED-STRING: polls the screen until it shows the string.
wait_for() {
	local deadline=$((SECONDS + $1))
	while [ $SECONDS -lt $deadline ]; do
		screen | grep -qF -- "$2" && return 0
		sleep 0.1
	done
	return 1
}
wait_gone() {
	local deadline=$((SECONDS + $1))
	while [ $SECONDS -lt $deadline ]; do
		screen | grep -qF -- "$2" || return 0
		sleep 0.1
	done
	return 1
}

echo "== $("$hx" --version)"
cd "$work/project"
T new-session -d -x 200 -y 45 "env HOME=$work/home XDG_CONFIG_HOME=$work/config PATH=$work/bin:\$PATH $hx demo.py 2>$work/hx.err"

if wait_for 15 'bare `except:` also catches KeyboardInterrupt'; then
	ok "diagnostics from pyhint, shown at the end of their lines"
else
	notok "diagnostics from pyhint, shown at the end of their lines"
fi
if wait_for 5 'global counter rebinds module global'; then
	ok "an inlay hint after \`global counter\`"
else
	notok "an inlay hint after \`global counter\`"
fi

T send-keys "/"
T send-keys -l "global counter"
T send-keys Enter
wait_for 5 "7:18" || true # the cursor is on the match
T send-keys Space k
if wait_for 10 "The global keyword" && screen | grep -qF "rebind the module-level name counter"; then
	ok "hover on \`global\` shows the concept card"
else
	notok "hover on \`global\` shows the concept card"
fi
T send-keys Escape

T send-keys "/"
T send-keys -l "except:"
T send-keys Enter
T send-keys Space a
if wait_for 10 "Replace with except Exception:"; then
	ok "the quick fix is offered on \`except:\`"
	# The preferred fix comes first in the menu.
	T send-keys Enter
	if wait_for 10 "12      except Exception:" && wait_gone 10 'bare `except:` also catches'; then
		ok "the quick fix applies and the diagnostic goes away"
	else
		notok "the quick fix applies and the diagnostic goes away"
	fi
else
	notok "the quick fix is offered on \`except:\`"
fi

T send-keys Escape
T send-keys ":"
T send-keys -l "q!"
T send-keys Enter
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
