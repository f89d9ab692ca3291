#!/bin/sh
# Prints the nginx config for a checkout: nginx-conf.sh ROOT STATE PORT
set -eu
root=$1 state=$2 port=$3
# Started as root, nginx's workers would switch to nobody and could not
# reach the socket under STATE: keep them as root, like the master.
if [ "$(id -u)" = 0 ]; then user='user root root;'; else user=''; fi
sed -e "s|@ROOT@|$root|g" -e "s|@STATE@|$state|g" -e "s|@PORT@|$port|g" \
    -e "s|@USER@|$user|g" "$root/deploy/nginx.conf.in"
