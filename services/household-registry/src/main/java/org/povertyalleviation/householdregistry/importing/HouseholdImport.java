package org.povertyalleviation.householdregistry.importing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.povertyalleviation.householdregistry.household.messaging.HouseholdEvents;
import org.povertyalleviation.householdregistry.importing.HouseholdFileReader.Format;
import org.povertyalleviation.householdregistry.importing.domain.Column;
import org.povertyalleviation.householdregistry.importing.domain.ImportRow;
import org.povertyalleviation.householdregistry.importing.domain.HouseholdRows;
import org.povertyalleviation.householdregistry.importing.domain.Rejection;
import org.povertyalleviation.householdregistry.importing.persistence.ImportRepository;
import org.povertyalleviation.householdregistry.importing.persistence.ImportRepository.BatchHousehold;
import org.povertyalleviation.householdregistry.importing.persistence.ImportRepository.JobRow;
import org.povertyalleviation.householdregistry.personaldata.PersonalData;
import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.events.PublishedEvent;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Imports a county's household file: the upload is already on disk; this reads it row by row, checks each
 * household whole (HouseholdRows) and commits accepted households in batches, each batch with its events, its
 * rejected rows and the job's counts in one transaction. Progress is the job row. Importing the same file again
 * changes nothing: households are matched by file number and members by resident ID, and only differences are
 * written (and announced).
 */
@Service
public class HouseholdImport {

    private static final Logger log = LoggerFactory.getLogger(HouseholdImport.class);
    static final int BATCH_HOUSEHOLDS = 500;

    private final TenantTransactions tenantTransactions;
    private final ImportRepository imports;
    private final PersonalData personalData;
    private final HouseholdEvents events;
    private final AuditTrail audit;
    private final DatabaseClient database;
    private final ImportLimits limits;
    private final ImportWorkers workers;

    public HouseholdImport(TenantTransactions tenantTransactions, ImportRepository imports, PersonalData personalData,
                           HouseholdEvents events, AuditTrail audit, DatabaseClient database, ImportLimits limits,
                           ImportWorkers workers) {
        this.limits = limits;
        this.workers = workers;
        this.tenantTransactions = tenantTransactions;
        this.imports = imports;
        this.personalData = personalData;
        this.events = events;
        this.audit = audit;
        this.database = database;
    }

    /**
     * Creates the job and starts reading the file in the background (it deletes the file and releases the slot when
     * done). The county's import lock makes its RUNNING jobs and this one a consistent count, across replicas.
     */
    public Mono<JobRow> start(CountyCode county, Path file, String fileName, Format format, String startedBy, ImportWorkers.Slot slot) {
        UUID id = UUID.randomUUID();
        return ReactiveSecurityContextHolder.getContext()
                .flatMap(security -> tenantTransactions.inCounty(county, () -> imports.lockAndListRunning(county.value()).collectList()
                                .flatMap(running -> running.size() >= limits.perCounty()
                                        ? Mono.<JobRow>error(countyBusy(county, running))
                                        : imports.createJob(county.value(), id, fileName, format.name(), startedBy, workers.name()))
                                .flatMap(job -> audit.write("households.import-started", "import", id.toString()).thenReturn(job)))
                        .doOnNext(job -> {
                            ImportWorkers.Running entry = workers.register(county, id);
                            try {
                                slot.handOver();
                                Schedulers.boundedElastic().schedule(() -> {
                                    try {
                                        run(county, id, file, format, security, entry);
                                    } finally {
                                        workers.ended(entry);
                                        slot.release();
                                    }
                                });
                            } catch (RuntimeException e) {
                                // No thread took it: no heartbeat either, so the watchdog fails the job within minutes.
                                workers.ended(entry);
                                slot.release();
                                throw e;
                            }
                        }));
    }

    /** Refuses an upload at once, before its bytes are stored, when the county already runs as many imports as it may. */
    public Mono<Void> checkCountyFree(CountyCode county) {
        return tenantTransactions.manyInCounty(county, () -> imports.recentJobs(county.value(), 50))
                .filter(job -> job.status().equals("RUNNING")).map(JobRow::id).collectList()
                .flatMap(running -> running.size() >= limits.perCounty() ? Mono.error(countyBusy(county, running)) : Mono.empty());
    }

    private ConflictException countyBusy(CountyCode county, List<UUID> running) {
        return new ConflictException("import-running", "county " + county.value() + " runs " + running.size() + " import(s) already ("
                + running.stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(", ")) + "); at most "
                + limits.perCounty() + " at a time per county: wait for it to end", "file",
                java.util.Map.of("running", running.stream().map(UUID::toString).toList(), "limit", limits.perCounty()));
    }

    /**
     * Runs on a worker thread: checks the whole file against the bounds first (nothing is written from a file that
     * breaks one), then reads it again row by row, one transaction per batch. A batch is written while the next is
     * read, checked and sealed ({@link Writer}). It stops when asked (shutdown, or its heartbeat found the job failed)
     * without writing the batch in hand; a batch that meets its job no longer RUNNING is rolled back.
     */
    void run(CountyCode county, UUID job, Path file, Format format, SecurityContext security, ImportWorkers.Running control) {
        String code = county.value();
        Writer writer = new Writer(county, job, security);
        try {
            HouseholdFileReader.check(file, format, limits);
            try (HouseholdFileReader reader = HouseholdFileReader.open(file, format, limits)) {
                HouseholdRows rows = new HouseholdRows(code, villages(county));
                Group group = new Group();
                java.util.concurrent.atomic.AtomicInteger listed = new java.util.concurrent.atomic.AtomicInteger();
                Batch batch = new Batch(listed);
                boolean analyzed = false;
                while (reader.hasNext()) {
                    if (control.stopRequested()) {
                        // The batch in hand is not written: the job says it stopped after its last committed batch.
                        writer.await();
                        stopped(county, job, control, security);
                        return;
                    }
                    ImportRow row = reader.next();
                    String fileNumber = row.get(Column.FILE_NUMBER);
                    if (!group.rows.isEmpty() && !java.util.Objects.equals(fileNumber, group.rows.get(0).get(Column.FILE_NUMBER))) {
                        batch.add(group.outcome(rows), group.size(), code);
                        group = new Group();
                        if (batch.households >= BATCH_HOUSEHOLDS) {
                            writer.submit(batch);
                            batch = new Batch(listed);
                            if (!analyzed) {
                                // The second batch is planned on the first one's statistics, not on empty tables.
                                analyzed = true;
                                writer.await();
                                imports.refreshStatistics();
                            }
                        }
                    }
                    group.add(row);
                }
                if (!group.rows.isEmpty()) {
                    batch.add(group.outcome(rows), group.size(), code);
                }
                if (control.stopRequested()) {
                    writer.await();
                    stopped(county, job, control, security);
                    return;
                }
                writer.submit(batch);
                writer.await();
                finish(county, job, "COMPLETED", null, security);
            }
        } catch (HouseholdFileReader.UnreadableFileException e) {
            writer.settle();
            finish(county, job, "FAILED", e.getMessage(), security);
        } catch (ImportRepository.JobEndedException e) {
            log.warn("Import {} of county {} was failed while it ran; its worker stopped, the batch in hand rolled back", job, code);
        } catch (RuntimeException | java.io.IOException e) {
            log.error("Import {} of county {} failed", job, code, e);
            writer.settle();
            finish(county, job, "FAILED", "the import stopped after its last committed batch: " + e.getMessage()
                    + "; importing the file again completes it", security);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (java.io.IOException e) {
                log.warn("Could not delete the upload {}", file, e);
            }
        }
    }

    private void stopped(CountyCode county, UUID job, ImportWorkers.Running control, SecurityContext security) {
        if (!control.stopReason.equals("ended")) {
            finish(county, job, "FAILED", control.stopReason, security);
        }
        log.warn("Import {} of county {} stopped at a batch boundary: {}", job, county, control.stopReason);
    }

    /**
     * The rows of one household, held until the next file number shows it is whole; at most max-household-rows are
     * kept, the rest only counted, so that a million rows of one file number do not fill the heap.
     */
    private final class Group {
        final List<ImportRow> rows = new ArrayList<>();
        int dropped;

        void add(ImportRow row) {
            if (rows.size() < limits.maxHouseholdRows()) {
                rows.add(row);
            } else {
                dropped++;
            }
        }

        int size() {
            return rows.size() + dropped;
        }

        HouseholdRows.Outcome outcome(HouseholdRows check) {
            if (dropped == 0) {
                return check.household(rows);
            }
            ImportRow first = rows.get(0);
            String fileNumber = first.get(Column.FILE_NUMBER);
            List<Rejection> rejections = new ArrayList<>();
            for (ImportRow row : rows) {
                rejections.add(new Rejection(row.line(), fileNumber, "file_number", row == first
                        ? "a household has at most " + limits.maxHouseholdRows() + " rows; this one has " + size()
                        : "rejected with its household (see line " + first.line() + ")"));
            }
            return new HouseholdRows.Outcome(null, rejections, dropped);
        }
    }

    /**
     * Accepted households (with sealed members) and rejected rows, written together; a batch ends after 500
     * households whether taken or rejected, so a file of rejected rows is not held whole either. Rejected rows beyond
     * rejections-listed are counted, not kept.
     */
    private final class Batch {
        // Rejections kept so far for the whole job: the first ones of the file.
        final java.util.concurrent.atomic.AtomicInteger listed;
        final List<BatchHousehold> accepted = new ArrayList<>();
        final List<Rejection> rejections = new ArrayList<>();
        int households;
        int rows;
        int rejectedRows;

        Batch(java.util.concurrent.atomic.AtomicInteger listed) {
            this.listed = listed;
        }

        void add(HouseholdRows.Outcome outcome, int rowCount, String county) {
            rows += rowCount;
            households++;
            if (outcome.household() == null) {
                rejectedRows += countLines(outcome.rejections()) + outcome.droppedRows();
                for (Rejection rejection : outcome.rejections()) {
                    if (listed.get() < limits.rejectionsListed()) {
                        rejections.add(rejection);
                        listed.incrementAndGet();
                    }
                }
                return;
            }
            UUID householdId = outcome.household().household().id();
            accepted.add(new BatchHousehold(outcome.household().household(), outcome.household().members().stream()
                    .map(member -> personalData.seal(county, householdId, member)).toList()));
        }
    }

    /**
     * Writes one batch at a time on a thread of its own while the worker reads, checks and seals the next: the import
     * is CPU-bound, its JVM's work (parsing, checks, AES-GCM and HMAC per member, the events' JSON) about twice its
     * database's, and done one after the other they added up. At most one batch is in flight, so batches still
     * commit in the file's order and at most two are held.
     */
    private final class Writer {
        private final CountyCode county;
        private final UUID job;
        private final SecurityContext security;
        private java.util.concurrent.CompletableFuture<Void> inFlight = java.util.concurrent.CompletableFuture.completedFuture(null);

        Writer(CountyCode county, UUID job, SecurityContext security) {
            this.county = county;
            this.job = job;
            this.security = security;
        }

        /** Waits for the batch before (its failure is thrown here), then starts writing this one. */
        void submit(Batch batch) {
            await();
            inFlight = java.util.concurrent.CompletableFuture.runAsync(() -> write(county, job, batch, security),
                    Schedulers.boundedElastic()::schedule);
        }

        /** Waits until the batch in flight is committed or rolled back; its failure is thrown as it was. */
        void await() {
            try {
                inFlight.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }

        /** Waits for the batch in flight before the job is ended for another reason; its own failure is only logged. */
        void settle() {
            try {
                await();
            } catch (RuntimeException e) {
                log.warn("Import {} of county {}: the batch in flight failed too: {}", job, county, e.toString());
            }
        }
    }

    private void write(CountyCode county, UUID job, Batch batch, SecurityContext security) {
        String code = county.value();
        Mono<Void> work = tenantTransactions.inCounty(county, () -> (batch.accepted.isEmpty()
                ? Mono.just(new ImportRepository.BatchResult(Set.of(), Set.of(), Set.of()))
                : imports.write(code, batch.accepted))
                .flatMap(result -> imports.written(code, result).collectList()
                        .flatMap(written -> {
                            List<PublishedEvent> announced = written.stream()
                                    .map(w -> result.created().contains(w.household().id())
                                            ? events.registeredEvent(w.household(), w.members())
                                            : events.updatedEvent(w.household(), w.members()))
                                    .toList();
                            int created = result.created().size();
                            int updated = result.changed().size();
                            return events.appendAll(announced)
                                    .then(imports.reject(code, job, batch.rejections))
                                    .then(imports.count(code, job, batch.rows, created, updated,
                                            batch.accepted.size() - created - updated, batch.rejectedRows, batch.rejections.size()));
                        })));
        work.contextWrite(ReactiveSecurityContextHolder.withSecurityContext(Mono.just(security))).block();
    }

    private static int countLines(List<Rejection> rejections) {
        Set<Integer> lines = new HashSet<>();
        rejections.forEach(rejection -> lines.add(rejection.line()));
        return lines.size();
    }

    /** Ends the job unless it ended already (then its status and reason stay, and nothing is audited twice). */
    private void finish(CountyCode county, UUID job, String status, String failure, SecurityContext security) {
        try {
            tenantTransactions.inCounty(county, () -> imports.finish(county.value(), job, status, failure)
                            .flatMap(ended -> ended
                                    ? audit.write("households.import-" + status.toLowerCase(), "import", job.toString()).thenReturn(true)
                                    : Mono.fromRunnable(() -> log.warn("Import {} of county {} had ended already; it stays as it was",
                                            job, county)).thenReturn(false)))
                    .contextWrite(ReactiveSecurityContextHolder.withSecurityContext(Mono.just(security)))
                    .block();
        } catch (RuntimeException e) {
            log.error("Could not record the end of import {} of county {}", job, county, e);
        }
    }

    private Set<String> villages(CountyCode county) {
        return new HashSet<>(tenantTransactions.manyInCounty(county, () -> database.sql("select code from village where county_code = :county")
                .bind("county", county.value()).map(row -> row.get("code", String.class)).all()).collectList().block());
    }
}
