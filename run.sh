#!/usr/bin/env bash
# The one command that runs the whole platform on this machine:
#   ./run.sh [--seed=N]   build, then start PostgreSQL, Kafka, Redis, Keycloak, every service and the gateway,
#                         seeded with demo data for Longnan's nine counties. Ctrl-C stops it all.
set -euo pipefail
cd "$(dirname "$0")"

./mvnw -B -q -DskipTests install
exec java -cp "devstack/target/classes:$(cat devstack/target/classpath.txt)" \
  org.povertyalleviation.devstack.DevStack "$@"
