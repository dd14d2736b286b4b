#!/usr/bin/env bash
# Query cost of the in-memory nearby index at 1,000, 10,000 and 100,000 places, beside GEOSEARCH on the same
# places in a real redis-server (the embedded one), and the heap the index holds. Prints a Markdown table;
# docs/benchmarks.md records the figures. Runs NearbyIndexBenchmark from the backend's test classes.
#
#   bash bench/nearby-index.sh
#   JAVA_OPTS="-XX:+UseG1GC" bash bench/nearby-index.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xmx2g"}
OUT=bench/out
mkdir -p "$OUT"

./mvnw -q -B -pl backend -am -DskipTests test-compile
./mvnw -q -B -pl backend dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$OUT/test-classpath.txt"
CP="backend/target/test-classes:backend/target/classes:$(cat "$OUT/test-classpath.txt")"
# shellcheck disable=SC2086 # JAVA_OPTS holds several options
java $JAVA_OPTS -cp "$CP" org.cityservice.listing.NearbyIndexBenchmark
echo
echo "JVM options: $JAVA_OPTS; machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1); commit $(git rev-parse --short HEAD)"
