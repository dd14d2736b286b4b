#!/usr/bin/env bash
# Where a nearby request's time and memory go: the packaged backend with JFR (profile settings) and a GC log,
# 10,000 stations loaded through the admin API, a warm-up, then 30 s of wrk at 16 connections while JFR records.
# Prints requests/s, bytes allocated per request (young collections x eden / requests) and the hottest frames
# (top of stack and anywhere in the stack) by JFR's execution samples. docs/benchmarks.md records the figures.
#
#   bash bench/profile-nearby.sh
#   URL_PATH=/api/v1/complaint-categories bash bench/profile-nearby.sh   # any other GET, same load
set -euo pipefail
cd "$(dirname "$0")/.."
PLACES=${PLACES:-10000}
WARMUP=${WARMUP:-40}
APP_PORT=${APP_PORT:-18082}
URL_PATH=${URL_PATH:-"/api/v1/stations/nearby?lat=35.2150&lng=113.2420&radius=3000&limit=20"}
OUT=bench/out/profile
mkdir -p "$OUT"
rm -f "$OUT"/*.jfr "$OUT"/gc.log

. bench/lib.sh
need wrk:wrk
build_backend
DATA=$(mktemp -d)
PASSWORD=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
# a fixed young generation, so collections x eden size measures what was allocated
java -XX:+UseSerialGC -Xmn200m -XX:SurvivorRatio=8 -Xlog:gc:file="$OUT/gc.log" \
  -XX:StartFlightRecording=delay=$((WARMUP + 30))s,duration=30s,filename="$OUT/nearby.jfr",settings=profile \
  -jar "$JAR" --spring.profiles.active=local --app.hotline.local-platform-port=0 --server.port=$APP_PORT \
  --app.redis.embedded.port=0 --app.redis.embedded.data-dir="$DATA" --app.demo-data.mode=off \
  --app.identity.bootstrap-admin.password="$PASSWORD" --logging.level.root=WARN > "$OUT/backend.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; rm -rf "$DATA"' EXIT
wait_healthy $APP_PORT
STARTED=$(date +%s)
TOKEN=$(curl -sf -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" \
  "http://127.0.0.1:$APP_PORT/api/v1/admin/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
python3 bench/load-places.py "http://127.0.0.1:$APP_PORT" "$TOKEN" "$PLACES"
URL="http://127.0.0.1:$APP_PORT$URL_PATH"
wrk -t1 -c16 -d"${WARMUP}s" "$URL" >/dev/null
# the recording starts WARMUP + 30 s after the JVM; line the measured wrk run up with it
sleep $(( STARTED + WARMUP + 30 - $(date +%s) > 0 ? STARTED + WARMUP + 30 - $(date +%s) : 0 ))
before=$(grep -c 'Pause Young' "$OUT/gc.log" || true)
wrk -t1 -c16 -d30s "$URL" > "$OUT/wrk.txt"
after=$(grep -c 'Pause Young' "$OUT/gc.log" || true)
sleep 3
requests=$(awk '/requests in/ {print $1}' "$OUT/wrk.txt")
echo "$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk.txt") requests/s at 16 connections, $requests requests"
awk -v n=$((after - before)) -v r="$requests" 'BEGIN { printf "%d young collections x 160 MB eden / %d requests = %.0f KB allocated per request\n", n, r, n * 160 * 1024 / r }'
jfr print --events jdk.ExecutionSample --stack-depth 64 "$OUT/nearby.jfr" > "$OUT/samples.txt"
python3 bench/jfr-top.py "$OUT/samples.txt" org.cityservice.listing.NearbyIndex org.cityservice.listing.AvailabilityPolicy \
  tools.jackson org.springframework.security io.micrometer io.netty reactor.netty org.springframework.web.reactive org.cityservice
