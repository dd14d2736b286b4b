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
