#!/usr/bin/env bash
# The trace pages benchmark, in one run on this machine (bench/trace/README.md explains what it measures):
#   bench/trace/run.sh [--rate=1000] [--duration=60] [--warmup=30] [--help for the rest]
# builds the supply platform's and the gateway's jars and this module, starts PostgreSQL, Kafka, Redis and Keycloak,
# runs both from their jars, seeds a published lot with a print run, offers the lot's and the packs' public pages at a
# fixed rate straight to the service and through the gateway, and prints the table. MVNW_FLAGS is passed to the Maven
# wrapper, e.g. MVNW_FLAGS=-o for an offline build.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck disable=SC2086 # MVNW_FLAGS holds several flags on purpose
./mvnw -B -q ${MVNW_FLAGS:-} -DskipTests -pl services/supply-platform,gateway,bench/trace -am package

# shellcheck source=../bench-support/run-from-copies.sh
source bench/bench-support/run-from-copies.sh
exec_from_copies trace org.povertyalleviation.bench.trace.TraceBenchmark "$@"
