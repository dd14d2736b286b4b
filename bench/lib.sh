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
