#!/usr/bin/env bash
# Builds a JDK 25 ahead-of-time cache (JEP 483/514) for one wallet service, so that it starts faster: a restarted
# transfer-processor decides again sooner. docs/operations.md, "Starting faster", says when
# to use it; docs/performance-log.md has the measurements.
#
#   deploy/aot/aot-cache.sh <service-exec.jar> <directory>
#
# It extracts the jar into <directory> (the cache needs the classes on the plain class path, not inside a nested jar),
# then starts the service once as a training run with the environment this script is given (the same variables the
# service runs with: it connects to PostgreSQL and Kafka while its context starts) and stops it once the context has
# started. The service then runs as:
#
#   java -XX:AOTCache=<directory>/app.aot -jar <directory>/<service-exec.jar's name>
#
# Build the cache again for every new jar and JDK: a cache from another jar or JDK is ignored (the JVM says so on
# start and runs without it). JAVA selects the JDK (25 or newer), JAVA_HOME/bin/java otherwise.
set -euo pipefail
if [[ $# -ne 2 ]]; then
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
jar=$1 directory=$2
java=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
feature=$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
if [[ -z "$feature" || "${feature%%.*}" -lt 25 ]]; then
  echo "aot-cache: $java is Java ${feature:-unknown}; the AOT cache needs 25 or newer (set JAVA)" >&2
  exit 1
fi
rm -rf "$directory"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$directory"
extracted="$directory/$(basename "$jar")"
"$java" -XX:AOTCacheOutput="$directory/app.aot" -Dspring.context.exit=onRefresh -jar "$extracted"
echo "aot-cache: run it with: $java -XX:AOTCache=$directory/app.aot -jar $extracted"
