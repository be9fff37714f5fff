#!/usr/bin/env bash
# The supply platform benchmark, in one run on this machine (bench/supply/README.md explains what it measures):
#   bench/supply/run.sh [--shareholders=10000] [--workers=5000] [--help for the rest]
# builds the household registry's and the supply platform's jars and this module, starts PostgreSQL, Kafka and
# Keycloak, runs both services from their jars, times a dividend run and a payday from the request to the last ledger
# entry, and prints the table. MVNW_FLAGS is passed to the Maven wrapper, e.g. MVNW_FLAGS=-o for an offline build.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck disable=SC2086 # MVNW_FLAGS holds several flags on purpose
./mvnw -B -q ${MVNW_FLAGS:-} -DskipTests -pl services/household-registry,services/supply-platform,bench/supply -am package

# It runs from copies of this build's own jars, so that another build rewriting them meanwhile cannot pull classes
# from under the running JVM.
run_classpath=bench/supply/target/run-classpath
rm -rf "$run_classpath"
mkdir -p "$run_classpath"
cp bench/supply/target/bench-supply-0.1.0-SNAPSHOT.jar "$run_classpath/"
classpath="$PWD/$run_classpath/bench-supply-0.1.0-SNAPSHOT.jar"
IFS=: read -ra entries < bench/supply/target/classpath.txt || true  # no newline at its end
for entry in "${entries[@]}"; do
  case "$entry" in
    "$PWD"/* | *-SNAPSHOT*)
      cp "$entry" "$run_classpath/"
      entry="$PWD/$run_classpath/$(basename "$entry")"
      ;;
  esac
  classpath="$classpath:$entry"
done

# exec: Ctrl-C and kill reach the JVM itself, whose shutdown hook stops every server it started.
exec java -Xms256m -Xmx1g -Dlogback.configurationFile=bench-logback.xml -cp "$classpath" \
  org.povertyalleviation.bench.supply.SupplyBenchmark "$@"
