#!/usr/bin/env bash
# Complaint submissions per second and p99, at 50 connections, with the embedded Redis fsyncing the
# AOF on every write ("always", the default) and once a second ("everysec"), side by side with raw
# redis-benchmark running the same number of Redis writes per case in one script call, in one run.
# Prints a Markdown table; docs/benchmarks.md records the figures.
#
#   bash bench/complaints.sh                     # 3 rounds of 30 s after 60 s of warm-up, per policy
#   DURATION=30 WARMUP=60 ROUNDS=3 CONNECTIONS=50 RESIDENTS=200 bash bench/complaints.sh
# The warm-up is long because the JIT is not done sooner: 40 s into a run the C2 compiler thread still
# took half a core. Rounds differ by up to a third on a shared 2-core machine, so each is printed.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-30}
WARMUP=${WARMUP:-60}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-50}
RESIDENTS=${RESIDENTS:-200}
APP_PORT=${APP_PORT:-18080}
REDIS_PORT=${REDIS_PORT:-16399}
PLATFORM_PORT=${PLATFORM_PORT:-19911}
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC"}
OUT=bench/out
mkdir -p "$OUT"

. bench/lib.sh
need wrk:wrk redis-benchmark:redis-tools
build_backend
APP=""
DATA=""
cleanup() {
  if [ -n "$APP" ]; then kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; fi
  if [ -n "$DATA" ]; then rm -rf "$DATA"; fi
  return 0
}
trap cleanup EXIT

ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v/1000; else if (v ~ /ms$/) printf "%.2f", v+0; else printf "%.2f", v*1000 }'; }
row() { printf '| %s | %s | %s | %s | %s |\n' "$@"; }

# 13 Redis writes per case, as a submission makes them: session GETEX, rate INCR, day sequence INCR,
# then submit.lua's HSET, 7 ZADD, RPUSH and XADD; here in one script call per case.
RAW="for i = 1, 3 do redis.call('INCR', 'raw:c:' .. ARGV[1] .. i) end
redis.call('HSET', 'raw:h', ARGV[1], '{trackingNo:JZ20261122-000001,description:压测:人民路口有人占道经营}')
for i = 1, 7 do redis.call('ZADD', 'raw:z' .. i, ARGV[1], ARGV[1]) end
redis.call('RPUSH', 'raw:l:' .. ARGV[1], '{status:RECEIVED}')
redis.call('XADD', 'raw:s', '*', 'type', 'RECEIVED', 'trackingNo', ARGV[1])
return 1"
RAW=$(printf '%s' "$RAW" | tr '\n' ' ') # one line, so redis-benchmark's CSV row is one line too

echo
row "what" "appendfsync" "per second" "p50 ms" "p99 ms"
row "---" "---" "---" "---" "---"
for fsync in always everysec; do
  DATA=$(mktemp -d)
  java $JAVA_OPTS -jar "$JAR" --spring.profiles.active=local --app.hotline.local-platform-port=0 --server.port=$APP_PORT --app.redis.embedded.port=$REDIS_PORT \
    --app.redis.embedded.data-dir="$DATA" --app.redis.embedded.appendfsync=$fsync --app.demo-data.mode=always \
    --app.wechat.local-platform-port=$PLATFORM_PORT --app.complaints.max-per-hour=100000000 \
    --app.identity.login.resident-per-address-per-minute=100000 \
    --logging.level.root=WARN > "$OUT/backend-$fsync.log" 2>&1 &
  APP=$!
  wait_healthy $APP_PORT
  PASSWORD=$(sed -n 's/^requirepass //p' "$DATA/redis-password.conf") # the embedded Redis asks for one
  python3 bench/residents.py "http://127.0.0.1:$APP_PORT" "http://127.0.0.1:$PLATFORM_PORT" "$RESIDENTS" > "$OUT/tokens.txt"
  URL="http://127.0.0.1:$APP_PORT"
  TOKENS="$OUT/tokens.txt" wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/submit.lua "$URL" > /dev/null
  for round in $(seq 1 "$ROUNDS"); do
    result="$OUT/wrk-complaints-$fsync-$round.txt"
    TOKENS="$OUT/tokens.txt" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/submit.lua "$URL" > "$result"
    rps=$(awk '/Requests\/sec/ {print $2}' "$result")
    p50=$(ms "$(awk '$1 == "50%" {print $2}' "$result")")
    p99=$(ms "$(awk '$1 == "99%" {print $2}' "$result")")
    errors=$(awk '/non-201 answers/ {print $3}' "$result")
    row "backend POST /api/v1/complaints, round $round" "$fsync" "$rps" "$p50" "$p99 (non-201: $errors)"
  done

  n=$((CONNECTIONS * 2000))
  csv=$(redis-benchmark -p $REDIS_PORT -a "$PASSWORD" -c "$CONNECTIONS" -n "$n" -r 100000000 --csv EVAL "$RAW" 0 __rand_int__ | tail -1)
  row "raw redis-benchmark, 13 writes a call" "$fsync" "$(echo "$csv" | awk -F'"' '{print $4}')" \
    "$(echo "$csv" | awk -F'"' '{print $10}')" "$(echo "$csv" | awk -F'"' '{print $14}')"
  cleanup
  APP=""
  DATA=""
done
echo
echo "backend JVM options: $JAVA_OPTS; $CONNECTIONS connections; $RESIDENTS residents"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
