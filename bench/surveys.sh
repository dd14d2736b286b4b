#!/usr/bin/env bash
# The survey sweep: 100,000 surveys due at one moment, sent by SMS through Tencent Cloud's SDK to the
# SMS stand-in running as its own process, with one backend instance and then with two sharing one
# Redis. Measures the time from the due moment until the stand-in has taken every survey, and counts
# duplicates (messages beyond one per survey) and losses (surveys never sent); every seeded survey
# has its own number, so messages per number are messages per survey. Prints a Markdown
# table; docs/benchmarks.md records the figures.
# A backend sweeps every few seconds for weeks, so each instance is warmed up first: WARMUP surveys
# (default 50,000, enough for the JIT compilers to be done; 0 measures a backend straight after its
# start, compilers and all) are seeded due at once and sent before the measured ones are seeded.
#
# Also prints the CPU seconds each process spent from the due moment to the last message (backends, SMS
# stand-in, Redis). PROFILE=1 records the first instance with JFR over the same span and prints its hottest frames.
#
# The surveys are spread over five districts' shards; BASELINE_JAR=<jar of a build before survey shards>
# runs that build first, in the same run, with the same surveys in its one {survey} tag (SHARDS=legacy).
#
#   bash bench/surveys.sh                 # SURVEYS=100000
#   PROFILE=1 INSTANCES=1 bash bench/surveys.sh
#   BASELINE_JAR=/tmp/base/backend/target/backend-0.1.0-SNAPSHOT.jar bash bench/surveys.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SURVEYS=${SURVEYS:-100000}
WARMUP=${WARMUP:-50000}
REDIS_PORT=${REDIS_PORT:-16499}
SMS_PORT=${SMS_PORT:-19913}
APP_PORTS=(18181 18182)
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC"}
SWEEP_ARGS=${SWEEP_ARGS:-""}
OUT=bench/out
mkdir -p "$OUT"

. bench/lib.sh
need redis-cli:redis-tools
build_backend
PIDS=()
DATA=""
STUB=""
stop_all() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  PIDS=()
  if [ -n "$DATA" ]; then rm -rf "$DATA"; DATA=""; fi
  return 0
}
trap 'stop_all; [ -z "$STUB" ] || kill "$STUB" 2>/dev/null || true' EXIT

# the stand-in, alone, as Tencent Cloud would be: both instances send to it
SMS_STUB_PORT=$SMS_PORT SMS_SECRET_ID=bench-secret-id SMS_SECRET_KEY=bench-secret-key SMS_SDK_APP_ID=1400000000 \
  java -XX:+UseSerialGC -cp "$JAR" -Dloader.main=org.cityservice.stub.sms.SmsStubMain \
  org.springframework.boot.loader.launch.PropertiesLauncher > "$OUT/sms-stub.log" 2>&1 &
STUB=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$SMS_PORT/_stub/sent/count" >/dev/null && break; sleep 0.5; done

backend() { # port, extra args...
  local port=$1; shift
  java $JAVA_OPTS -jar "$RUN_JAR" --spring.profiles.active=local --app.hotline.local-platform-port=0 --app.wechat.local-platform-port=0 --server.port="$port" --app.demo-data.mode=off --logging.level.root=WARN \
    --app.sms.secret-id=bench-secret-id --app.sms.secret-key=bench-secret-key --app.sms.callback-secret=bench-callback-secret --app.sms.sdk-app-id=1400000000 \
    --app.sms.endpoint=127.0.0.1:$SMS_PORT --app.sms.protocol=http:// \
    --app.quiet-hours.start=00:00 --app.quiet-hours.end=00:00 --app.surveys.sweep-interval=1s $SWEEP_ARGS "$@" \
    > "$OUT/backend-surveys-$port.log" 2>&1 &
  PIDS+=($!)
}

now_ms() { date +%s%3N; }
# the numbers the stand-in has sent to; polled every 0.2 s, so no Python start-up (it took ~0.15 of a core)
distinct_sent() { curl -sf "http://127.0.0.1:$SMS_PORT/_stub/sent/count" | grep -o '"distinctPhones":[0-9]*' | cut -d: -f2; }
echo
echo "| build | backend instances | surveys | seconds from due to all sent | per second | sent | duplicates | losses |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
BUILDS=("$JAR")
[ -z "${BASELINE_JAR:-}" ] || BUILDS=("$BASELINE_JAR" "$JAR")
for RUN_JAR in "${BUILDS[@]}"; do
if [ "$RUN_JAR" = "$JAR" ]; then BUILD="this (shards)"; export SHARDS=districts; else BUILD="baseline (one tag)"; export SHARDS=legacy; fi
for instances in ${INSTANCES:-1 2}; do
  DATA=$(mktemp -d)
  backend "${APP_PORTS[0]}" --app.redis.embedded.port=$REDIS_PORT --app.redis.embedded.data-dir="$DATA" \
    --app.redis.embedded.appendfsync=everysec
  wait_healthy "${APP_PORTS[0]}"
  # the embedded Redis requires the password of its data directory; redis-cli reads REDISCLI_AUTH
  export REDISCLI_AUTH=$(sed -n 's/^requirepass //p' "$DATA/redis-password.conf")
  if [ "$instances" -eq 2 ]; then
    backend "${APP_PORTS[1]}" --spring.data.redis.url="redis://:$REDISCLI_AUTH@127.0.0.1:$REDIS_PORT"
    wait_healthy "${APP_PORTS[1]}"
  fi
  curl -sf "http://127.0.0.1:$SMS_PORT/_stub/reset" >/dev/null
  if [ "$WARMUP" -gt 0 ]; then
    # numbers and ids of their own (prefix w), so they cannot be mistaken for measured ones
    python3 bench/seed-surveys.py "$WARMUP" "$(now_ms)" cs w | redis-cli -p $REDIS_PORT --pipe > "$OUT/seed.log"
    for _ in $(seq 1 600); do
      [ "$(distinct_sent)" -ge "$WARMUP" ] && break
      sleep 0.5
    done
    sleep 3
    curl -sf "http://127.0.0.1:$SMS_PORT/_stub/reset" >/dev/null
  fi

  due=$(( $(now_ms) + 20000 ))
  python3 bench/seed-surveys.py "$SURVEYS" "$due" | redis-cli -p $REDIS_PORT --pipe > "$OUT/seed.log"
  REDIS_PID=$(pgrep -P "${PIDS[0]}" | head -1) # the embedded Redis is the first instance's child
  WATCHED=("${PIDS[@]}" "$STUB" "$REDIS_PID")
  while [ "$(now_ms)" -lt "$due" ]; do sleep 0.05; done
  declare -A cpu_before=()
  for pid in "${WATCHED[@]}"; do cpu_before[$pid]=$(cpu_s "$pid"); done
  thread_ticks "${PIDS[0]}" > "$OUT/threads-before.txt"
  [ -z "${PROFILE:-}" ] || jcmd "${PIDS[0]}" JFR.start name=sweep settings=default filename="$PWD/$OUT/sweep.jfr" >/dev/null
  done_at=""
  deadline=$(( due + 300000 ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    distinct=$(distinct_sent)
    if [ "$distinct" -ge "$SURVEYS" ]; then done_at=$(now_ms); break; fi
    sleep 0.2
  done
  thread_ticks "${PIDS[0]}" > "$OUT/threads-after.txt"
  echo "CPU seconds of the first instance's threads from due to all sent, by thread name:" >&2
  thread_cpu "$OUT/threads-before.txt" "$OUT/threads-after.txt" >&2
  cpu=""
  for pid in "${WATCHED[@]}"; do
    cpu+="$(awk -v a="${cpu_before[$pid]}" -v b="$(cpu_s "$pid")" 'BEGIN { printf "%.1f", b - a }') "
  done
  if [ -n "${PROFILE:-}" ]; then
    jcmd "${PIDS[0]}" JFR.stop name=sweep >/dev/null
    jfr print --events jdk.ExecutionSample --stack-depth 64 "$OUT/sweep.jfr" > "$OUT/sweep-samples.txt"
    python3 bench/jfr-top.py "$OUT/sweep-samples.txt" com.tencentcloudapi okhttp3 com.google.gson javax.crypto \
      io.lettuce reactor.core tools.jackson org.cityservice.survey org.cityservice.sms io.netty >&2
  fi
  echo "CPU seconds from due to all sent (backends..., SMS stand-in, Redis): $cpu" >&2
  sleep 3 # anything sent twice would arrive now
  counts=$(curl -sf "http://127.0.0.1:$SMS_PORT/_stub/sent/count")
  sent=$(echo "$counts" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
  distinct=$(echo "$counts" | python3 -c 'import json,sys; print(json.load(sys.stdin)["distinctPhones"])')
  if [ -n "$done_at" ]; then
    seconds=$(awk -v ms=$(( done_at - due )) 'BEGIN { printf "%.1f", ms / 1000 }')
    rate=$(awk -v n="$SURVEYS" -v ms=$(( done_at - due )) 'BEGIN { printf "%.0f", n / (ms / 1000) }')
  else
    seconds="> 300"; rate="-"
  fi
  echo "| $BUILD | $instances | $SURVEYS | $seconds | $rate | $sent | $(( sent - distinct )) | $(( SURVEYS - distinct )) |"
  stop_all
done
done
echo
echo "backend JVM options: $JAVA_OPTS; app.surveys batch/concurrency defaults; app.sms.max-concurrent-sends default"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
