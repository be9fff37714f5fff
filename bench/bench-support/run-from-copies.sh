# Sourced by a benchmark's run.sh after its build: exec_from_copies <module name> <main class> [arguments...]
# A run takes many minutes: it runs from copies of this build's own jars (the module's, platform-test's, any snapshot),
# so that another build rewriting them meanwhile cannot pull classes from under the running JVM. exec: Ctrl-C and kill
# reach the JVM itself, whose shutdown hook stops every server it started (and each server's watchdog stops it if the
# JVM is killed with -9).
exec_from_copies() {
  local module=$1 main=$2
  shift 2
  local run_classpath=bench/$module/target/run-classpath
  rm -rf "$run_classpath"
  mkdir -p "$run_classpath"
  cp "bench/$module/target/bench-$module-0.1.0-SNAPSHOT.jar" "$run_classpath/"
  local classpath="$PWD/$run_classpath/bench-$module-0.1.0-SNAPSHOT.jar" entry entries
  IFS=: read -ra entries < "bench/$module/target/classpath.txt" || true  # no newline at its end
  for entry in "${entries[@]}"; do
    case "$entry" in
      "$PWD"/* | *-SNAPSHOT*)
        cp "$entry" "$run_classpath/"
        entry="$PWD/$run_classpath/$(basename "$entry")"
        ;;
    esac
    classpath="$classpath:$entry"
  done
  exec java -Xms256m -Xmx1g -Dlogback.configurationFile=bench-logback.xml -cp "$classpath" "$main" "$@"
}
