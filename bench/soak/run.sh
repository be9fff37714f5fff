#!/usr/bin/env bash
# The soak, in one run on this machine (bench/soak/README.md explains what runs and how to read it):
#   bench/soak/run.sh [--duration=1800] [--fraction=0.7] [--help for the rest]
# builds the gateway's and three services' jars (household registry, shop management, supply platform) and this
# module, starts PostgreSQL, Kafka, Redis and Keycloak, runs the four apps from their jars, seeds a county, finds the
# gateway's peak for the mix with a ramp, then loads it at a fraction of that peak for the duration, printing every
# minute's latencies and each process's heap and RSS, and at the end the table for docs/performance.md.
# MVNW_FLAGS is passed to the Maven wrapper, e.g. MVNW_FLAGS=-o for an offline build.
set -euo pipefail
cd "$(dirname "$0")/../.."

for arg in "$@"; do
  if [ "$arg" = "--help" ] || [ "$arg" = "-h" ]; then
    # The usage is the benchmark's own; build only the module (no apps) to print it.
    # shellcheck disable=SC2086 # MVNW_FLAGS holds several flags on purpose
    ./mvnw -B -q ${MVNW_FLAGS:-} -DskipTests -pl bench/soak -am package
    # shellcheck source=../bench-support/run-from-copies.sh
    source bench/bench-support/run-from-copies.sh
    exec_from_copies soak org.povertyalleviation.bench.soak.SoakBenchmark --help
  fi
done

# shellcheck disable=SC2086 # MVNW_FLAGS holds several flags on purpose
./mvnw -B -q ${MVNW_FLAGS:-} -DskipTests \
  -pl gateway,services/household-registry,services/shop-management,services/supply-platform,bench/soak -am package

# shellcheck source=../bench-support/run-from-copies.sh
source bench/bench-support/run-from-copies.sh
exec_from_copies soak org.povertyalleviation.bench.soak.SoakBenchmark "$@"
