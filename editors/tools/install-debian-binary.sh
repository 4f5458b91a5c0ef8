#!/usr/bin/env bash
# Extracts a newer Debian release's build of a program (Neovim 0.10 from
# trixie, Helix from trixie) without touching the system's apt sources: a
# private apt configuration downloads the .debs, dpkg-deb extracts them, and a
# wrapper runs the binary with the extracted glibc and libraries.
#
#   install-debian-binary.sh SUITE DEST WRAPPER_NAME BINARY_PATH PACKAGE...
#
# e.g. install-debian-binary.sh trixie /tmp/nvim010 nvim usr/bin/nvim neovim neovim-runtime ...
# Prints the wrapper's path. Idempotent: an existing wrapper is reused.
set -euo pipefail
suite=$1 dest=$2 name=$3 bin=$4
shift 4
wrapper="$dest/$name"
if [ -x "$wrapper" ] && "$wrapper" --version >/dev/null 2>&1; then
	echo "$wrapper"
	exit 0
fi
rm -rf "$dest"
mkdir -p "$dest/apt/lists/partial" "$dest/apt/cache/archives/partial" "$dest/debs" "$dest/root"
# The system's own Debian mirror (the first non-security one it is set up with).
mirror=$(
	{
		sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null || true
		sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]\+\).*/\2/p' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true
	} | tr ' ' '\n' | grep -v -- '-security' | head -n1
) || true
[ -n "$mirror" ] || { echo "install-debian-binary.sh: no Debian mirror in /etc/apt/sources*" >&2; exit 1; }
echo "deb $mirror $suite main" >"$dest/apt/sources.list"
: >"$dest/apt/empty.list"
opts=(
	-o "Dir::Etc::sourcelist=$dest/apt/sources.list"
	-o "Dir::Etc::sourceparts=-"
	-o "Dir::State::Lists=$dest/apt/lists"
	-o "Dir::Cache=$dest/apt/cache"
	-o "Dir::State::status=$dest/apt/empty.list"
	-o "APT::Get::List-Cleanup=0"
	-o "Debug::NoLocking=1"
	-o "APT::Sandbox::User=root"
)
apt-get "${opts[@]}" update -qq >&2
(cd "$dest/debs" && apt-get "${opts[@]}" download "$@" >&2)
for deb in "$dest"/debs/*.deb; do
	dpkg-deb -x "$deb" "$dest/root"
done
root="$dest/root"
libdirs="$root/lib/x86_64-linux-gnu:$root/usr/lib/x86_64-linux-gnu"
for d in "$root"/usr/lib/x86_64-linux-gnu/*/; do
	libdirs="$libdirs:${d%/}"
done
loader="$root/usr/lib64/ld-linux-x86-64.so.2"
[ -e "$loader" ] || loader="$root/lib64/ld-linux-x86-64.so.2"
[ -e "$loader" ] || loader="$root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
runtime=""
if [ -d "$root/usr/share/nvim/runtime" ]; then
	runtime="export VIMRUNTIME=\"$root/usr/share/nvim/runtime\""
fi
for d in "$root/usr/lib/hx/runtime" "$root/usr/lib/helix/runtime" "$root/usr/share/helix/runtime"; do
	# The binary runs through the loader, so Helix cannot find its runtime
	# next to itself: name it.
	if [ -d "$d" ]; then
		runtime="export HELIX_RUNTIME=\"$d\""
		break
	fi
done
cat >"$wrapper" <<WRAP
#!/bin/sh
$runtime
exec "$loader" --library-path "$libdirs" "$root/$bin" "\$@"
WRAP
chmod +x "$wrapper"
"$wrapper" --version >&2
echo "$wrapper"
