package org.povertyalleviation.platform.infra;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until something another process does asynchronously (a consumer, a relay) shows, or fails naming it. */
public final class Eventually {

    private Eventually() {
    }

    /** @return the first probed value that is done */
    public static <T> T await(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(what + " did not happen within " + timeout.toSeconds() + " s (last seen: " + last + ")");
    }
}
