package org.povertyalleviation.householdregistry.importing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much the heap's long-lived part grew while a test ran: the old generation and survivors (with G1, also the
 * humongous regions a large array or string takes at once), sampled every 20 ms against a baseline after a full GC.
 * Eden is left out: it is mostly garbage, and what survives in it shows up in the survivors and old generation at
 * the next collection. The service runs in the test JVM, so this is the service's heap.
 */
final class HeapWatch implements AutoCloseable {

    private final List<MemoryPoolMXBean> pools;
    private final long baseline;
    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private HeapWatch() {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        List<MemoryPoolMXBean> longLived = heap.stream().filter(pool -> !pool.getName().contains("Eden")).toList();
        this.pools = longLived.isEmpty() ? heap : longLived;
        System.gc();
        this.baseline = used();
        this.peak.set(baseline);
        this.sampler = new Thread(() -> {
            while (running) {
                peak.accumulateAndGet(used(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    static HeapWatch start() {
        return new HeapWatch();
    }

    private long used() {
        return pools.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
    }

    /** The largest growth seen over the baseline, in MiB. */
    long peakGrowthMiB() {
        peak.accumulateAndGet(used(), Math::max);
        return (peak.get() - baseline) >> 20;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
