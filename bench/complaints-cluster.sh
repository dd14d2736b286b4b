#!/usr/bin/env bash
# Complaint submissions per second and p99 on a Redis Cluster of 3 masters with a replica each (Debian's redis-server,
# appendfsync everysec), with each acknowledged write waiting for its replica (app.redis.replica-acks.replicas=1, the
# default) and without (0), side by side with raw redis-benchmark running the same Redis writes per case in one script
# call on the master that holds the cases, in one run. Prints a Markdown table; docs/benchmarks.md records the figures.
#
#   bash bench/complaints-cluster.sh             # 2 rounds of 30 s after 60 s of warm-up, per setting
#   DURATION=30 WARMUP=60 ROUNDS=2 CONNECTIONS=50 RESIDENTS=200 ACKS="1 0" bash bench/complaints-cluster.sh
#   BASELINE_JAR=/tmp/before/backend.jar ACKS=1 bash bench/complaints-cluster.sh   # the same load on an earlier build
# Reports are made at a station of each of the demo city's five districts with stations in turn (POINTS), so that
# their cases are received in five districts, whose homes lie on all three masters.
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


export POINTS=${POINTS:-"35.240464,113.168027;35.249921,113.22817;35.282905,113.316716;35.223999,113.260784;35.20806,113.273113"}

# the same 13 writes a case as bench/complaints.sh, under one hash tag so the master holding it runs them all
RAW=$(intake_raw_script "raw:{complaint}:")
CASES_MASTER=$(master_of "$CLUSTER_BASE" "$PASSWORD" "{complaint}")

echo
row "what" "replicas confirming" "per second" "p50 ms" "p99 ms"
row "---" "---" "---" "---" "---"
for run in ${BASELINE_JAR:+baseline} current; do
for acks in ${ACKS:-1 0}; do
  jar=$([ "$run" = baseline ] && echo "$BASELINE_JAR" || echo "$JAR")
  java $JAVA_OPTS -jar "$jar" --spring.profiles.active=local --app.hotline.local-platform-port=0 --server.port=$APP_PORT \
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
    result="$OUT/wrk-complaints-cluster-$run-$acks-$round.txt"
    TOKENS="$OUT/tokens.txt" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/submit.lua "$URL" > "$result"
    intake_row "$run backend POST /api/v1/complaints, round $round" "$acks" "$result"
  done
  kill "$APP"; wait "$APP" 2>/dev/null || true
  APP=""
  # each run starts from an empty cluster
  for port in $PORTS; do
    REDISCLI_AUTH=$PASSWORD redis-cli --no-auth-warning -p "$port" flushall > /dev/null 2>&1 || true
  done
done
done
n=$((CONNECTIONS * 2000))
csv=$(REDISCLI_AUTH=$PASSWORD redis-benchmark -p "$CASES_MASTER" -a "$PASSWORD" -c "$CONNECTIONS" -n "$n" -r 100000000 --csv EVAL "$RAW" 0 __rand_int__ | tail -1)
row "raw redis-benchmark on the cases' master, 13 writes a call" "-" "$(echo "$csv" | awk -F'"' '{print $4}')" \
  "$(echo "$csv" | awk -F'"' '{print $10}')" "$(echo "$csv" | awk -F'"' '{print $14}')"
echo
echo "backend JVM options: $JAVA_OPTS; $CONNECTIONS connections; $RESIDENTS residents; 3 masters, 3 replicas, appendfsync everysec"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
