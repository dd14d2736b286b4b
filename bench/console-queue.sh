#!/usr/bin/env bash
# The staff console's queue with 2,000 cases in scope, in headless Chromium against the packaged jar:
# first rows shown, scrolling through all of them (pages of 100 loaded on the way), frame gaps and long
# tasks while scrolling, rows kept in the DOM (the table is virtualised). Also the console's initial
# JavaScript, gzipped. Prints Markdown; docs/benchmarks.md records the figures.
#   bash bench/console-queue.sh            CASES=2000 by default
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f backend/target/backend-0.1.0-SNAPSHOT.jar ] || ./mvnw -q -pl backend -am package -DskipTests
cd backend/src/main/console
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
node tools/initial-js.js | tail -1
node e2e/queue-bench.js
