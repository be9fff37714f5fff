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

# shellcheck source=../bench-support/run-from-copies.sh
source bench/bench-support/run-from-copies.sh
exec_from_copies household org.povertyalleviation.bench.household.HouseholdBenchmark "$@"
