#!/usr/bin/env bash
# A backup and restore drill on a Redis Cluster, as docs/deploy.md describes it: residents log in and file reports on
# cluster A (3 masters, a replica each); each master's AOF is rewritten and its directory copied; A is shut down as if
# lost; a new, empty cluster B gets every key back (each copy loaded into a standalone redis-server, moved over with
# `redis-cli --cluster import`); the backend on B answers a resident's "my cases" with the same cases and the same
# session. Prints what was backed up and restored and how long the restore took.
#
#   bash bench/restore-drill.sh
#   RESIDENTS=200 REPORTING=10 bash bench/restore-drill.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RESIDENTS=${RESIDENTS:-200}
REPORTING=${REPORTING:-10}
APP_PORT=${APP_PORT:-18080}
PLATFORM_PORT=${PLATFORM_PORT:-19911}
OUT=bench/out
mkdir -p "$OUT"

. bench/lib.sh
need wrk:wrk redis-cli:redis-tools redis-server:redis-server
build_backend
DIR=$(mktemp -d)
PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')
APP=""
PORTS=""
STANDALONE=""
cleanup() {
  if [ -n "$APP" ]; then kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; fi
  [ -z "$PORTS" ] || stop_cluster "$PASSWORD"
  [ -z "$STANDALONE" ] || redis-cli -p "$STANDALONE" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
cli() { REDISCLI_AUTH=$PASSWORD redis-cli --no-auth-warning "$@"; }

start_backend() {
  java -XX:+UseSerialGC -jar "$JAR" --spring.profiles.active=local --app.hotline.local-platform-port=0 \
    --server.port=$APP_PORT --spring.data.redis.cluster.nodes="$NODES" --spring.data.redis.password="$PASSWORD" \
    --app.demo-data.mode=always --spring.quartz.auto-startup=false --app.wechat.local-platform-port=$PLATFORM_PORT \
    --app.complaints.max-per-hour=100000000 --app.identity.login.resident-per-address-per-minute=100000 \
    --logging.level.root=WARN > "$OUT/backend-restore-$1.log" 2>&1 &
  APP=$!
  wait_healthy $APP_PORT
}
stop_backend() { kill "$APP"; wait "$APP" 2>/dev/null || true; APP=""; }
masters() { cli -p "$1" cluster nodes | awk '/master/ && !/fail/ { split($2, a, "[:@]"); print a[2] }'; }
keys_in_all() { local sum=0 port; for port in $(masters "$1"); do sum=$((sum + $(cli -p "$port" dbsize))); done; echo $sum; }
mine() {
  curl -sf -H "Authorization: Bearer $(head -1 "$OUT/tokens.txt")" "http://127.0.0.1:$APP_PORT/api/v1/complaints/mine?size=50" \
    | python3 -c 'import json, sys; p = json.load(sys.stdin); print(p["total"], *sorted(c["trackingNo"] for c in p["items"]))'
}

start_cluster "$DIR/a" 17001 "$PASSWORD"
start_backend a
python3 bench/residents.py "http://127.0.0.1:$APP_PORT" "http://127.0.0.1:$PLATFORM_PORT" "$RESIDENTS" > "$OUT/tokens.txt"
TOKENS="$OUT/tokens.txt" wrk -t1 -c16 -d"${REPORTING}s" -s bench/submit.lua "http://127.0.0.1:$APP_PORT" > "$OUT/wrk-restore.txt"
CASES_A=$(cli -p "$(master_of 17001 "$PASSWORD" "{complaint}")" hlen "cs:{complaint}:cases")
MINE_A=$(mine)
stop_backend
KEYS_A=$(keys_in_all 17001)

# the backup: each master's AOF rewritten, then its directory copied
for port in $(masters 17001); do
  cli -p "$port" bgrewriteaof > /dev/null
  until cli -p "$port" info persistence | grep -q "aof_rewrite_in_progress:0" \
    && cli -p "$port" info persistence | grep -q "aof_rewrite_scheduled:0"; do sleep 0.2; done
  mkdir -p "$DIR/backup/$port"
  cp -r "$DIR/a/$port/appendonlydir" "$DIR/backup/$port/"
done
BACKUP_BYTES=$(du -sb "$DIR/backup" | cut -f1)
stop_cluster "$PASSWORD" # cluster A is lost

started=$(date +%s.%N)
start_cluster "$DIR/b" 17011 "$PASSWORD"
for backup in "$DIR"/backup/*; do
  STANDALONE=17031
  redis-server --port $STANDALONE --bind 127.0.0.1 --dir "$backup" --appendonly yes --save "" --daemonize yes \
    --logfile "$backup/restore.log"
  until redis-cli -p $STANDALONE info persistence 2>/dev/null | grep -q "^loading:0"; do sleep 0.1; done
  cli --cluster import 127.0.0.1:17011 --cluster-from 127.0.0.1:$STANDALONE --cluster-copy --cluster-replace \
    > "$OUT/restore-import.log"
  redis-cli -p $STANDALONE shutdown nosave > /dev/null 2>&1 || true
  STANDALONE=""
done
restored=$(date +%s.%N)
KEYS_B=$(keys_in_all 17011)
start_backend b
CASES_B=$(cli -p "$(master_of 17011 "$PASSWORD" "{complaint}")" hlen "cs:{complaint}:cases")
MINE_B=$(mine)
stop_backend

echo
echo "| | cluster A (backed up) | cluster B (restored) |"
echo "| --- | ---: | ---: |"
echo "| keys on the masters | $KEYS_A | $KEYS_B |"
echo "| cases | $CASES_A | $CASES_B |"
echo "| one resident's cases (\"my cases\", with the session they had on A) | ${MINE_A%% *} | ${MINE_B%% *} ($([ "$MINE_A" = "$MINE_B" ] && echo "same numbers" || echo DIFFERENT)) |"
echo
echo "backup: $BACKUP_BYTES bytes of AOF from 3 masters; restore into a new cluster (start it, load, import):" \
  "$(awk -v a="$started" -v b="$restored" 'BEGIN { printf "%.1f", b - a }') s"
[ "$KEYS_A" = "$KEYS_B" ] && [ "$CASES_A" = "$CASES_B" ] && [ "$MINE_A" = "$MINE_B" ]
