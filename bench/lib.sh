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
