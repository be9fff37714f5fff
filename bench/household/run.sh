#!/usr/bin/env bash
# The household registry benchmark, in one run on this machine (bench/household/README.md explains what it measures):
#   bench/household/run.sh [--households=200000] [--counties=832] [--help for the rest]
# builds the service's jar and this module, starts PostgreSQL, Kafka and Keycloak, runs the service from its jar,
# measures its bulk import against COPY and its village list against plain SQL, and prints the table.
# MVNW_FLAGS is passed to the Maven wrapper, e.g. MVNW_FLAGS=-o for an offline build.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck disable=SC2086 # MVNW_FLAGS holds several flags on purpose
if grep -q '<module>bench/household</module>' pom.xml; then
  ./mvnw -B -q ${MVNW_FLAGS:-} -DskipTests -pl services/household-registry,bench/household -am package
else
  # Not (yet) a module of the root build: install what it needs, then build the benchmark on its own.
  ./mvnw -B -q ${MVNW_FLAGS:-} -DskipTests -pl services/household-registry,platform/platform-test -am install
  ./mvnw -B -q ${MVNW_FLAGS:-} -DskipTests -f bench/household/pom.xml package
fi

# The run takes half an hour: it runs from copies of this build's own jars (this module's, platform-test's, any
# snapshot), so that another build rewriting them meanwhile cannot pull classes from under the running JVM.
run_classpath=bench/household/target/run-classpath
rm -rf "$run_classpath"
mkdir -p "$run_classpath"
cp bench/household/target/bench-household-0.1.0-SNAPSHOT.jar "$run_classpath/"
classpath="$PWD/$run_classpath/bench-household-0.1.0-SNAPSHOT.jar"
IFS=: read -ra entries < bench/household/target/classpath.txt || true  # no newline at its end
for entry in "${entries[@]}"; do
  case "$entry" in
    "$PWD"/* | *-SNAPSHOT*)
      cp "$entry" "$run_classpath/"
      entry="$PWD/$run_classpath/$(basename "$entry")"
      ;;
  esac
  classpath="$classpath:$entry"
done

# exec: Ctrl-C and kill reach the JVM itself, whose shutdown hook stops every server it started (and each server's
# watchdog stops it if the JVM is killed with -9).
exec java -Xms256m -Xmx1g -Dlogback.configurationFile=bench-logback.xml -cp "$classpath" \
  org.povertyalleviation.bench.household.HouseholdBenchmark "$@"
