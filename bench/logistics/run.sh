#!/usr/bin/env bash
# The logistics benchmarks (bench/logistics/README.md), in one run on this machine:
#   bench/logistics/run.sh [--seed=19] [--pickups=60] [--vehicles=4] [--budget=10] [--runs=1]
#     milk runs: the solver against the nearest-neighbour baseline on a generated mountain township; builds this module
#     (which compiles the service's planner from its sources) and runs it; no servers.
#   bench/logistics/run.sh bookings [--bookings=1500] [--windows=100] [--concurrency=200] [--help for the rest]
#     bookings: builds the logistics booking service's and the gateway's jars and this module, starts PostgreSQL, Kafka,
#     Redis and Keycloak, runs both from their jars, seeds a county's network with its windows and fires bursts of
#     concurrent bookings straight to the service and through the gateway; checks that no window is overbooked.
# MVNW_FLAGS is passed to the Maven wrapper, e.g. MVNW_FLAGS=-o for an offline build.
set -euo pipefail
cd "$(dirname "$0")/../.."

main=org.povertyalleviation.bench.logistics.MilkRunBenchmark
modules=bench/logistics
if [[ ${1:-} == bookings || ${1:-} == --bookings ]]; then
  shift
  main=org.povertyalleviation.bench.logistics.BookingBenchmark
  modules=services/logistics-booking,gateway,bench/logistics
fi

# shellcheck disable=SC2086 # MVNW_FLAGS holds several flags on purpose
./mvnw -B -q ${MVNW_FLAGS:-} -DskipTests -pl "$modules" -am package

# shellcheck source=../bench-support/run-from-copies.sh
source bench/bench-support/run-from-copies.sh
exec_from_copies logistics "$main" "$@"
