#!/usr/bin/env bash
# A restart on a large append-only file: the packaged backend (local mode, its embedded Redis) is
# filled with KEYS keys (3,000,000 make a ~120 MB AOF), killed with SIGKILL together with its
# redis-server, and started again on the same data with appendfsync always. Prints how long the
# restart took until readiness was UP and how many keys came back; fails if it never got ready.
#
#   bash bench/large-aof-restart.sh            # KEYS=3000000
set -euo pipefail
cd "$(dirname "$0")/.."

KEYS=${KEYS:-3000000}
APP_PORT=${APP_PORT:-18111}
REDIS_PORT=${REDIS_PORT:-16611}
. bench/lib.sh
need redis-cli:redis-tools
build_backend
DATA=$(mktemp -d)
APP=""
trap '[ -z "$APP" ] || kill -9 "$APP" 2>/dev/null; pkill -9 -f "redis-server.*:$REDIS_PORT" 2>/dev/null; rm -rf "$DATA"' EXIT
start() { # appendfsync
  java -XX:+UseSerialGC -jar "$JAR" --spring.profiles.active=local --app.hotline.local-platform-port=0 --server.port=$APP_PORT --app.redis.embedded.port=$REDIS_PORT \
    --app.redis.embedded.data-dir="$DATA" --app.redis.embedded.appendfsync="$1" --app.wechat.local-platform-port=0 \
    --app.sms.local-platform-port=0 > bench/out/large-aof-$1.log 2>&1 &
  APP=$!
}
ready() {
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$APP_PORT/actuator/health/readiness" >/dev/null && return 0; sleep 0.5; done
  return 1
}
mkdir -p bench/out
start everysec
ready
export REDISCLI_AUTH=$(sed -n 's/^requirepass //p' "$DATA/redis-password.conf")
python3 -c "
import sys
out = sys.stdout
for i in range($KEYS):
    k = 'bench:k%d' % i
    out.write('*3\r\n\$3\r\nSET\r\n\$%d\r\n%s\r\n\$40\r\n%s\r\n' % (len(k), k, 'x' * 40))
" | redis-cli -p $REDIS_PORT --pipe | tail -1
sleep 2 # everysec: the last second reaches the disk
echo "AOF: $(du -h "$DATA/appendonly.aof" | cut -f1)"
pkill -9 -P "$APP" || true; kill -9 "$APP"; wait "$APP" 2>/dev/null || true
pkill -9 -f "redis-server.*:$REDIS_PORT" 2>/dev/null || true
started=$(date +%s%N)
start always
ready || { echo "not ready within 300 s"; exit 1; }
echo "ready after $(( ($(date +%s%N) - started) / 1000000 )) ms with $(redis-cli -p $REDIS_PORT DBSIZE) keys"
