package org.povertyalleviation.householdregistry.importing;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.povertyalleviation.householdregistry.importing.persistence.ImportRepository;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This replica's imports: the slots that bound how many run at once here, the jobs running with the flag that
 * stops each, the heartbeat that tells other replicas they are alive, and a stop at shutdown. A rolling update
 * sends SIGTERM: each import stops at its next batch boundary and its job is FAILED with the reason (its upload,
 * in this pod's /tmp, goes with the pod, so another replica cannot resume it; importing the file again completes
 * it, since households already imported count as unchanged).
 */
@Component
public class ImportWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImportWorkers.class);

    /**
     * One import's hold on a slot of this replica: the request holds it until the worker takes it over, then the worker
     * until the import ends. A request that fails or is cancelled after the hand-over leaves it with the worker.
     */
    public final class Slot {
        private final AtomicBoolean released = new AtomicBoolean();
        private final AtomicBoolean handedOver = new AtomicBoolean();

        void handOver() {
            handedOver.set(true);
        }

        /** The request is over without an import running on this slot (refused, failed, cancelled). */
        public void releaseUnlessHandedOver() {
            if (!handedOver.get()) {
                release();
            }
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                slots.release();
            }
        }
    }

    /** A running import as its worker sees it: stop() asks it to end at its next batch boundary. */
    static final class Running {
        final CountyCode county;
        final UUID job;
        volatile String stopReason;
        final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);

        Running(CountyCode county, UUID job) {
            this.county = county;
            this.job = job;
        }

        boolean stopRequested() {
            return stopReason != null;
        }
    }

    private final ImportLimits limits;
    private final TenantTransactions tenantTransactions;
    private final ImportRepository imports;
    private final Semaphore slots;
    private final Map<UUID, Running> running = new ConcurrentHashMap<>();
    private final String name = replicaName();
    private volatile boolean accepting = true;

    ImportWorkers(ImportLimits limits, TenantTransactions tenantTransactions, ImportRepository imports) {
        this.limits = limits;
        this.tenantTransactions = tenantTransactions;
        this.imports = imports;
        this.slots = new Semaphore(limits.perPod());
    }

    /** A slot for one more import here, or empty when this replica runs as many as it may (or is stopping). */
    public Optional<Slot> tryAcquire() {
        if (!accepting || !slots.tryAcquire()) {
            return Optional.empty();
        }
        return Optional.of(new Slot());
    }

    /** True once the replica is stopping: it takes no more imports. */
    public boolean stopping() {
        return !accepting;
    }

    /** Imports running in this replica now. */
    public int inUse() {
        return limits.perPod() - slots.availablePermits();
    }

    /** The name a job records as its worker: the pod, and this start of it. */
    String name() {
        return name;
    }

    Running register(CountyCode county, UUID job) {
        Running entry = new Running(county, job);
        running.put(job, entry);
        return entry;
    }

    void ended(Running entry) {
        running.remove(entry.job);
        entry.ended.countDown();
    }

    /**
     * Says this replica's imports are alive. A job found no longer RUNNING (the watchdog failed it) is told to stop
     * now rather than at its next batch, which may be far off while it checks a large file.
     */
    @Scheduled(fixedDelayString = "${household-registry.imports.heartbeat:PT20S}")
    void heartbeat() {
        for (Running entry : running.values()) {
            try {
                Boolean alive = tenantTransactions.inCounty(entry.county, () -> imports.heartbeat(entry.county.value(), entry.job)).block();
                if (Boolean.FALSE.equals(alive) && entry.stopReason == null) {
                    entry.stopReason = "ended";
                }
            } catch (RuntimeException e) {
                log.warn("Could not record the heartbeat of import {}", entry.job, e);
            }
        }
    }

    @Override
    public void start() {
        accepting = true;
    }

    /**
     * Before the database pool closes (lifecycle beans stop before beans are destroyed): each import stops at its next
     * batch boundary and records why; waits up to shutdown-wait, after which the watchdog of another replica fails
     * what is left once its heartbeat is old.
     */
    @Override
    public void stop() {
        accepting = false;
        running.values().forEach(entry -> entry.stopReason = "the replica running the import was stopped (a rolling update"
                + " or scale-in) after its last committed batch; importing the file again completes it");
        long deadline = System.nanoTime() + limits.shutdownWait().toNanos();
        for (Running entry : running.values()) {
            try {
                if (!entry.ended.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    log.warn("Import {} of county {} did not stop within {}", entry.job, entry.county, limits.shutdownWait());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return accepting;
    }

    /** Stops with the web server, after its graceful shutdown has answered the requests in flight; the pools close later. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    private static String replicaName() {
        String host = System.getenv("HOSTNAME");
        return (host == null || host.isBlank() ? "local" : host) + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
