package org.povertyalleviation.bench.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Peak throughput with wrk (Debian's package): closed loop, a fixed number of keep-alive connections each sending
 * its next request as soon as the previous answer arrived, which is what finds the most a server can do. Its
 * latencies at peak are mostly queueing and are printed for completeness only.
 */
final class Wrk {

    private final Path script;
    private final int threads;
    private final int connections;
    private final String authorization;
    private volatile Process running;

    Wrk(Path workDirectory, int threads, int connections, String authorization) {
        this.threads = threads;
        this.connections = connections;
        this.authorization = authorization;
        this.script = workDirectory.resolve("wrk-report.lua");
        try (InputStream in = Wrk.class.getResourceAsStream("/wrk-report.lua")) {
            Files.write(script, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One wrk run's summary; latencies in microseconds. */
    record Result(long requests, double seconds, long errors, long p50Micros, long p99Micros, long maxMicros) {

        double requestsPerSecond() {
            return requests / seconds;
        }
    }

    static boolean installed() {
        try {
            Process probe = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            probe.waitFor(10, TimeUnit.SECONDS);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String describe() {
        return "wrk -t" + threads + " -c" + connections;
    }

    Result run(String url, Duration duration) {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--timeout", "10s", "-s", script.toString(),
                "-H", "Authorization: " + authorization, url));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            running = process;
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("wrk did not finish");
            }
            running = null;
            return parse(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops a wrk run in progress (on Ctrl-C). */
    void stop() {
        Process process = running;
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private static Result parse(String output) {
        String line = output.lines().filter(l -> l.startsWith("BENCH ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("Unexpected wrk output:\n" + output));
        Map<String, Long> values = new HashMap<>();
        for (String pair : line.substring("BENCH ".length()).trim().split(" ")) {
            String[] kv = pair.split("=");
            values.put(kv[0], Long.parseLong(kv[1]));
        }
        long errors = values.get("connect_errors") + values.get("read_errors") + values.get("write_errors")
                + values.get("status_errors") + values.get("timeouts");
        return new Result(values.get("requests"), values.get("duration_us") / 1e6, errors,
                values.get("p50_us"), values.get("p99_us"), values.get("max_us"));
    }
}
