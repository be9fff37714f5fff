package org.povertyalleviation.platform.infra;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a readiness check instead of sleeping a fixed time: for the launchers here and for programs that start servers. */
public final class Waiting {

    private Waiting() {
    }

    /**
     * Waits for the server to be ready; if it never is, stops it (so a failed start leaves no server behind)
     * and fails naming its log and quoting its errors and its end, since the caller may delete the log on the way out.
     */
    public static void until(String what, Duration timeout, LocalProcess process, BooleanSupplier ready, java.nio.file.Path logFile) {
        try {
            until(what, timeout, process, ready);
        } catch (RuntimeException e) {
            process.stop(Duration.ofSeconds(10));
            throw new IllegalStateException(e.getMessage() + " (log: " + logFile + "); its errors:\n" + LocalProcess.errors(logFile, 12)
                    + "\nits end:\n" + LocalProcess.tail(logFile, 25), e);
        }
    }

    static void until(String what, Duration timeout, LocalProcess process, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready.getAsBoolean()) {
                return;
            }
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(what + " exited during start-up; see its log");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
        }
        throw new IllegalStateException(what + " was not ready within " + timeout + "; see its log");
    }
}
