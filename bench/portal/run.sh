#!/usr/bin/env bash
# The portal's page budget, in one run on this machine (bench/portal/README.md explains what it measures):
#   bench/portal/run.sh [--repeats=3] [--households=200] [--help for the rest]
# builds the services, the gateway, the portal, the devstack and this module, starts the whole platform from the
# jars on free ports, seeds Wen County through the gateway, and measures each portal page in Debian's Chromium on a
# throttled 3G link, cold and warm, against the same page unthrottled. Prints a Markdown table.
# MVNW_FLAGS is passed to the Maven wrapper, e.g. MVNW_FLAGS=-o for an offline build.
set -euo pipefail
cd "$(dirname "$0")/../.."

chromium=/usr/bin/chromium
for arg in "$@"; do
  case "$arg" in --chromium=*) chromium="${arg#--chromium=}" ;; esac
done
if [ ! -x "$chromium" ]; then
  echo "The portal benchmark drives Debian's Chromium at $chromium: sudo apt-get install chromium fonts-noto-cjk" >&2
  exit 1
fi

# shellcheck disable=SC2086 # MVNW_FLAGS holds several flags on purpose
if grep -q '<module>bench/portal</module>' pom.xml; then
  ./mvnw -B -q ${MVNW_FLAGS:-} -DskipTests -pl bench/portal -am install
else
  # Not (yet) a module of the root build: install what it needs, then build the benchmark on its own.
  ./mvnw -B -q ${MVNW_FLAGS:-} -DskipTests -pl devstack -am install
  ./mvnw -B -q ${MVNW_FLAGS:-} -DskipTests -f bench/portal/pom.xml package
fi

# The run takes a quarter of an hour: it runs from copies of this build's jars (the apps the devstack starts, this
# module's, any snapshot on its classpath), so that another build rewriting them meanwhile changes nothing under it.
rm -rf bench/portal/target/apps bench/portal/target/run-classpath
cp -r devstack/target/apps bench/portal/target/apps
run_classpath=bench/portal/target/run-classpath
mkdir -p "$run_classpath"
cp bench/portal/target/bench-portal-0.1.0-SNAPSHOT.jar "$run_classpath/"
classpath="$PWD/$run_classpath/bench-portal-0.1.0-SNAPSHOT.jar"
IFS=: read -ra entries < bench/portal/target/classpath.txt || true  # no newline at its end
for entry in "${entries[@]}"; do
  case "$entry" in
    "$PWD"/* | *-SNAPSHOT*)
      cp "$entry" "$run_classpath/"
      entry="$PWD/$run_classpath/$(basename "$entry")"
      ;;
  esac
  classpath="$classpath:$entry"
done

# Playwright drives Debian's Chromium and must never download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# exec: Ctrl-C and kill reach the JVM itself, whose shutdown hook stops the devstack (and each server's watchdog
# stops it if the JVM is killed with -9).
exec java -Xms128m -Xmx768m -Dlogback.configurationFile=bench-logback.xml -cp "$classpath" \
  org.povertyalleviation.bench.portal.PortalBenchmark --apps="$PWD/bench/portal/target/apps" "$@"
