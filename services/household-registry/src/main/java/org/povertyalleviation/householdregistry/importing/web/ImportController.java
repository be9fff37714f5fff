package org.povertyalleviation.householdregistry.importing.web;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.householdregistry.importing.HouseholdFileReader.Format;
import org.povertyalleviation.householdregistry.importing.HouseholdImport;
import org.povertyalleviation.householdregistry.importing.ImportLimits;
import org.povertyalleviation.householdregistry.importing.ImportWorkers;
import org.povertyalleviation.householdregistry.importing.domain.Rejection;
import org.povertyalleviation.householdregistry.importing.persistence.ImportRepository;
import org.povertyalleviation.householdregistry.importing.persistence.ImportRepository.JobRow;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.files.CsvCell;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Bulk import of a county's household file (CSV or XLSX, multipart field {@code file}): answered 202 with the job at
 * once; the job's counts show progress, {@code /progress} streams them as server-sent events until it ends, and the
 * rejected rows are listed with line numbers and reasons (JSON, or CSV to hand back to the village).
 */
@RestController
class ImportController {

    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);

    private final CountyGate gate;
    private final HouseholdImport householdImport;
    private final ImportRepository imports;
    private final TenantTransactions tenantTransactions;
    private final ImportWorkers workers;
    private final ImportLimits limits;

    ImportController(CountyGate gate, HouseholdImport householdImport, ImportRepository imports, TenantTransactions tenantTransactions,
                     ImportWorkers workers, ImportLimits limits) {
        this.workers = workers;
        this.limits = limits;
        this.gate = gate;
        this.householdImport = householdImport;
        this.imports = imports;
        this.tenantTransactions = tenantTransactions;
    }

    /**
     * A slot of this replica and room in the county are taken before the body is read, so that a refused upload
     * never reaches the disk; the worker releases the slot when the import ends.
     */
    @PostMapping(path = "/counties/{county}/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<JobRow>> start(@PathVariable String county, @RequestBody Mono<MultiValueMap<String, Part>> parts) {
        return gate.act(county).flatMap(code -> Mono.defer(() -> {
            ImportWorkers.Slot slot = workers.tryAcquire().orElseThrow(() -> new ImportCapacityException(limits.perPod(), workers.stopping()));
            return householdImport.checkCountyFree(code).then(upload(code, parts, slot))
                    .doOnError(e -> slot.releaseUnlessHandedOver())
                    .doOnCancel(slot::releaseUnlessHandedOver);
        })).map(job -> ResponseEntity.accepted().location(URI.create("/counties/" + county + "/imports/" + job.id())).body(job));
    }

    private Mono<JobRow> upload(CountyCode code, Mono<MultiValueMap<String, Part>> parts, ImportWorkers.Slot slot) {
        return parts.flatMap(form -> {
            Part part = form.getFirst("file");
            if (!(part instanceof FilePart file)) {
                return Mono.error(InvalidRequestException.field("file", "upload the household file as the multipart field \"file\""));
            }
            Format format = format(file);
            return Mono.fromCallable(() -> Files.createTempFile("household-import-", "." + format.name().toLowerCase()))
                    .subscribeOn(Schedulers.boundedElastic())
                    .flatMap(path -> file.transferTo(path).then(Mono.defer(() -> size(path)))
                            .flatMap(size -> size == 0 ? Mono.error(InvalidRequestException.field("file", "the file is empty")) : Mono.just(path))
                            .flatMap(upload -> ReactiveSecurityContextHolder.getContext()
                                    .map(context -> context.getAuthentication().getName())
                                    .flatMap(user -> householdImport.start(code, upload, file.filename(), format, user, slot)))
                            .doOnError(e -> deleteQuietly(path)));
        });
    }

    @GetMapping("/counties/{county}/imports")
    Flux<JobRow> jobs(@PathVariable String county) {
        return gate.read(county).flatMapMany(code -> tenantTransactions.manyInCounty(code, () -> imports.recentJobs(code.value(), 50)));
    }

    @GetMapping("/counties/{county}/imports/{id}")
    Mono<JobRow> job(@PathVariable String county, @PathVariable String id) {
        UUID job = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> find(code, job));
    }

    /** The job every half second until it has ended (the last event is the final counts), as server-sent events. */
    @GetMapping(path = "/counties/{county}/imports/{id}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<JobRow>> progress(@PathVariable String county, @PathVariable String id) {
        UUID job = RequestIds.uuid("id", id);
        return gate.read(county).flatMapMany(code -> find(code, job).thenMany(Flux.interval(Duration.ZERO, PROGRESS_INTERVAL)
                // A read slower than the interval (a busy database) skips ticks rather than failing the stream.
                .onBackpressureDrop()
                .concatMap(tick -> find(code, job))
                .takeUntil(row -> !row.status().equals("RUNNING"))
                .map(row -> ServerSentEvent.builder(row).event(row.status().equals("RUNNING") ? "progress" : "finished").build())));
    }

    /** Rejected rows in line order; pass the last line of a page as {@code after} for the next. */
    @GetMapping("/counties/{county}/imports/{id}/rejections")
    Flux<Rejection> rejections(@PathVariable String county, @PathVariable String id, @RequestParam(defaultValue = "0") int after,
                               @RequestParam(defaultValue = "500") int limit) {
        UUID job = RequestIds.uuid("id", id);
        PageLimit.check(limit, 5000);
        return gate.read(county).flatMapMany(code -> find(code, job)
                .thenMany(tenantTransactions.manyInCounty(code, () -> imports.rejections(code.value(), job, after, limit))));
    }

    private static final int REJECTIONS_PAGE = 1000;

    /** Every rejected row as CSV (line, file number, field, reason), to hand back to whoever keeps the file. */
    @GetMapping(path = "/counties/{county}/imports/{id}/rejections.csv", produces = "text/csv")
    Mono<ResponseEntity<Flux<String>>> rejectionsCsv(@PathVariable String county, @PathVariable String id) {
        UUID job = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> find(code, job)).map(found -> ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rejected-rows-" + job + ".csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(Flux.concat(Flux.just("\uFEFFline,file_number,field,reason\n"),
                        rejectionPages(county, job)
                                // The cells come from the county's own file: neutralised, so that opening the CSV runs nothing.
                                .map(rejection -> rejection.line() + "," + CsvCell.of(rejection.fileNumber()) + "," + CsvCell.of(rejection.field())
                                        + "," + CsvCell.of(rejection.reason()) + "\n"))));
    }

    /**
     * Every rejection in line order, read a page at a time, each page whole in its own short transaction before it is
     * written out: a client that reads slowly holds no transaction (the sessions' idle-in-transaction limit would end
     * it, and the download with it). A page ends at a line boundary, so a line's rejections are never split.
     */
    private Flux<Rejection> rejectionPages(String county, UUID job) {
        return rejectionPage(county, job, 0)
                .expand(page -> page.next() < 0 ? Mono.empty() : rejectionPage(county, job, page.next()))
                .concatMapIterable(RejectionPage::rows);
    }

    private Mono<RejectionPage> rejectionPage(String county, UUID job, int after) {
        return tenantTransactions.manyInCounty(CountyCode.of(county), () -> imports.rejections(county, job, after, REJECTIONS_PAGE)).collectList()
                .map(rows -> {
                    if (rows.size() < REJECTIONS_PAGE) {
                        return new RejectionPage(rows, -1);
                    }
                    // The last line may go on in the next rows: it starts the next page. (A line has at most as many
                    // rejections as cells, far fewer than a page.)
                    int lastLine = rows.get(rows.size() - 1).line();
                    List<Rejection> whole = rows.stream().filter(row -> row.line() < lastLine).toList();
                    return whole.isEmpty() ? new RejectionPage(rows, lastLine) : new RejectionPage(whole, lastLine - 1);
                });
    }

    /** A page of rejections and the line after which the next one starts, or -1 when this was the last. */
    private record RejectionPage(List<Rejection> rows, int next) {
    }

    private Mono<JobRow> find(CountyCode county, UUID job) {
        return tenantTransactions.inCounty(county, () -> imports.job(county.value(), job))
                .switchIfEmpty(Mono.error(new NotFoundException("Import", job)));
    }

    private static Format format(FilePart file) {
        String name = file.filename().toLowerCase();
        MediaType type = file.headers().getContentType();
        if (name.endsWith(".xlsx") || (type != null && type.toString().contains("spreadsheetml"))) {
            return Format.XLSX;
        }
        if (name.endsWith(".csv") || (type != null && type.toString().startsWith("text/csv"))) {
            return Format.CSV;
        }
        throw InvalidRequestException.field("file", "must be a .csv or .xlsx file");
    }

    private static Mono<Long> size(Path path) {
        return Mono.fromCallable(() -> Files.size(path)).subscribeOn(Schedulers.boundedElastic());
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (java.io.IOException ignored) {
            // A temporary file; the OS cleans its temporary directory.
        }
    }

}
