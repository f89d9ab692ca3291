#!/bin/sh
# Prints the nginx config for a checkout: nginx-conf.sh ROOT STATE PORT
set -eu
root=$1 state=$2 port=$3
# Started as root, nginx's workers would switch to nobody and could not
# reach the socket under STATE: keep them as root, like the master.
if [ "$(id -u)" = 0 ]; then user='user root root;'; else user=''; fi
# Rate limits (nginx's syntax); the tests raise them with these variables.
post_rate=${CC_POST_RATE:-5r/s}
post_burst=${CC_POST_BURST:-50}
login_rate=${CC_LOGIN_RATE:-10r/m}
login_burst=${CC_LOGIN_BURST:-10}
sed -e "s|@ROOT@|$root|g" -e "s|@STATE@|$state|g" -e "s|@PORT@|$port|g" \
    -e "s|@USER@|$user|g" -e "s|@POST_RATE@|$post_rate|g" \
    -e "s|@POST_BURST@|$post_burst|g" -e "s|@LOGIN_RATE@|$login_rate|g" \
    -e "s|@LOGIN_BURST@|$login_burst|g" "$root/deploy/nginx.conf.in"
