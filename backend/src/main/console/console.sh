#!/usr/bin/env bash
# Builds and tests the staff console with the machine's Node (called by Maven's exec plugin).
#   console.sh build     npm ci (when the lock file changed) + vite build into target/classes/static/console;
#                        without Node: says so and builds nothing (the backend runs without /console/)
#   console.sh test      the console's unit tests (Vitest)
#   console.sh browser   the browser tests against the packaged jar (BACKEND_JAR), headless Chromium
set -euo pipefail
cd "$(dirname "$0")"

node_major() { node --version 2>/dev/null | sed -nE 's/^v([0-9]+).*/\1/p'; }
if ! command -v node >/dev/null || ! command -v npm >/dev/null || [ "$(node_major)" -lt 18 ]; then
  if [ "$1" = build ]; then
    echo "[console] Node 18 or newer with npm was not found: the backend is built WITHOUT the staff console (/console/)."
    echo "[console] Install Node (e.g. apt-get install nodejs npm) and build again to include it."
    rm -rf ../../../target/classes/static/console
    exit 0
  fi
  echo "[console] Node 18 or newer with npm is needed for the console's tests" >&2
  exit 1
fi

install() {
  local stamp=node_modules/.cityservice-lock
  if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
}

case "$1" in
  build) install; npm run --silent build -- --logLevel warn ;;
  test) install; npm run --silent test ;;
  browser) install; npm run --silent browser ;;
  *) echo "usage: console.sh build|test|browser" >&2; exit 2 ;;
esac
