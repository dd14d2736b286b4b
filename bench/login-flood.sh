#!/usr/bin/env bash
# Login flood: how much 16 parallel staff logins with random usernames (each a BCrypt check) slow an
# unrelated listing read, measured with wrk from a second process on loopback. Three backends in one
# run, on the same jar and demo data: BCrypt unbounded and no per-address limit (as before issue 10:
# 20 checks at once, boundedElastic's cap on 2 cores), BCrypt capped at one thread with a short queue, and the defaults (the cap
# plus 20 logins a minute per client address). Prints a Markdown table; docs/benchmarks.md records it.
#
#   bash bench/login-flood.sh            # DURATION=20 WARMUP=30
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20}
WARMUP=${WARMUP:-30}
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC"}
APP_PORT=${APP_PORT:-18090}
OUT=bench/out
mkdir -p "$OUT"

. bench/lib.sh
need wrk:wrk
build_backend
APP=""
DATA=""
stop() {
  if [ -n "$APP" ]; then kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; APP=""; fi
  if [ -n "$DATA" ]; then rm -rf "$DATA"; DATA=""; fi
  return 0
}
trap stop EXIT

READ="http://127.0.0.1:$APP_PORT/api/v1/stations/demo-st-001"
# median and p99 of a wrk --latency run, in ms
latency() {
  awk '/^ +50%/ {m=$2} /^ +99%/ {p=$2} END {print m, p}' "$1" | awk '{
    for (i = 1; i <= 2; i++) { v = $i; if (v ~ /us$/) { sub(/us$/, "", v); v = v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v = v * 1000 }; printf "%.1f ", v }
    print "" }'
}

echo
echo "| backend | listing read alone: median / p99 ms | during the login flood: median / p99 ms | flood logins answered, by status |"
echo "| --- | --- | --- | --- |"
for config in unbounded capped defaults; do
  case $config in
    unbounded) ARGS="--app.identity.login.password-threads=20 --app.identity.login.password-queue=100000 --app.identity.login.per-address-per-minute=100000000" ;;
    capped) ARGS="--app.identity.login.per-address-per-minute=100000000" ;;
    defaults) ARGS="" ;;
  esac
  DATA=$(mktemp -d)
  java $JAVA_OPTS -jar "$JAR" --spring.profiles.active=local --app.hotline.local-platform-port=0 --server.port=$APP_PORT --app.redis.embedded.data-dir="$DATA" \
    --app.redis.embedded.appendfsync=everysec --app.demo-data.mode=always --logging.level.root=WARN $ARGS \
    > "$OUT/login-flood-$config.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 90); do curl -sf "$READ" >/dev/null && break; sleep 1; done
  wrk -t1 -c4 -d"${WARMUP}s" "$READ" > /dev/null
  wrk -t1 -c4 -d"${DURATION}s" --latency "$READ" > "$OUT/login-flood-$config-alone.txt"
  wrk -t1 -c16 -d"$((DURATION + 6))s" -s bench/login-flood.lua "http://127.0.0.1:$APP_PORT" > "$OUT/login-flood-$config-flood.txt" &
  FLOOD=$!
  sleep 3
  wrk -t1 -c4 -d"${DURATION}s" --latency "$READ" > "$OUT/login-flood-$config-during.txt"
  wait $FLOOD
  statuses=$(awk '/^status/ {gsub(":", "", $2); printf "%s%s × %s", sep, $3, $2; sep=", "}' "$OUT/login-flood-$config-flood.txt")
  echo "| $config | $(latency "$OUT/login-flood-$config-alone.txt" | awk '{print $1 " / " $2}') | $(latency "$OUT/login-flood-$config-during.txt" | awk '{print $1 " / " $2}') | $statuses |"
  stop
done
echo
echo "backend JVM options: $JAVA_OPTS; machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
