#!/usr/bin/env bash
# Rewrites what follows from services/services.yaml (the root pom's modules, the devstack's apps, the gateway's routes,
# the umbrella chart's dependencies, values, schema and notes, k8s/'s databases, roles, dead-letter topics, Kafka users
# and network policies). The deployment module's ServiceListTest does the writing and fails the normal build while they disagree.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests -pl platform/platform-test -am
./mvnw -B -q test -pl deployment -Dtest=ServiceListTest#everyDerivedFileAgreesWithTheList -Dservices.sync=true \
  -Dsurefire.failIfNoSpecifiedTests=false
