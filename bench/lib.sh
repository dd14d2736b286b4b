# What every bench script does before it measures; sourced by them (`. bench/lib.sh`), not run.

# Installs the Debian packages of the commands missing here: need COMMAND:PACKAGE ...
need() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    local sudo
    sudo=$([ "$(id -u)" -eq 0 ] && echo "" || echo sudo)
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
  fi
}

# Packages the backend (one Maven at a time: other builds may share this machine) and sets JAR to it.
build_backend() {
  if command -v flock >/dev/null; then
    flock /tmp/cityservice-build.lock ./mvnw -q -B -DskipTests package
  else
    ./mvnw -q -B -DskipTests package
  fi
  JAR=$(ls backend/target/backend-*.jar | grep -v original | head -1)
}

# Waits until the backend on 127.0.0.1:PORT answers its health check, for 90 s at most: wait_healthy PORT
wait_healthy() {
  for _ in $(seq 1 90); do
    curl -sf "http://127.0.0.1:$1/actuator/health" >/dev/null && return 0
    sleep 1
  done
  echo "no backend answered on port $1 within 90 s" >&2
  return 1
}

# User + system CPU seconds a process has used so far: cpu_s PID
# (fields counted after the name in parentheses, which may hold spaces: "VM Thread")
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.1f", ($12 + $13) / hz }' "/proc/$1/stat"; }

# CPU ticks of each thread of a process: "tid name ticks" (names without digits, so a pool's threads add up)
thread_ticks() {
  for t in /proc/"$1"/task/*; do
    echo "${t##*/} $(tr ' ' _ < "$t/comm" 2>/dev/null | sed 's/[-_]*[0-9]*$//') $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "$t/stat" 2>/dev/null)"
  done
}

# The CPU seconds each thread family used between two thread_ticks files, busiest first: thread_cpu BEFORE AFTER
thread_cpu() {
  join <(sort "$1") <(sort "$2") \
    | awk -v hz="$(getconf CLK_TCK)" '$5 > $3 { s[$2] += ($5 - $3) / hz } END { for (n in s) printf "  %6.1f  %s\n", s[n], n }' \
    | sort -rn | head -8
}

# Starts a Redis Cluster of 3 masters with a replica each from Debian's redis-server, daemonized, on ports BASE to
# BASE+5 with data under DIR, and waits until every node sees all six: start_cluster DIR BASE PASSWORD.
# Sets NODES ("127.0.0.1:P1,…") and PORTS; stop_cluster PASSWORD shuts them down.
start_cluster() {
  local dir=$1 base=$2 password=$3 port healthy
  PORTS=$(seq "$base" $((base + 5)))
  for port in $PORTS; do
    mkdir -p "$dir/$port"
    printf '%s\n' "bind 127.0.0.1" "port $port" "dir $dir/$port" "cluster-enabled yes" "cluster-config-file nodes.conf" \
      "cluster-node-timeout 5000" "appendonly yes" "appendfsync everysec" 'save ""' "requirepass $password" \
      "masterauth $password" "logfile $dir/$port/redis.log" "daemonize yes" "pidfile $dir/$port/redis.pid" \
      > "$dir/$port/redis.conf"
    redis-server "$dir/$port/redis.conf"
  done
  for port in $PORTS; do
    for _ in $(seq 1 50); do REDISCLI_AUTH=$password redis-cli --no-auth-warning -p "$port" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
  done
  # shellcheck disable=SC2046
  REDISCLI_AUTH=$password redis-cli --no-auth-warning --cluster create \
    $(for port in $PORTS; do printf '127.0.0.1:%s ' "$port"; done) --cluster-replicas 1 --cluster-yes > "$dir/create.log"
  for _ in $(seq 1 100); do
    healthy=1
    for port in $PORTS; do
      REDISCLI_AUTH=$password redis-cli --no-auth-warning -p "$port" cluster info | grep -q cluster_state:ok || healthy=0
      [ "$(REDISCLI_AUTH=$password redis-cli --no-auth-warning -p "$port" cluster nodes | grep -c -v fail)" = 6 ] || healthy=0
    done
    [ $healthy = 1 ] && break
    sleep 0.2
  done
  NODES=$(for port in $PORTS; do printf '127.0.0.1:%s,' "$port"; done)
  NODES=${NODES%,}
}

stop_cluster() {
  local port
  for port in $PORTS; do
    REDISCLI_AUTH=$1 redis-cli --no-auth-warning -p "$port" shutdown nosave >/dev/null 2>&1 || true
  done
}

# The port of the master that serves KEY's slot now: master_of ANY_PORT PASSWORD KEY
master_of() {
  local slot
  slot=$(REDISCLI_AUTH=$2 redis-cli --no-auth-warning -p "$1" cluster keyslot "$3")
  REDISCLI_AUTH=$2 redis-cli --no-auth-warning -p "$1" cluster nodes | awk -v slot="$slot" '/master/ && !/fail/ {
    for (i = 9; i <= NF; i++) { n = split($i, r, "-"); if (n == 1) r[2] = r[1]; if (slot + 0 >= r[1] + 0 && slot + 0 <= r[2] + 0) { split($2, a, "[:@]"); print a[2] } } }'
}

# A row of a five-column Markdown table; a wrk latency ("812.00us", "1.23ms", "1.02s") in milliseconds
row() { printf '| %s | %s | %s | %s | %s |\n' "$@"; }
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v/1000; else if (v ~ /ms$/) printf "%.2f", v+0; else printf "%.2f", v*1000 }'; }

# Starts WeChat's stand-in from JAR in a process of its own on PLATFORM_PORT, as WeChat is in production (the
# backend pays for its side of each content check, not for the platform's), and sets STUB to its pid
start_wechat_stub() {
  WECHAT_STUB_PORT=$PLATFORM_PORT WECHAT_APPID=wx-bench-appid WECHAT_SECRET=bench-secret WECHAT_TOKEN=bench-push-token \
    java -XX:+UseSerialGC -cp "$JAR" -Dloader.main=org.cityservice.stub.wechat.WechatStubMain \
    org.springframework.boot.loader.launch.PropertiesLauncher > "$OUT/wechat-stub.log" 2>&1 &
  STUB=$!
  for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$PLATFORM_PORT/" && break; sleep 0.5; done
  if ! kill -0 "$STUB" 2>/dev/null; then
    echo "WeChat's stand-in did not start (is port $PLATFORM_PORT taken?); see $OUT/wechat-stub.log" >&2
    exit 1
  fi
}

# The 13 Redis writes a submission makes (session GETEX, rate INCR, day sequence INCR, then submit.lua's HSET,
# 7 ZADD, RPUSH and XADD) as one script for redis-benchmark, on one line so its CSV row is one line too; keys start
# with PREFIX ("raw:", or "raw:{complaint}:" for the master of that tag on a cluster): intake_raw_script PREFIX
intake_raw_script() {
  printf '%s' "for i = 1, 3 do redis.call('INCR', '$1c:' .. ARGV[1] .. i) end
redis.call('HSET', '$1h', ARGV[1], '{trackingNo:JZ20261122-000001,description:压测:人民路口有人占道经营}')
for i = 1, 7 do redis.call('ZADD', '$1z' .. i, ARGV[1], ARGV[1]) end
redis.call('RPUSH', '$1l:' .. ARGV[1], '{status:RECEIVED}')
redis.call('XADD', '$1s', '*', 'type', 'RECEIVED', 'trackingNo', ARGV[1])
return 1" | tr '\n' ' '
}

# A table row from a wrk run of bench/submit.lua: intake_row LABEL SETTING RESULT_FILE
intake_row() {
  row "$1" "$2" "$(awk '/Requests\/sec/ {print $2}' "$3")" "$(ms "$(awk '$1 == "50%" {print $2}' "$3")")" \
    "$(ms "$(awk '$1 == "99%" {print $2}' "$3")") (non-201: $(awk '/non-201 answers/ {print $3}' "$3"))"
}

# A Lua script of the backend as LuaScripts loads it, each "--! use lib/<name>" line replaced by that fragment:
# lua_source complaint/submit
lua_source() {
  awk -v dir=backend/src/main/resources/scripts '
    /^--! use lib\/[a-z-]+$/ { f = dir "/" $3 ".lua"; while ((getline line < f) > 0) print line; close(f); next }
    { print }' "backend/src/main/resources/scripts/$1.lua"
}
