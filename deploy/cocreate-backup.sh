#!/bin/sh
# Daily backup of cocreate's database, keeping the last 14 copies.
# Run by deploy/cocreate-backup.timer; DB and DIR may be overridden.
set -eu
DB=${DB:-/var/lib/cocreate/cocreate.db}
DIR=${DIR:-/var/lib/cocreate/backups}
KEEP=${KEEP:-14}
mkdir -p "$DIR"
/usr/local/bin/cocreate backup --db "$DB" --out "$DIR/cocreate-$(date -u +%Y%m%dT%H%M%SZ).db"
# Newest first; remove all but the last KEEP.
ls -1t "$DIR"/cocreate-*.db 2>/dev/null | tail -n +$((KEEP + 1)) | while read -r old; do
	rm -f -- "$old"
done
