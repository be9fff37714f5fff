package org.povertyalleviation.bench;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

import org.povertyalleviation.platform.infra.Directories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A benchmark run's directory and what it started (servers, services): closed newest first when the run ends, once,
 * however it ends. The directory (the services' logs, generated files) is kept when the run failed or was asked to
 * keep it, and deleted otherwise.
 */
public final class BenchRun implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BenchRun.class);

    private final Path directory;
    private final boolean keep;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private volatile boolean failed;
    private boolean closed;

    /** @param name the run directory's prefix, e.g. {@code trace-bench} */
    public BenchRun(String name, boolean keepLogs) {
        this.directory = Directories.runDirectory(name);
        this.keep = keepLogs;
    }

    public Path directory() {
        return directory;
    }

    /** Closes the component when the run ends, before everything started earlier. */
    public <T extends AutoCloseable> T track(T component) {
        started.push(component);
        return component;
    }

    /**
     * Runs a benchmark and exits the JVM: status 0, or 1 when {@code work} threw (the run then counts as failed and its
     * directory is kept for the logs). {@code close} stops what the benchmark started, also on Ctrl-C.
     */
    public void runAndExit(String name, Runnable work, Runnable close) {
        Machine.runAndExit(name, work, close, e -> {
            failed();
            log.error("Benchmark failed: {}", e.getMessage(), e);
            return 1;
        });
    }

    /** The run failed: its directory is kept for the logs. */
    public void failed() {
        failed = true;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                log.warn("Stopping a benchmark component failed: {}", e.toString());
            }
        }
        if (failed || keep) {
            log.info("Run directory (service logs, generated files) kept: {}", directory);
        } else {
            Directories.deleteRecursively(directory);
        }
    }
}
