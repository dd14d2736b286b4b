#!/usr/bin/env bash
# Complaint submissions per second and p99 on a Redis Cluster of 3 masters with a replica each (Debian's redis-server,
# appendfsync everysec), with each acknowledged write waiting for its replica (app.redis.replica-acks.replicas=1, the
# default) and without (0), side by side with raw redis-benchmark running the same Redis writes per case in one script
# call on the master that holds the cases, in one run. Prints a Markdown table; docs/benchmarks.md records the figures.
#
#   bash bench/complaints-cluster.sh             # 2 rounds of 30 s after 60 s of warm-up, per setting
#   DURATION=30 WARMUP=60 ROUNDS=2 CONNECTIONS=50 RESIDENTS=200 ACKS="1 0" bash bench/complaints-cluster.sh
# Everything runs on this machine: six redis-servers, the backend, WeChat's stand-in and wrk share its cores.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-30}
WARMUP=${WARMUP:-60}
ROUNDS=${ROUNDS:-2}
CONNECTIONS=${CONNECTIONS:-50}
RESIDENTS=${RESIDENTS:-200}
APP_PORT=${APP_PORT:-18080}
CLUSTER_BASE=${CLUSTER_BASE:-17001} # six nodes from here, their cluster bus 10000 above
PLATFORM_PORT=${PLATFORM_PORT:-19911}
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC"}
OUT=bench/out
mkdir -p "$OUT"

. bench/lib.sh
need wrk:wrk redis-benchmark:redis-tools redis-server:redis-server
build_backend
APP=""
STUB=""
PORTS=""
DIR=$(mktemp -d)
PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')
cleanup() {
  if [ -n "$APP" ]; then kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; fi
  if [ -n "$STUB" ]; then kill "$STUB" 2>/dev/null || true; fi
  stop_cluster "$PASSWORD"
  rm -rf "$DIR"
}
trap cleanup EXIT
start_cluster "$DIR" "$CLUSTER_BASE" "$PASSWORD"

start_wechat_stub


# the same 13 writes a case as bench/complaints.sh, under the cases' hash tag so the master holding it runs them all
RAW=$(intake_raw_script "raw:{complaint}:")
CASES_MASTER=$(master_of "$CLUSTER_BASE" "$PASSWORD" "{complaint}")

echo
row "what" "replicas confirming" "per second" "p50 ms" "p99 ms"
row "---" "---" "---" "---" "---"
for acks in ${ACKS:-1 0}; do
  java $JAVA_OPTS -jar "$JAR" --spring.profiles.active=local --app.hotline.local-platform-port=0 --server.port=$APP_PORT \
    --spring.data.redis.cluster.nodes="$NODES" --spring.data.redis.password="$PASSWORD" --app.redis.replica-acks.replicas=$acks \
    --app.demo-data.mode=always \
    --app.wechat.appid=wx-bench-appid --app.wechat.secret=bench-secret --app.wechat.token=bench-push-token \
    --app.wechat.api-host-url="http://127.0.0.1:$PLATFORM_PORT" --app.complaints.max-per-hour=100000000 \
    --app.identity.login.resident-per-address-per-minute=100000 \
    --logging.level.root=WARN > "$OUT/backend-cluster-$acks.log" 2>&1 &
  APP=$!
  wait_healthy $APP_PORT
  python3 bench/residents.py "http://127.0.0.1:$APP_PORT" "http://127.0.0.1:$PLATFORM_PORT" "$RESIDENTS" > "$OUT/tokens.txt"
  URL="http://127.0.0.1:$APP_PORT"
  TOKENS="$OUT/tokens.txt" wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/submit.lua "$URL" > /dev/null
  for round in $(seq 1 "$ROUNDS"); do
    result="$OUT/wrk-complaints-cluster-$acks-$round.txt"
    TOKENS="$OUT/tokens.txt" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/submit.lua "$URL" > "$result"
    intake_row "backend POST /api/v1/complaints, round $round" "$acks" "$result"
  done
  kill "$APP"; wait "$APP" 2>/dev/null || true
  APP=""
done
n=$((CONNECTIONS * 2000))
csv=$(REDISCLI_AUTH=$PASSWORD redis-benchmark -p "$CASES_MASTER" -a "$PASSWORD" -c "$CONNECTIONS" -n "$n" -r 100000000 --csv EVAL "$RAW" 0 __rand_int__ | tail -1)
row "raw redis-benchmark on the cases' master, 13 writes a call" "-" "$(echo "$csv" | awk -F'"' '{print $4}')" \
  "$(echo "$csv" | awk -F'"' '{print $10}')" "$(echo "$csv" | awk -F'"' '{print $14}')"
echo
echo "backend JVM options: $JAVA_OPTS; $CONNECTIONS connections; $RESIDENTS residents; 3 masters, 3 replicas, appendfsync everysec"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
