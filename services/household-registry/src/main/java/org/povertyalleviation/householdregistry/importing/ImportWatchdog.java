package org.povertyalleviation.householdregistry.importing;

import org.povertyalleviation.platform.counties.CountyJobs;
import org.povertyalleviation.householdregistry.importing.persistence.ImportRepository;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * An import runs on a worker thread of the replica that received the file, and that replica says every few seconds
 * that it is alive (ImportWorkers). A job whose replica went silent for worker-lost-after (killed, OOM, a node lost)
 * or that has not committed a batch for stalled-after is marked FAILED with its reason: what committed stays, and
 * importing the file again completes it. A worker still alive meets the FAILED job at its next batch, rolls that
 * batch back and stops. Runs at start-up too, so that a replica coming back after a crash or a rolling update ends
 * the jobs the old pods left RUNNING at once, not a sweep later (a job whose pod died moments ago is ended by a
 * later sweep, once its heartbeat is old: until then it cannot be told from a live one).
 */
@Component
public class ImportWatchdog {

    private static final Logger log = LoggerFactory.getLogger(ImportWatchdog.class);

    private final CountyJobs countyJobs;
    private final TenantTransactions tenantTransactions;
    private final ImportRepository imports;
    private final ImportLimits limits;

    ImportWatchdog(CountyJobs countyJobs, TenantTransactions tenantTransactions, ImportRepository imports, ImportLimits limits) {
        this.countyJobs = countyJobs;
        this.tenantTransactions = tenantTransactions;
        this.imports = imports;
        this.limits = limits;
    }

    @EventListener(ApplicationReadyEvent.class)
    void failInterruptedImportsAtStartUp() {
        failStalledImports();
    }

    /** Every minute, on one replica at a time (CountyJobs' lock); it may run again at will, so no occurrence. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    public void failStalledImports() {
        countyJobs.forEachCounty("import-watchdog", null, code -> tenantTransactions.inCounty(code,
                                () -> imports.failStalled(code.value(), limits.stalledAfter(), limits.workerLostAfter()))
                        .filter(failed -> failed > 0)
                        .doOnNext(failed -> log.warn("{} import(s) of county {} lost their worker or stalled and were marked FAILED",
                                failed, code)))
                .onErrorResume(e -> {
                    log.error("The import watchdog failed; it runs again in a minute", e);
                    return Mono.empty();
                })
                .block();
    }
}
