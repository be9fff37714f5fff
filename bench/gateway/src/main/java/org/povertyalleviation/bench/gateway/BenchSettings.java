package org.povertyalleviation.bench.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.povertyalleviation.bench.CommandLine;

/**
 * How the benchmark runs: {@code --name=value} arguments (bench/gateway/run.sh passes its own through), durations
 * in seconds.
 *
 * @param warmup       least wrk load before each target's peak measurement (discarded); the warm-up goes on in 5 s
 *                     steps until the last three steps agree within 10 %, since a gateway's JIT takes tens of seconds
 *                     to settle on two CPUs
 * @param warmupMax    most wrk load before each peak measurement, steady or not
 * @param duration     each measured phase: the peak run and the fixed-rate run, per target
 * @param fixedWarmup  fixed-rate run before each target's fixed-rate measurement, discarded
 * @param connections  keep-alive connections, for wrk and for the fixed-rate generator alike
 * @param wrkThreads   wrk's threads (each takes up to a whole CPU away from the servers)
 * @param rateFraction the fixed rate as a fraction of our gateway's peak
 * @param rate         a fixed rate to use instead (requests per second), or 0
 * @param gatewayJvm   JVM options for both gateways, identical so that neither gets more memory or another GC
 * @param backendJvm   JVM options for the backend
 * @param gatewayJar   our gateway's executable jar
 * @param ourGatewayArgs extra command-line arguments for our gateway (e.g. to try a setting), none by default
 * @param accessLog    whether our gateway writes its per-request access log line (it does in production)
 * @param keepLogs     keep the servers' logs after the run (they are kept anyway when the run fails)
 */
record BenchSettings(Duration warmup, Duration warmupMax, Duration duration, Duration fixedWarmup, int connections, int wrkThreads,
                     double rateFraction, int rate, String gatewayJvm, String backendJvm, Path gatewayJar, String ourGatewayArgs,
                     boolean accessLog, boolean keepLogs) {

    static final String USAGE = """
            usage: bench/gateway/run.sh [--option=value ...]
              --warmup=120         least seconds of wrk load before each peak measurement (discarded); it goes
                                   on in 5 s steps until three steps agree within 10 %
              --warmup-max=300     most seconds of warm-up, steady or not
              --duration=30        seconds of each measurement (peak and fixed rate, per target)
              --fixed-warmup=5     seconds of fixed-rate load before each fixed-rate measurement (discarded)
              --connections=16     keep-alive connections (wrk and the fixed-rate generator); see the README
                                   before raising it above 25
              --wrk-threads=1      wrk threads
              --rate-fraction=0.5  fixed rate as a fraction of our gateway's peak
              --rate=0             fixed rate in requests/s instead of the fraction (0: use the fraction)
              --gateway-jvm="-Xms512m -Xmx512m"   JVM options of both gateways
              --backend-jvm="-Xms256m -Xmx256m"   JVM options of the backend
              --gateway-jar=bench/gateway/target/apps/gateway.jar
              --our-gateway-args="--a.b=c ..."   extra arguments for our gateway (none by default)
              --access-log=true    our gateway's per-request access log line (on in production)
              --keep-logs=false    keep the servers' logs (kept anyway when the run fails)
            """;

    private static final Set<String> KNOWN = Set.of("warmup", "warmup-max", "duration", "fixed-warmup", "connections", "wrk-threads",
            "rate-fraction", "rate", "gateway-jvm", "backend-jvm", "gateway-jar", "our-gateway-args", "access-log", "keep-logs");

    static BenchSettings parse(String[] args) {
        Map<String, String> options = CommandLine.options(args, KNOWN);
        try {
            BenchSettings settings = new BenchSettings(
                    CommandLine.seconds(options.get("warmup"), 120),
                    CommandLine.seconds(options.get("warmup-max"), 300),
                    CommandLine.seconds(options.get("duration"), 30),
                    CommandLine.seconds(options.get("fixed-warmup"), 5),
                    Integer.parseInt(options.getOrDefault("connections", "16")),
                    Integer.parseInt(options.getOrDefault("wrk-threads", "1")),
                    Double.parseDouble(options.getOrDefault("rate-fraction", "0.5")),
                    Integer.parseInt(options.getOrDefault("rate", "0")),
                    options.getOrDefault("gateway-jvm", "-Xms512m -Xmx512m"),
                    options.getOrDefault("backend-jvm", "-Xms256m -Xmx256m"),
                    Path.of(options.getOrDefault("gateway-jar", "bench/gateway/target/apps/gateway.jar")),
                    options.getOrDefault("our-gateway-args", ""),
                    Boolean.parseBoolean(options.getOrDefault("access-log", "true")),
                    Boolean.parseBoolean(options.getOrDefault("keep-logs", "false")));
            if (settings.connections < 1 || settings.wrkThreads < 1 || settings.wrkThreads > settings.connections
                    || settings.rateFraction <= 0 || settings.rate < 0 || settings.duration.isZero()) {
                throw new CommandLine.Usage("Out-of-range option in " + options);
            }
            return settings;
        } catch (NumberFormatException e) {
            throw new CommandLine.Usage("Not a number: " + e.getMessage());
        }
    }
}
