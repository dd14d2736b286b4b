#!/usr/bin/env bash
# Redis memory per resident (with one session), per case and per scheduled survey, as the backend writes them:
# Redis's used_memory before and after each batch, on the embedded redis-server of the packaged backend.
# docs/deploy.md sizes the nodes of a deployment from these figures.
#
#   bash bench/memory.sh                       # 5,000 residents, 20 s of reports, 20,000 surveys
#   RESIDENTS=5000 REPORTING=20 SURVEYS=20000 bash bench/memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RESIDENTS=${RESIDENTS:-5000}
REPORTING=${REPORTING:-20}
SURVEYS=${SURVEYS:-20000}
APP_PORT=${APP_PORT:-18080}
REDIS_PORT=${REDIS_PORT:-16399}
PLATFORM_PORT=${PLATFORM_PORT:-19911}
OUT=bench/out
mkdir -p "$OUT"

. bench/lib.sh
need wrk:wrk redis-cli:redis-tools
build_backend
DATA=$(mktemp -d)
APP=""
cleanup() {
  if [ -n "$APP" ]; then kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; fi
  rm -rf "$DATA"
}
trap cleanup EXIT

# the sweeps stay off: surveys counted must still be there when memory is read
java -XX:+UseSerialGC -jar "$JAR" --spring.profiles.active=local --app.hotline.local-platform-port=0 \
  --server.port=$APP_PORT --app.redis.embedded.port=$REDIS_PORT --app.redis.embedded.data-dir="$DATA" \
  --app.redis.embedded.appendfsync=everysec --app.demo-data.mode=always --spring.quartz.auto-startup=false \
  --app.wechat.local-platform-port=$PLATFORM_PORT --app.complaints.max-per-hour=100000000 \
  --app.identity.login.resident-per-address-per-minute=1000000 --logging.level.root=WARN > "$OUT/backend-memory.log" 2>&1 &
APP=$!
wait_healthy $APP_PORT
export REDISCLI_AUTH
REDISCLI_AUTH=$(sed -n 's/^requirepass //p' "$DATA/redis-password.conf")
cli() { redis-cli --no-auth-warning -p $REDIS_PORT "$@"; }
used() { cli info memory | awk -F: '/^used_memory:/ { print $2 + 0 }'; }
per() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%d", (b - a) / n }'; }

before=$(used)
python3 bench/residents.py "http://127.0.0.1:$APP_PORT" "http://127.0.0.1:$PLATFORM_PORT" "$RESIDENTS" > "$OUT/tokens.txt"
after_residents=$(used)

TOKENS="$OUT/tokens.txt" wrk -t1 -c16 -d"${REPORTING}s" -s bench/submit.lua "http://127.0.0.1:$APP_PORT" > "$OUT/wrk-memory.txt"
cases=$(cli hlen "cs:{complaint}:cases")
after_cases=$(used)

python3 bench/seed-surveys.py "$SURVEYS" "$(($(date +%s) * 1000 + 86400000))" | cli --pipe > "$OUT/seed.log"
after_surveys=$(used)

echo
echo "| what | how many | Redis bytes each |"
echo "| --- | ---: | ---: |"
echo "| resident logged in (profile, openid index, one session, its owner's set) | $RESIDENTS | $(per "$before" "$after_residents" "$RESIDENTS") |"
echo "| case as filed (case, timeline, the list and status indexes, its event, the open-case geo entry) | $cases | $(per "$after_residents" "$after_cases" "$cases") |"
echo "| survey scheduled (survey, due entry) | $SURVEYS | $(per "$after_cases" "$after_surveys" "$SURVEYS") |"
echo
echo "Redis: $(cli info server | awk -F: '/^redis_version:/ { print $2 }' | tr -d '\r'); used_memory $(used) bytes in all"
