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

    public HouseholdImport(TenantTransactions tenantTransactions, ImportRepository imports, PersonalData personalData,
                           HouseholdEvents events, AuditTrail audit, DatabaseClient database) {
        this.tenantTransactions = tenantTransactions;
        this.imports = imports;
        this.personalData = personalData;
        this.events = events;
        this.audit = audit;
        this.database = database;
    }

    /** Creates the job and starts reading the file in the background (it deletes the file when done). */
    public Mono<JobRow> start(CountyCode county, Path file, String fileName, Format format, String startedBy) {
        UUID id = UUID.randomUUID();
        return ReactiveSecurityContextHolder.getContext()
                .flatMap(security -> tenantTransactions.inCounty(county, () -> imports.createJob(county.value(), id, fileName, format.name(), startedBy)
                                .flatMap(job -> audit.write("households.import-started", "import", id.toString()).thenReturn(job)))
                        .doOnNext(job -> Schedulers.boundedElastic().schedule(() -> run(county, id, file, format, security))));
    }

    /** Runs on a worker thread: blocking reads of the file, one transaction per batch. */
    void run(CountyCode county, UUID job, Path file, Format format, SecurityContext security) {
        String code = county.value();
        try (HouseholdFileReader reader = HouseholdFileReader.open(file, format)) {
            HouseholdRows rows = new HouseholdRows(code, villages(county));
            List<ImportRow> group = new ArrayList<>();
            Batch batch = new Batch();
            while (reader.hasNext()) {
                ImportRow row = reader.next();
                String fileNumber = row.get(org.povertyalleviation.householdregistry.importing.domain.Column.FILE_NUMBER);
                if (!group.isEmpty() && !java.util.Objects.equals(fileNumber, group.get(0).get(
                        org.povertyalleviation.householdregistry.importing.domain.Column.FILE_NUMBER))) {
                    batch.add(rows.household(group), group.size(), code);
                    group = new ArrayList<>();
                    if (batch.households.size() >= BATCH_HOUSEHOLDS) {
                        write(county, job, batch, security);
                        batch = new Batch();
                    }
                }
                group.add(row);
            }
            if (!group.isEmpty()) {
                batch.add(rows.household(group), group.size(), code);
            }
            write(county, job, batch, security);
            finish(county, job, "COMPLETED", null, security);
        } catch (HouseholdFileReader.UnreadableFileException e) {
            finish(county, job, "FAILED", e.getMessage(), security);
        } catch (RuntimeException | java.io.IOException e) {
            log.error("Import {} of county {} failed", job, code, e);
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

    /** Accepted households (with sealed members) and rejected rows, written together. */
    private final class Batch {
        final List<BatchHousehold> households = new ArrayList<>();
        final List<Rejection> rejections = new ArrayList<>();
        int rows;

        void add(HouseholdRows.Outcome outcome, int rowCount, String county) {
            rows += rowCount;
            if (outcome.household() == null) {
                rejections.addAll(outcome.rejections());
                return;
            }
            UUID householdId = outcome.household().household().id();
            households.add(new BatchHousehold(outcome.household().household(), outcome.household().members().stream()
                    .map(member -> personalData.seal(county, householdId, member)).toList()));
        }
    }

    private void write(CountyCode county, UUID job, Batch batch, SecurityContext security) {
        String code = county.value();
        Mono<Void> work = tenantTransactions.inCounty(county, () -> (batch.households.isEmpty()
                ? Mono.just(new ImportRepository.BatchResult(Set.of(), Set.of(), Set.of()))
                : imports.write(code, batch.households))
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
                                            batch.households.size() - created - updated, countLines(batch.rejections)));
                        })));
        work.contextWrite(ReactiveSecurityContextHolder.withSecurityContext(Mono.just(security))).block();
    }

    private static int countLines(List<Rejection> rejections) {
        Set<Integer> lines = new HashSet<>();
        rejections.forEach(rejection -> lines.add(rejection.line()));
        return lines.size();
    }

    private void finish(CountyCode county, UUID job, String status, String failure, SecurityContext security) {
        try {
            tenantTransactions.inCounty(county, () -> imports.finish(county.value(), job, status, failure)
                            .then(audit.write("households.import-" + status.toLowerCase(), "import", job.toString())))
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
