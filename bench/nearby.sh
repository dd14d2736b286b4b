#!/usr/bin/env bash
# Nearby-search benchmark: the backend's GET /api/v1/stations/nearby (answered from its in-memory index),
# driven by wrk from a second process on loopback, side by side with raw GEOSEARCH on the same Redis data
# via redis-benchmark, in one run. Prints a Markdown table; docs/benchmarks.md records the figures.
#
#   bash bench/nearby.sh            # defaults: 10,000 places, 20 s per step, serial GC
#   PLACES=10000 WARMUP=60 DURATION=30 CONNECTIONS="8 32 64" JAVA_OPTS="-XX:+UseG1GC" bash bench/nearby.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PLACES=${PLACES:-10000}
DURATION=${DURATION:-20}
# C2 keeps compiling for about a minute on 2 cores shared with wrk and Redis; measure after that
WARMUP=${WARMUP:-60}
CONNECTIONS=${CONNECTIONS:-"4 8 16 32 64"}
# On 2 cores shared with wrk and Redis, G1's parallel pauses stretch the tail; docs/benchmarks.md
# shows both collectors and docs/operations.md recommends this one for small machines.
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC"}
APP_PORT=${APP_PORT:-18080}
REDIS_PORT=${REDIS_PORT:-16399}
LAT=35.2150
LNG=113.2420
RADIUS=3000
LIMIT=20
OUT=bench/out
mkdir -p "$OUT"

. bench/lib.sh
need wrk:wrk redis-benchmark:redis-tools
build_backend
DATA=$(mktemp -d)
PASSWORD=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
java $JAVA_OPTS -jar "$JAR" --spring.profiles.active=local --app.hotline.local-platform-port=0 --server.port=$APP_PORT --app.redis.embedded.port=$REDIS_PORT \
  --app.redis.embedded.data-dir="$DATA" --app.demo-data.mode=off --app.identity.bootstrap-admin.password="$PASSWORD" \
  --logging.level.root=WARN > "$OUT/backend.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; rm -rf "$DATA"' EXIT
wait_healthy $APP_PORT
# the embedded Redis requires the password of its data directory; redis-cli reads REDISCLI_AUTH
export REDISCLI_AUTH=$(sed -n 's/^requirepass //p' "$DATA/redis-password.conf")

TOKEN=$(curl -sf -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" \
  "http://127.0.0.1:$APP_PORT/api/v1/admin/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
python3 bench/load-places.py "http://127.0.0.1:$APP_PORT" "$TOKEN" "$PLACES"
GEO_KEY='cs:{listing:station}:geo'
echo "GEO index holds $(redis-cli -p $REDIS_PORT ZCARD "$GEO_KEY") places;" \
  "$(redis-cli -p $REDIS_PORT GEOSEARCH "$GEO_KEY" FROMLONLAT $LNG $LAT BYRADIUS $RADIUS m ASC | wc -l) within ${RADIUS} m of the query point"

URL="http://127.0.0.1:$APP_PORT/api/v1/stations/nearby?lat=$LAT&lng=$LNG&radius=$RADIUS&limit=$LIMIT"
curl -sf "$URL" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("backend answers", len(d["items"]), "stations")'
wrk -t1 -c16 -d"${WARMUP}s" "$URL" >/dev/null # JIT warm-up

echo
row "what" "connections" "requests/s" "p50 ms" "p99 ms"
row "---" "---" "---" "---" "---"
best_backend=0
for c in $CONNECTIONS; do
  wrk -t1 -c"$c" -d"${DURATION}s" --latency "$URL" > "$OUT/wrk-$c.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-$c.txt")
  p50=$(ms "$(awk '$1 == "50%" {print $2}' "$OUT/wrk-$c.txt")")
  p99=$(ms "$(awk '$1 == "99%" {print $2}' "$OUT/wrk-$c.txt")")
  errors=$(awk '/Non-2xx|Socket errors/' "$OUT/wrk-$c.txt")
  row "backend GET /stations/nearby" "$c" "$rps" "$p50" "$p99${errors:+ (errors: $errors)}"
  best_backend=$(awk -v a="$best_backend" -v b="$rps" 'BEGIN { print (b > a) ? b : a }')
done

best_raw=0
for c in $CONNECTIONS; do
  n=$((c * 3000))
  csv=$(redis-benchmark -p $REDIS_PORT -a "$REDISCLI_AUTH" -c "$c" -n "$n" --csv \
    GEOSEARCH "$GEO_KEY" FROMLONLAT $LNG $LAT BYRADIUS $RADIUS m ASC COUNT $LIMIT WITHDIST | tail -1)
  rps=$(echo "$csv" | awk -F'"' '{print $4}')
  row "raw GEOSEARCH (redis-benchmark)" "$c" "$rps" "$(echo "$csv" | awk -F'"' '{print $10}')" "$(echo "$csv" | awk -F'"' '{print $14}')"
  best_raw=$(awk -v a="$best_raw" -v b="$rps" 'BEGIN { print (b > a) ? b : a }')
done

echo
awk -v b="$best_backend" -v r="$best_raw" 'BEGIN { printf "peak backend %.0f req/s ÷ peak raw GEOSEARCH %.0f req/s = ratio %.3f\n", b, r, b / r }'
echo "backend JVM options: $JAVA_OPTS"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), redis-server $(redis-cli -p $REDIS_PORT INFO server | awk -F: '/redis_version/ {print $2}' | tr -d '\r')"
