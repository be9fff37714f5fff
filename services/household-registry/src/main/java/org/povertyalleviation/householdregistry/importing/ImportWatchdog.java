package org.povertyalleviation.householdregistry.importing;

import org.povertyalleviation.platform.counties.CountyJobs;
import org.povertyalleviation.householdregistry.importing.persistence.ImportRepository;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * An import runs on a worker thread of the replica that received the file; if that replica stops, its job would
 * show RUNNING for ever. A batch commits in about a second, so a job without progress for 15 minutes has lost its
 * worker: it is marked FAILED (what committed stays; importing the file again completes it).
 */
@Component
class ImportWatchdog {

    private static final Logger log = LoggerFactory.getLogger(ImportWatchdog.class);
    static final int STALLED_MINUTES = 15;

    private final CountyJobs countyJobs;
    private final TenantTransactions tenantTransactions;
    private final ImportRepository imports;

    ImportWatchdog(CountyJobs countyJobs, TenantTransactions tenantTransactions, ImportRepository imports) {
        this.countyJobs = countyJobs;
        this.tenantTransactions = tenantTransactions;
        this.imports = imports;
    }

    /** Every five minutes, on one replica at a time (CountyJobs' lock); it may run again at will, so no occurrence. */
    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
    void failStalledImports() {
        countyJobs.forEachCounty("import-watchdog", null, code -> tenantTransactions.inCounty(code, () -> imports.failStalled(code.value(), STALLED_MINUTES))
                        .filter(failed -> failed > 0)
                        .doOnNext(failed -> log.warn("{} import(s) of county {} stalled for {} minutes and were marked FAILED",
                                failed, code, STALLED_MINUTES)))
                .onErrorResume(e -> {
                    log.error("The import watchdog failed; it runs again in 5 minutes", e);
                    return reactor.core.publisher.Mono.empty();
                })
                .block();
    }
}
