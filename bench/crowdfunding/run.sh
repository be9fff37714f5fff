#!/usr/bin/env bash
# The crowdfunding benchmarks, in one run on this machine (bench/crowdfunding/README.md explains what they measure):
#   bench/crowdfunding/run.sh [--pledges=2000] [--tier=500] [--refunds=10000] [--rounds=1] [--help for the rest]
# builds the crowdfunding service's and the gateway's jars and this module, starts PostgreSQL, Kafka, Redis and
# Keycloak, runs both from their jars and the payment partner simulator in its own JVM; fires a flash sale of
# concurrent pledges on a tier straight to the service and through the gateway and checks that none was oversold; then
# lets a project of paid pledges fail and times its settlement and refunds against the simulator's own throughput.
# MVNW_FLAGS is passed to the Maven wrapper, e.g. MVNW_FLAGS=-o for an offline build.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck disable=SC2086 # MVNW_FLAGS holds several flags on purpose
./mvnw -B -q ${MVNW_FLAGS:-} -DskipTests -pl services/crowdfunding,gateway,bench/crowdfunding -am package

# shellcheck source=../bench-support/run-from-copies.sh
source bench/bench-support/run-from-copies.sh
exec_from_copies crowdfunding org.povertyalleviation.bench.crowdfunding.CrowdfundingBenchmark "$@"
