#!/bin/sh
# Installs, idempotently, every Debian package cocreate needs to build, run
# and test.  Run as root (CI does); as another user it says what is missing.
#   install-deps.sh [--quiet]   --quiet: say nothing when all is there
set -eu

PACKAGES="
gcc g++ make pkg-config
libfcgi-dev libsqlite3-dev libctemplate-dev libmarkdown2-dev libsodium-dev
libzip-dev
clang libclang-rt-14-dev
nginx-light sqlite3 curl ca-certificates
check tidy python3 python3-icalendar valgrind wrk time
libreoffice-writer-nogui poppler-utils fonts-arphic-ukai
chromium fonts-noto-cjk
"
# The browser tests' Node: Debian's nodejs and npm, unless a node is there.
command -v node >/dev/null 2>&1 || PACKAGES="$PACKAGES nodejs npm"

# The browser tests' npm packages, exactly as tests/browser/package-lock.json
# pins them (npm ci, never a browser download); again only when it changed.
npm_deps() {
	dir=$(cd "$(dirname "$0")/.." && pwd)/tests/browser
	[ -f "$dir/package-lock.json" ] || return 0
	cmp -s "$dir/package-lock.json" "$dir/node_modules/.cocreate-lock" && return 0
	[ $quiet = 1 ] || echo "install-deps: npm ci in tests/browser"
	(cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund \
	    --loglevel=error >/dev/null)
	cp "$dir/package-lock.json" "$dir/node_modules/.cocreate-lock"
}

quiet=0
[ "${1:-}" = "--quiet" ] && quiet=1

missing=""
for p in $PACKAGES; do
	# nginx from any Debian flavour (nginx, nginx-full) will do.
	if [ "$p" = nginx-light ] && command -v nginx >/dev/null 2>&1; then
		continue
	fi
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	[ $quiet = 1 ] || echo "install-deps: everything is installed"
	npm_deps
	exit 0
fi

echo "install-deps: installing:$missing"
if [ "$(id -u)" != 0 ]; then
	echo "install-deps: run as root: apt-get install$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists once if they are missing or a day old.
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages' -mtime -1 2>/dev/null | head -n 1)" ]; then
	apt-get update -qq
fi
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
# Debian starts the packaged nginx service; cocreate runs its own.
if command -v systemctl >/dev/null 2>&1; then
	systemctl disable --now nginx >/dev/null 2>&1 || true
fi
npm_deps
