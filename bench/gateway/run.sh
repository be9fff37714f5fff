#!/usr/bin/env bash
# The gateway benchmark, in one run on this machine (bench/gateway/README.md explains what it measures):
#   bench/gateway/run.sh [--duration=30] [--warmup=10] [--help for the rest]
# builds what it needs, installs wrk if it is missing (Debian's package), starts Redis, Kafka, Keycloak, a trivial
# backend, a plain Spring Cloud Gateway and our gateway, loads each the same way, and prints the table.
# MVNW_FLAGS is passed to the Maven wrapper, e.g. MVNW_FLAGS=-o for an offline build.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing wrk (Debian package)..."
    apt-get install -y -q wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
  else
    echo "wrk is needed: sudo apt-get install wrk" >&2
    exit 1
  fi
fi

# shellcheck disable=SC2086 # MVNW_FLAGS holds several flags on purpose
if grep -q '<module>bench/gateway</module>' pom.xml; then
  ./mvnw -B -q ${MVNW_FLAGS:-} -DskipTests -pl bench/gateway -am package
else
  # Not (yet) a module of the root build: install the platform, then build the benchmark on its own.
  ./mvnw -B -q ${MVNW_FLAGS:-} -DskipTests install
  ./mvnw -B -q ${MVNW_FLAGS:-} -DskipTests -f bench/gateway/pom.xml package
fi

# exec: Ctrl-C and kill reach the JVM itself, whose shutdown hook stops every server it started (and each server's
# watchdog stops it if the JVM is killed with -9).
exec java -Xms128m -Xmx512m -Dlogback.configurationFile=bench-logback.xml \
  -cp "$PWD/bench/gateway/target/classes:$(cat bench/gateway/target/classpath.txt)" \
  org.povertyalleviation.bench.gateway.GatewayBenchmark "$@"
