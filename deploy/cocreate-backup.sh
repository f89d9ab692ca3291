#!/bin/sh
# Daily backup of cocreate's database, keeping the last 14 copies.
# Run by deploy/cocreate-backup.timer; DB and DIR may be overridden.
# The copies hold what the database holds (phone numbers, e-mail
# addresses, password hashes): the directory is 0700 and each copy 0600,
# whatever the umask it was started with.
set -eu
DB=${DB:-/var/lib/cocreate/cocreate.db}
DIR=${DIR:-/var/lib/cocreate/backups}
KEEP=${KEEP:-14}
umask 077
mkdir -p "$DIR"
chmod 0700 "$DIR"
out=$DIR/cocreate-$(date -u +%Y%m%dT%H%M%SZ).db
/usr/local/bin/cocreate backup --db "$DB" --out "$out"
chmod 0600 "$out"
# Newest first; remove all but the last KEEP.
ls -1t "$DIR"/cocreate-*.db 2>/dev/null | tail -n +$((KEEP + 1)) | while read -r old; do
	rm -f -- "$old"
done
