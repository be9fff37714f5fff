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

# shellcheck source=../bench-support/run-from-copies.sh
source bench/bench-support/run-from-copies.sh
exec_from_copies supply org.povertyalleviation.bench.supply.SupplyBenchmark "$@"
