package org.povertyalleviation.platform.infra;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a readiness check instead of sleeping a fixed time. */
final class Waiting {

    private Waiting() {
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
