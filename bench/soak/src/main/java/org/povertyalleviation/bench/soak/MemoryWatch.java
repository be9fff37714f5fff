package org.povertyalleviation.bench.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.povertyalleviation.bench.ServiceInstance;

/**
 * Each app's heap after GC and resident set, sampled every few seconds during the soak and kept per minute.
 *
 * <p>Heap after GC: the old generation and the survivor spaces (what the last collection kept, eden excluded), from
 * the app's own {@code jvm_memory_used_bytes} on its actuator's prometheus endpoint; the minute's lowest sample, since
 * objects promoted between collections raise it until the next mixed one. It is read over HTTP, not with jstat or
 * jcmd, because each of those is a JVM of its own, and starting four of them every few seconds would cost the two CPUs
 * more than the apps under test. RSS: VmRSS from /proc, the minute's last sample.
 */
final class MemoryWatch implements AutoCloseable {

    private static final long MIB = 1024 * 1024;

    /** One app's figures, per minute of the soak (NaN: no sample in that minute). */
    static final class Series {
        final String name;
        final long pid;
        final String prometheus;
        final double[] heapMiB;
        final double[] rssMiB;
        volatile String lastProblem;

        Series(String name, long pid, String prometheus, int minutes) {
            this.name = name;
            this.pid = pid;
            this.prometheus = prometheus;
            this.heapMiB = new double[minutes];
            this.rssMiB = new double[minutes];
            Arrays.fill(heapMiB, Double.NaN);
            Arrays.fill(rssMiB, Double.NaN);
        }
    }

    private final List<Series> series = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Duration every;
    private final Thread thread;
    private volatile boolean running = true;
    private final long startNanos;

    MemoryWatch(List<ServiceInstance> apps, int minutes, Duration every) {
        for (ServiceInstance app : apps) {
            series.add(new Series(app.name(), app.pid(), app.managementUrl() + "/actuator/prometheus", minutes));
        }
        this.every = every;
        this.startNanos = System.nanoTime();
        this.thread = new Thread(this::loop, "memory-watch");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    List<Series> series() {
        return series;
    }

    private void loop() {
        while (running) {
            int minute = (int) ((System.nanoTime() - startNanos) / 60_000_000_000L);
            for (Series app : series) {
                if (minute >= app.heapMiB.length) {
                    return;
                }
                sample(app, minute);
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample(Series app, int minute) {
        double rss = rssMiB(app.pid);
        if (!Double.isNaN(rss)) {
            app.rssMiB[minute] = rss;
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.prometheus)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                app.lastProblem = app.prometheus + " answered " + response.statusCode();
                return;
            }
            double heap = heapAfterGcMiB(response.body());
            if (!Double.isNaN(heap) && (Double.isNaN(app.heapMiB[minute]) || heap < app.heapMiB[minute])) {
                app.heapMiB[minute] = heap;
            }
        } catch (IOException e) {
            app.lastProblem = app.prometheus + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The heap pools but eden, in MiB: {@code jvm_memory_used_bytes{area="heap",id="G1 Old Gen",…} 1.2E8}. */
    static double heapAfterGcMiB(String prometheus) {
        double bytes = 0;
        boolean found = false;
        for (String line : prometheus.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"") && !line.contains("Eden")) {
                bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? bytes / MIB : Double.NaN;
    }

    static double rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /**
     * The least-squares slope of {@code perMinute} from minute {@code from} (0-based) on, in MiB per 10 minutes; NaN with
     * fewer than two minutes to fit.
     */
    static double slopePer10Minutes(double[] perMinute, int from) {
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int m = from; m < perMinute.length; m++) {
            if (!Double.isNaN(perMinute[m])) {
                n++;
                sx += m;
                sy += perMinute[m];
                sxx += (double) m * m;
                sxy += m * perMinute[m];
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        return 10 * (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
