#!/usr/bin/env bash
# The move of residents into the identity shards (IdentityShardMigration) on a store of the one-tag layout: RESIDENTS
# residents (default 100,000: a profile with a phone, the openid link, a session and its set, a grant for every tenth)
# written as 332bd50 kept them into the embedded Redis of a first start, then the backend started again on that store.
# Prints how long the move took (the backend's own count, before it serves) and how long the start took in all;
# docs/deploy.md records the figures.
#
#   bash bench/identity-migration.sh
#   RESIDENTS=20000 bash bench/identity-migration.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RESIDENTS=${RESIDENTS:-100000}
REDIS_PORT=${REDIS_PORT:-16599}
APP_PORT=${APP_PORT:-18191}
OUT=bench/out
mkdir -p "$OUT"

. bench/lib.sh
need redis-cli:redis-tools
build_backend
DATA=$(mktemp -d)
PID=""
trap '[ -z "$PID" ] || { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; }; rm -rf "$DATA"' EXIT

backend() {
  java -XX:+UseSerialGC -jar "$JAR" --spring.profiles.active=local --app.hotline.local-platform-port=0 \
    --app.wechat.local-platform-port=0 --server.port="$APP_PORT" --app.demo-data.mode=off --logging.level.root=WARN \
    --logging.level.org.cityservice.identity=INFO --app.redis.embedded.port=$REDIS_PORT \
    --app.redis.embedded.data-dir="$DATA" --app.redis.embedded.appendfsync=everysec > "$OUT/identity-migration-$1.log" 2>&1 &
  PID=$!
}

backend first
wait_healthy "$APP_PORT"
export REDISCLI_AUTH=$(sed -n 's/^requirepass //p' "$DATA/redis-password.conf")
# the store as the version before the shards left it: no marker, residents under {identity}
redis-cli -p $REDIS_PORT del 'cs:{identity}:layout' > /dev/null
python3 bench/seed-legacy-residents.py "$RESIDENTS" | redis-cli -p $REDIS_PORT --pipe > "$OUT/identity-seed.log"
keys=$(redis-cli -p $REDIS_PORT dbsize)
kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""

started=$(date +%s%3N)
backend second
wait_healthy "$APP_PORT"
ready=$(( $(date +%s%3N) - started ))
moved=$(grep -o 'Identity: moved.*' "$OUT/identity-migration-second.log" || true)
left=$(redis-cli -p $REDIS_PORT --scan --pattern 'cs:{identity}:resident:*' | wc -l)
sharded=$(redis-cli -p $REDIS_PORT --scan --pattern 'cs:{identity:*}:resident:*' | wc -l)
echo
echo "| residents | keys in the store | move (backend's count) | start to healthy | profiles left in {identity} | profiles in the shards |"
echo "| ---: | ---: | --- | ---: | ---: | ---: |"
echo "| $RESIDENTS | $keys | ${moved##*; in } | $(awk "BEGIN{printf \"%.1f s\", $ready/1000}") | $left | $sharded |"
echo
echo "$moved"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
