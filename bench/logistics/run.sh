#!/usr/bin/env bash
# The milk run benchmark (bench/logistics/README.md): the solver against the nearest-neighbour baseline on a generated
# mountain township, in one run on this machine:
#   bench/logistics/run.sh [--seed=19] [--pickups=60] [--vehicles=4] [--budget=10] [--runs=1]
# builds this module (which compiles the service's planner from its sources) and runs it; no servers. MVNW_FLAGS is
# passed to the Maven wrapper, e.g. MVNW_FLAGS=-o for an offline build.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck disable=SC2086 # MVNW_FLAGS holds several flags on purpose
./mvnw -B -q ${MVNW_FLAGS:-} -DskipTests -pl bench/logistics -am package

# shellcheck source=../bench-support/run-from-copies.sh
source bench/bench-support/run-from-copies.sh
exec_from_copies logistics org.povertyalleviation.bench.logistics.MilkRunBenchmark "$@"
