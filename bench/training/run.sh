#!/usr/bin/env bash
# The training check-in benchmark, in one run on this machine (bench/training/README.md explains what it measures):
#   bench/training/run.sh [--people=300] [--window=60] [--rounds=1] [--help for the rest]
# builds the training service's and the gateway's jars and this module, starts PostgreSQL, Kafka, Redis and Keycloak,
# runs both from their jars, enrols the people, lets them check in to a sitting with the lecturer's rotating code straight
# to the service and through the gateway, checks that the sitting counted each person once, and prints the table.
# MVNW_FLAGS is passed to the Maven wrapper, e.g. MVNW_FLAGS=-o for an offline build.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck disable=SC2086 # MVNW_FLAGS holds several flags on purpose
./mvnw -B -q ${MVNW_FLAGS:-} -DskipTests -pl services/training,gateway,bench/training -am package

# shellcheck source=../bench-support/run-from-copies.sh
source bench/bench-support/run-from-copies.sh
exec_from_copies training org.povertyalleviation.bench.training.TrainingBenchmark "$@"
