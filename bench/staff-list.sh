#!/usr/bin/env bash
# Staff case list benchmark: 100,000 cases in one district (one dispatcher's scope), written through the
# backend's own submit.lua (bench/staff-list.py load | redis-cli --pipe: the same keys and indexes a real
# submission writes), then GET /api/v1/admin/complaints as that district's dispatcher for filtered pages
# (category + month + status, newest and by deadline, page 1 and a deep page; the whole scope down to its
# deepest page; a text search), one request at a time on loopback: p50/p99 over REQUESTS requests each. Side
# by side, the raw list.lua call with the same keys through redis-benchmark. Prints a Markdown table;
# docs/benchmarks.md records the figures. Bounded: REQUESTS per query, then everything it started stops.
#
# The cases are written under the legacy tag {complaint}: a dispatcher's list then reads two homes (the
# district's, empty, and the legacy one) and goes the way of a list over several homes. BASELINE_JAR=<jar of an
# earlier build> measures the same queries with it too, on the same store, after this build (one run).
#
#   bash bench/staff-list.sh                  # 100,000 cases, 300 requests per query
#   CASES=100000 REQUESTS=300 bash bench/staff-list.sh
#   BASELINE_JAR=/tmp/baseline/backend-0.1.0-SNAPSHOT.jar bash bench/staff-list.sh
set -euo pipefail
cd "$(dirname "$0")/.."

CASES=${CASES:-100000}
REQUESTS=${REQUESTS:-300}
APP_PORT=${APP_PORT:-18080}
REDIS_PORT=${REDIS_PORT:-16399}
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC"}
DISTRICT=中站区
STATION=bench-station
OUT=bench/out
mkdir -p "$OUT"

. bench/lib.sh
need redis-benchmark:redis-tools
build_backend
DATA=$(mktemp -d)
PASSWORD=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
APP=
start_backend() { # $1 jar
  java $JAVA_OPTS -jar "$1" --spring.profiles.active=local --app.hotline.local-platform-port=0 --server.port=$APP_PORT \
    --app.redis.embedded.port=$REDIS_PORT --app.redis.embedded.data-dir="$DATA" --app.demo-data.mode=off \
    --app.identity.bootstrap-admin.password="$PASSWORD" --spring.quartz.auto-startup=false --logging.level.root=WARN \
    >> "$OUT/backend.log" 2>&1 &
  APP=$!
  wait_healthy $APP_PORT
}
stop_backend() { [ -z "$APP" ] || { kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; APP=; }; }
trap 'stop_backend; rm -rf "$DATA"' EXIT
: > "$OUT/backend.log"
start_backend "$JAR"
export REDISCLI_AUTH=$(sed -n 's/^requirepass //p' "$DATA/redis-password.conf")
R="redis-cli -p $REDIS_PORT"

SUBMIT_SHA=$($R SCRIPT LOAD "$(lua_source complaint/submit)")
start=$(date +%s)
python3 bench/staff-list.py load "$CASES" "$DISTRICT" "$STATION" "$SUBMIT_SHA" | $R --pipe > "$OUT/load.txt"
echo "loaded $($R HLEN 'cs:{complaint}:cases') cases through submit.lua in $(( $(date +%s) - start )) s" \
  "($($R ZCARD "cs:{complaint}:by-district:$DISTRICT") in $DISTRICT)"

login() { curl -sf -H 'Content-Type: application/json' -H "${2:-X-None: 1}" -d "$1" "http://127.0.0.1:$APP_PORT/api/v1/admin/$3" ; }
ADMIN=$(login "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "" auth/login | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
login "{\"username\":\"bench.dispatcher\",\"displayName\":\"压测\",\"role\":\"DISPATCHER\",\"district\":\"$DISTRICT\",\"password\":\"bench-password-1\"}" \
  "Authorization: Bearer $ADMIN" staff >/dev/null
dispatcher_token() { login '{"username":"bench.dispatcher","password":"bench-password-1"}' "" auth/login | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'; }

# the raw script: the keys and arguments ComplaintStore.list passes, for category + March + one status
LIST_SHA=$($R SCRIPT LOAD "$(lua_source complaint/list)")
P='cs:{complaint}:'
FROM=$(date -d '2026-03-01T00:00:00+08:00' +%s)000
TO=$(date -d '2026-04-01T00:00:00+08:00' +%s)000
STATUSES="RECEIVED REGISTERED REJECTED DISPATCHED HANDLED VERIFIED CLOSED REOPENED"
raw() { # $1 sort  $2 offset  $3 status position (0 none)  $4... facet keys after the scope
  local sort=$1 offset=$2 wanted=$3; shift 3
  local facets=("${P}by-district:$DISTRICT" "$@") keys=() args=()
  for s in $STATUSES; do keys+=("${P}by-district-status:$DISTRICT:$s"); args+=("$s"); done
  redis-benchmark -p $REDIS_PORT -a "$REDISCLI_AUTH" -c 1 -n "$REQUESTS" --csv EVALSHA "$LIST_SHA" $((5 + ${#facets[@]} + 8)) \
    "${P}cases" "${P}by-deadline" "${P}list-scratch:base" "${P}list-scratch:selected" "${P}list-scratch:rest" "${facets[@]}" "${keys[@]}" \
    "$FROM" "($TO" "$offset" 20 "$sort" "$wanted" "" 20000 ${#facets[@]} "${args[@]}" | tail -1 \
    | awk -F'"' '{print $10 " / " $14}'
}

Q="category=broken-road&from=2026-03-01&to=2026-03-31"
LABELS=("category + month + status, newest, page 1" "category + month + status, deadline, page 1"
  "category + month, newest, deep page" "category + month, deadline, deep page" "whole scope, newest, page 1"
  "whole scope, newest, deepest page (10,000)" "whole scope, deadline, deepest page (10,000)"
  "status only, deadline, page 1" "text in category + month" "text in the whole scope (bound 20,000)")
QUERIES=("$Q&status=DISPATCHED" "$Q&status=DISPATCHED&sort=deadline" "$Q&page=30" "$Q&sort=deadline&page=30" ""
  "page=500" "sort=deadline&page=500" "status=DISPATCHED&sort=deadline" "$Q&q=塌陷" "q=塌陷")
RAW=("$(raw newest 0 4 "${P}by-category:broken-road")" "$(raw deadline 0 4 "${P}by-category:broken-road")"
  "$(raw newest 580 0 "${P}by-category:broken-road")" "$(raw deadline 580 0 "${P}by-category:broken-road")"
  - - - - - -)
# measure_all FILE: one line per query, "p50 p99 total items partial", with the backend running now
measure_all() {
  local token i
  token=$(dispatcher_token)
  : > "$1"
  for i in "${!QUERIES[@]}"; do
    python3 bench/staff-list.py measure "http://127.0.0.1:$APP_PORT" "$token" "$REQUESTS" "${QUERIES[$i]}" >> "$1"
  done
}
measure_all "$OUT/staff-list-this.txt"
if [ -n "${BASELINE_JAR:-}" ]; then
  stop_backend
  start_backend "$BASELINE_JAR"
  measure_all "$OUT/staff-list-baseline.txt"
fi

echo
if [ -n "${BASELINE_JAR:-}" ]; then
  printf '| %s | %s | %s | %s | %s |\n' "query (dispatcher of $DISTRICT, size 20)" "matching" \
    "this build p50 / p99 ms" "baseline p50 / p99 ms" "raw list.lua p50 / p99 ms"
else
  row "query (dispatcher of $DISTRICT, size 20)" "matching" "backend p50 ms" "backend p99 ms" "raw list.lua p50 / p99 ms"
fi
row "---" "---" "---" "---" "---"
for i in "${!QUERIES[@]}"; do
  read -r p50 p99 total items partial < <(sed -n "$((i + 1))p" "$OUT/staff-list-this.txt")
  [ "$partial" = true ] && total="$total (partial)"
  label="${LABELS[$i]}${QUERIES[$i]:+ \`${QUERIES[$i]}\`}"
  if [ -n "${BASELINE_JAR:-}" ]; then
    read -r b50 b99 _ < <(sed -n "$((i + 1))p" "$OUT/staff-list-baseline.txt")
    row "$label" "$total" "$p50 / $p99" "$b50 / $b99" "${RAW[$i]}"
  else
    row "$label" "$total" "$p50" "$p99" "${RAW[$i]}"
  fi
done

echo
echo "backend JVM options: $JAVA_OPTS; one request at a time, $REQUESTS per query after 20 unmeasured"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), redis-server $($R INFO server | awk -F: '/redis_version/ {print $2}' | tr -d '\r')"
