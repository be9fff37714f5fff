#!/usr/bin/env bash
# The event pipeline benchmark, in one run on this machine (bench/events/README.md explains what it measures):
#   bench/events/run.sh [--rate=5000] [--duration=300] [--help for the rest]
# builds the household registry's and shop management's jars and this module, starts PostgreSQL and Kafka, runs Kafka's
# ProducerPerformance, then both services from their jars, commits events into the registry's outbox at the rate and
# prints the table. MVNW_FLAGS is passed to the Maven wrapper, e.g. MVNW_FLAGS=-o for an offline build.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck disable=SC2086 # MVNW_FLAGS holds several flags on purpose
./mvnw -B -q ${MVNW_FLAGS:-} -DskipTests -pl services/household-registry,services/shop-management,bench/events -am package

# shellcheck source=../bench-support/run-from-copies.sh
source bench/bench-support/run-from-copies.sh
exec_from_copies events org.povertyalleviation.bench.events.EventsBenchmark "$@"
