#!/usr/bin/env bash
# Complaint submissions per second and p99, at 50 connections, with the embedded Redis fsyncing the
# AOF on every write ("always", the default) and once a second ("everysec"), side by side with raw
# redis-benchmark running the same number of Redis writes per case in one script call, in one run.
# Prints a Markdown table; docs/benchmarks.md records the figures.
#
#   bash bench/complaints.sh                     # 3 rounds of 30 s after 60 s of warm-up, per policy
#   DURATION=30 WARMUP=60 ROUNDS=3 CONNECTIONS=50 RESIDENTS=200 bash bench/complaints.sh
#   PROFILE=1 POLICIES=everysec bash bench/complaints.sh   # JFR over the first round, hottest frames printed
# Each round also prints the CPU seconds the backend and Redis used during it (wrk takes the rest).
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
[ -z "${PROFILE:-}" ] || need jcmd:openjdk-17-jdk-headless jfr:openjdk-17-jdk-headless
build_backend
APP=""
DATA=""
STUB=""
cleanup() {
  if [ -n "$APP" ]; then kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; fi
  if [ -n "$DATA" ]; then rm -rf "$DATA"; fi
  return 0
}
trap 'cleanup; [ -z "$STUB" ] || kill "$STUB" 2>/dev/null || true' EXIT

start_wechat_stub


RAW=$(intake_raw_script "raw:")

echo
row "what" "appendfsync" "per second" "p50 ms" "p99 ms"
row "---" "---" "---" "---" "---"
used() { awk -v a="$1" -v b="$(cpu_s "$2")" 'BEGIN { printf "%.1f", b - a }'; } # CPU s since a reading: used BEFORE PID
redis_pid() { pgrep -f "redis-server.*:$REDIS_PORT" | head -1; }
for fsync in ${POLICIES:-always everysec}; do
  DATA=$(mktemp -d)
  java $JAVA_OPTS -jar "$JAR" --spring.profiles.active=local --app.hotline.local-platform-port=0 --server.port=$APP_PORT --app.redis.embedded.port=$REDIS_PORT \
    --app.redis.embedded.data-dir="$DATA" --app.redis.embedded.appendfsync=$fsync --app.demo-data.mode=always \
    --app.wechat.appid=wx-bench-appid --app.wechat.secret=bench-secret --app.wechat.token=bench-push-token \
    --app.wechat.api-host-url="http://127.0.0.1:$PLATFORM_PORT" --app.complaints.max-per-hour=100000000 \
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
    if [ -n "${PROFILE:-}" ] && [ "$round" = 1 ]; then
      jcmd "$APP" JFR.start name=intake settings=profile filename="$PWD/$OUT/intake.jfr" >/dev/null
    fi
    app0=$(cpu_s $APP); stub0=$(cpu_s $STUB); redis0=$(cpu_s "$(redis_pid)")
    thread_ticks $APP > "$OUT/threads-before.txt"
    TOKENS="$OUT/tokens.txt" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/submit.lua "$URL" > "$result"
    intake_row "backend POST /api/v1/complaints, round $round" "$fsync" "$result"
    thread_ticks $APP > "$OUT/threads-after.txt"
    echo "  CPU s in round $round: backend $(used "$app0" $APP), WeChat stand-in $(used "$stub0" $STUB)," \
      "Redis $(used "$redis0" "$(redis_pid)"); the backend's by thread:" >&2
    thread_cpu "$OUT/threads-before.txt" "$OUT/threads-after.txt" >&2
    if [ -n "${PROFILE:-}" ] && [ "$round" = 1 ]; then
      jcmd "$APP" JFR.stop name=intake >/dev/null
      jfr print --events jdk.ExecutionSample --stack-depth 64 "$OUT/intake.jfr" > "$OUT/intake-samples.txt"
      python3 bench/jfr-top.py "$OUT/intake-samples.txt" org.cityservice.identity.ContentCheck me.chanjar.weixin \
        org.apache.http io.lettuce tools.jackson \
        org.springframework.security org.cityservice.complaint.ComplaintStore org.cityservice.complaint.RoutingPolicy \
        io.micrometer reactor.netty >&2
    fi
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
