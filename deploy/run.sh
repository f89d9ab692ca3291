#!/bin/bash
# `make run`: the app and nginx in the foreground, on 127.0.0.1:PORT, with
# everything (database, socket, logs, nginx config) under STATE.  Ctrl-C or
# SIGTERM stops both.  Environment: PORT (8080), STATE (var), WORKERS (8:
# the Makefile says why), BIN (./cocreate), DEADLINE (for a new database;
# default 14 days ahead), ORIGIN (the address people reach it at; default
# http://127.0.0.1:PORT).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORT=${PORT:-8080}
ORIGIN=${ORIGIN:-http://127.0.0.1:$PORT}
WORKERS=${WORKERS:-8}
STATE=${STATE:-var}
BIN=${BIN:-$ROOT/cocreate}
mkdir -p "$STATE/tmp"
STATE=$(cd "$STATE" && pwd)
DB=$STATE/cocreate.db

# init is idempotent: it creates the database with the 2020 reference data,
# or brings an existing one up to the current schema, keeping its deadline.
# It keeps the site's origin too, so that `cocreate export` writes the same
# links as the web's exports.
new=0
[ -f "$DB" ] || new=1
if [ -n "${DEADLINE:-}" ] && [ $new = 1 ]; then
	"$BIN" init --db "$DB" --origin "$ORIGIN" --deadline "$DEADLINE"
else
	"$BIN" init --db "$DB" --origin "$ORIGIN"
fi
[ $new = 1 ] && echo "created $DB with the 2020 reference data"

# A demo organizer for a new database; its password is kept (mode 600)
# beside the database so that every `make run` can print it.
CRED=$STATE/organizer.txt
if [ ! -f "$CRED" ] && ! "$BIN" user list --db "$DB" | grep -q '^organizer '; then
	(umask 077 && "$BIN" user add --db "$DB" --login organizer \
	    --role organizer > "$CRED")
fi

sh "$ROOT/deploy/nginx-conf.sh" "$ROOT" "$STATE" "$PORT" > "$STATE/nginx.conf"

app=
web=
# Both are stopped whichever died first: under set -e a kill of one
# already gone ended the trap before the other (the app outlived nginx).
stop() {
	trap - INT TERM EXIT
	[ -z "$web" ] || kill -TERM "$web" 2>/dev/null || true
	[ -z "$app" ] || kill -TERM "$app" 2>/dev/null || true
	wait 2>/dev/null || true
	echo "stopped"
}
trap 'stop; exit 0' INT TERM
trap stop EXIT

"$BIN" serve --db "$DB" --socket "$STATE/cocreate.sock" --workers "$WORKERS" \
    2>>"$STATE/cocreate.log" &
app=$!
nginx -c "$STATE/nginx.conf" -p "$STATE" -e "$STATE/nginx-error.log" \
    -g 'daemon off;' &
web=$!

for _ in $(seq 1 200); do
	if ! kill -0 "$app" 2>/dev/null || ! kill -0 "$web" 2>/dev/null; then
		echo "run: the app or nginx did not start; see $STATE/cocreate.log" \
		    "and $STATE/nginx-error.log" >&2
		tail -n 5 "$STATE/cocreate.log" "$STATE/nginx-error.log" >&2 || true
		exit 1
	fi
	if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null; then
		break
	fi
	sleep 0.05
done
echo "ready: http://127.0.0.1:$PORT/"
if [ -f "$CRED" ]; then
	echo "log in as organizer at http://127.0.0.1:$PORT/login with" \
	    "$(tr '\n' ' ' < "$CRED")(saved in $CRED)"
fi
# Stop when either dies, or on Ctrl-C / SIGTERM.
wait -n "$app" "$web" || true
