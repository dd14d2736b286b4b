#!/usr/bin/env bash
# What one Redis round trip costs inside the backend: in one run, wrk at 16 connections against a static
# endpoint (no Redis), one listing by id, /actuator/health (a Redis PING) and a resident's own profile
# (their session and their record), side by side with raw GETs on the same Redis via redis-benchmark.
# Prints a Markdown table; docs/benchmarks.md records the figures. For where the time goes, run
# bench/profile-nearby.sh with URL_PATH set to one of these paths.
#
#   bash bench/round-trip.sh
#   WARMUP=60 DURATION=30 JAVA_OPTS="-XX:+UseG1GC" bash bench/round-trip.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20}
WARMUP=${WARMUP:-30}
CONNECTIONS=${CONNECTIONS:-16}
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC"}
APP_PORT=${APP_PORT:-18083}
REDIS_PORT=${REDIS_PORT:-16398}
PLATFORM_PORT=${PLATFORM_PORT:-19913}
OUT=bench/out/round-trip
mkdir -p "$OUT"

. bench/lib.sh
need wrk:wrk redis-benchmark:redis-tools
build_backend
DATA=$(mktemp -d)
java $JAVA_OPTS -jar "$JAR" --spring.profiles.active=local --app.hotline.local-platform-port=0 --server.port=$APP_PORT \
  --app.redis.embedded.port=$REDIS_PORT --app.redis.embedded.data-dir="$DATA" --app.demo-data.mode=always \
  --app.wechat.local-platform-port=$PLATFORM_PORT --logging.level.root=WARN > "$OUT/backend.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; rm -rf "$DATA"' EXIT
wait_healthy $APP_PORT
export REDISCLI_AUTH=$(sed -n 's/^requirepass //p' "$DATA/redis-password.conf")
TOKEN=$(python3 bench/residents.py "http://127.0.0.1:$APP_PORT" "http://127.0.0.1:$PLATFORM_PORT" 1)
STATION=$(curl -sf "http://127.0.0.1:$APP_PORT/api/v1/stations/nearby?lat=35.2150&lng=113.2420&radius=20000&limit=1" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["place"]["id"])')


declare -A RPS
measure() { # name, path, [header]
  local name=$1 path=$2 header=${3:-}
  local args=(-t1 -c"$CONNECTIONS" --latency)
  [ -n "$header" ] && args+=(-H "$header")
  curl -sf ${header:+-H "$header"} "http://127.0.0.1:$APP_PORT$path" >/dev/null || { echo "GET $path failed" >&2; exit 1; }
  wrk "${args[@]}" -d"${WARMUP}s" "http://127.0.0.1:$APP_PORT$path" >/dev/null
  wrk "${args[@]}" -d"${DURATION}s" "http://127.0.0.1:$APP_PORT$path" > "$OUT/$name.txt"
  local rps errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/$name.txt")
  errors=$(awk '/Non-2xx|Socket errors/' "$OUT/$name.txt")
  RPS[$name]=$rps
  row "backend GET $path" "$CONNECTIONS" "$rps" "$(ms "$(awk '$1 == "50%" {print $2}' "$OUT/$name.txt")")" \
    "$(ms "$(awk '$1 == "99%" {print $2}' "$OUT/$name.txt")")${errors:+ (errors: $errors)}"
}

row "what" "connections" "requests/s" "p50 ms" "p99 ms"
row "---" "---" "---" "---" "---"
measure static /api/v1/complaint-categories
measure listing "/api/v1/stations/$STATION"
measure health /actuator/health
measure me /api/v1/me "Authorization: Bearer $TOKEN"
csv=$(redis-benchmark -p $REDIS_PORT -a "$REDISCLI_AUTH" -c "$CONNECTIONS" -n 1000000 -t get --csv | tail -1)
row "raw GET (redis-benchmark)" "$CONNECTIONS" "$(echo "$csv" | awk -F'"' '{print $4}')" \
  "$(echo "$csv" | awk -F'"' '{print $10}')" "$(echo "$csv" | awk -F'"' '{print $14}')"
echo
for name in listing health me; do
  awk -v n="$name" -v a="${RPS[$name]}" -v s="${RPS[static]}" 'BEGIN { printf "%s ÷ static = %.2f\n", n, a / s }'
done
echo "backend JVM options: $JAVA_OPTS"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), commit $(git rev-parse --short HEAD)"
