package org.povertyalleviation.householdregistry.exporting;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.householdregistry.personaldata.Disclosure;
import org.povertyalleviation.householdregistry.personaldata.PersonalDataCipher;
import org.povertyalleviation.householdregistry.personaldata.PersonalDataCipher.Field;
import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.RuleViolatedException;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.files.CsvCell;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Exports a county's households (optionally one village), one row per person, in the import's columns plus the
 * status, so that an unmasked export can be imported again elsewhere. Streamed a page at a time (see query), and
 * bounded ({@link ExportLimits}).
 * Masked unless {@code unmasked=true} and the role allows it; an unmasked export is audited.
 */
@RestController
class HouseholdExport {

    private static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final CountyGate gate;
    private final TenantTransactions tenantTransactions;
    private final DatabaseClient database;
    private final Disclosure disclosure;
    private final PersonalDataCipher cipher;
    private final AuditTrail audit;
    private final ExportLimits limits;

    HouseholdExport(CountyGate gate, TenantTransactions tenantTransactions, DatabaseClient database, Disclosure disclosure,
                    PersonalDataCipher cipher, AuditTrail audit, ExportLimits limits) {
        this.gate = gate;
        this.tenantTransactions = tenantTransactions;
        this.database = database;
        this.disclosure = disclosure;
        this.cipher = cipher;
        this.audit = audit;
        this.limits = limits;
    }

    @GetMapping("/counties/{county}/exports/households.csv")
    @ApiResponse(responseCode = "200", description = "The households, one row per person in the import's columns plus the status, as CSV (UTF-8 with a byte-order mark).",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "422", description = "The export would exceed its bound (rule export-too-large, field village): export one village at a time.",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    Mono<ResponseEntity<Flux<String>>> csv(@PathVariable String county, @RequestParam(required = false) String village,
                                          @RequestParam(defaultValue = "false") boolean unmasked, java.util.Locale locale) {
        ExportLanguage language = ExportLanguage.of(locale);
        return rows(county, village, unmasked, language).map(rows -> ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"households-" + county + ".csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(Flux.concat(Flux.just("\uFEFF" + String.join(",", language.header()) + "\n"),
                        rows.map(row -> String.join(",", row.stream().map(CsvCell::of).toList()) + "\n"))));
    }

    @GetMapping("/counties/{county}/exports/households.xlsx")
    @ApiResponse(responseCode = "200", description = "The households, one row per person in the import's columns plus the status, as an XLSX workbook.",
            content = @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "422", description = "The export would exceed its bound (rule export-too-large, field village): export one village at a time.",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    Mono<ResponseEntity<Flux<DataBuffer>>> xlsx(@PathVariable String county, @RequestParam(required = false) String village,
                                               @RequestParam(defaultValue = "false") boolean unmasked, java.util.Locale locale) {
        ExportLanguage language = ExportLanguage.of(locale);
        return rows(county, village, unmasked, language).map(rows -> ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"households-" + county + ".xlsx\"")
                .contentType(XLSX)
                .body(Flux.from(DataBufferUtils.outputStreamPublisher(out -> writeWorkbook(out, rows, language.header()), DefaultDataBufferFactory.sharedInstance,
                        Schedulers.boundedElastic()::schedule))));
    }

    private void writeWorkbook(OutputStream out, Flux<List<String>> rows, List<String> header) {
        try {
            Workbook workbook = new Workbook(out, "household-registry", "1.0");
            Worksheet sheet = workbook.newWorksheet("households");
            for (int c = 0; c < header.size(); c++) {
                sheet.value(0, c, header.get(c));
            }
            int r = 1;
            for (List<String> row : rows.toIterable(256)) {
                for (int c = 0; c < row.size(); c++) {
                    if (row.get(c) != null) {
                        sheet.value(r, c, row.get(c));
                    }
                }
                if (++r % 1000 == 0) {
                    sheet.flush();
                }
            }
            workbook.finish();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The rows, after the access check and (for an unmasked export) the audit entry; once the last row is written, every
     * export (its names are personal data, masked or not) is audited with the number of rows it showed.
     */
    private Mono<Flux<List<String>>> rows(String county, String village, boolean unmasked, ExportLanguage language) {
        if (village != null && !village.matches("\\d{12}")) {
            throw InvalidRequestException.field("village", "must be 12 digits");
        }
        String scope = village == null ? "county" : "village";
        return gate.read(county).flatMap(code -> disclosure.unmasked(code, unmasked)
                .flatMap(reveal -> withinBound(code, village).thenReturn(reveal)).flatMap(reveal -> {
            String target = village == null ? code.value() : village;
            java.util.concurrent.atomic.AtomicInteger shown = new java.util.concurrent.atomic.AtomicInteger();
            Flux<List<String>> counted = query(code, village, reveal).map(language::row).doOnNext(row -> shown.incrementAndGet())
                    .concatWith(Mono.defer(() -> tenantTransactions.inCounty(code, () -> audit.personalDataRead(
                            reveal ? "households.exported-unmasked" : "households.exported", scope, target, shown.get())))
                            .then(Mono.empty()));
            return (reveal
                    ? tenantTransactions.inCounty(code, () -> audit.personalDataRead("households.exported-unmasked", scope, target))
                    : Mono.<Void>empty())
                    .thenReturn(counted);
        }));
    }

    /**
     * The rows a page at a time, in file-number order: each page is read whole in its own transaction and written out
     * after it committed, and the next is read only when the client has taken this one. A slow download therefore
     * holds no transaction (nor the connection) between pages, and the pages' keyset ({@code file_number} after the
     * last one, the county's unique key) neither skips nor repeats a household. Households registered or removed while
     * an export runs are in it or not by where their file number falls, as with any paged read.
     */
    private Flux<List<String>> query(CountyCode county, String village, boolean reveal) {
        return page(county, village, reveal, null, 0)
                .expand(page -> page.households() < limits.pageHouseholds() || page.exported() >= limits.maxHouseholds()
                        ? Mono.empty()
                        : page(county, village, reveal, page.last(), page.exported()))
                .concatMapIterable(Page::rows, 1);
    }

    /** One page's rows, the number of households it held and the last file number, for the next page's keyset. */
    private record Page(List<List<String>> rows, int households, String last, int exported) {
    }

    private Mono<Page> page(CountyCode county, String village, boolean reveal, String after, int exported) {
        int households = Math.min(limits.pageHouseholds(), limits.maxHouseholds() - exported);
        return tenantTransactions.manyInCounty(county, () -> database.sql("""
                        with page as (
                            select * from household
                             where county_code = :county and (:village::text is null or village_code = :village)
                               and (:after::text is null or file_number > :after)
                             order by file_number limit :households)
                        select h.file_number, h.village_code, h.registration_year, m.relation, m.name, m.resident_id_masked,
                               m.resident_id_cipher, m.phone_masked, m.phone_cipher, m.labour_capacity, m.health, m.education,
                               array_to_string(m.ecommerce_skills, ';') as skills, array_to_string(h.causes, ';') as causes,
                               h.primary_cause, h.helper_cadre, h.food_secure, h.clothing_secure, h.compulsory_education,
                               h.basic_medical_care, h.safe_housing, h.status,
                               (select count(*) from page) as page_households, (select max(file_number) from page) as page_last
                          from page h join member m on m.county_code = h.county_code and m.household_id = h.id
                         order by h.file_number, m.relation <> 'HEAD', m.birth_year, m.id""")
                .bind("county", county.value())
                .bind("village", io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, village))
                .bind("after", io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, after))
                .bind("households", households)
                .map(row -> new PageRow(row(county, reveal, row), row.get("page_households", Long.class).intValue(),
                        row.get("page_last", String.class)))
                .all())
                .collectList()
                .map(rows -> rows.isEmpty() ? new Page(List.of(), 0, after, exported)
                        : new Page(rows.stream().map(PageRow::cells).toList(), rows.get(0).households(), rows.get(0).last(),
                                exported + rows.get(0).households()));
    }

    private record PageRow(List<String> cells, int households, String last) {
    }

    private List<String> row(CountyCode county, boolean reveal, io.r2dbc.spi.Readable row) {
        String residentId = reveal ? cipher.open(county.value(), Field.RESIDENT_ID, row.get("resident_id_cipher", byte[].class))
                : row.get("resident_id_masked", String.class);
        byte[] phoneCipher = row.get("phone_cipher", byte[].class);
        String phone = reveal && phoneCipher != null ? cipher.open(county.value(), Field.PHONE, phoneCipher)
                : row.get("phone_masked", String.class);
        // In Column order.
        return Arrays.asList(row.get("file_number", String.class), row.get("village_code", String.class),
                String.valueOf(row.get("registration_year", Short.class)), row.get("relation", String.class),
                row.get("name", String.class), residentId, phone, row.get("labour_capacity", String.class),
                row.get("health", String.class), row.get("education", String.class), row.get("skills", String.class),
                row.get("causes", String.class), row.get("primary_cause", String.class), row.get("helper_cadre", String.class),
                String.valueOf(row.get("food_secure", Boolean.class)), String.valueOf(row.get("clothing_secure", Boolean.class)),
                String.valueOf(row.get("compulsory_education", Boolean.class)),
                String.valueOf(row.get("basic_medical_care", Boolean.class)), String.valueOf(row.get("safe_housing", Boolean.class)),
                row.get("status", String.class));
    }

    /** Refuses, before the first byte, an export above the bound: past the headers no problem could be answered. */
    private Mono<Void> withinBound(CountyCode county, String village) {
        return tenantTransactions.inCounty(county, () -> database.sql("""
                        select count(*) as households from household
                         where county_code = :county and (:village::text is null or village_code = :village)""")
                        .bind("county", county.value())
                        .bind("village", io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, village))
                        .map(row -> row.get("households", Long.class)).one())
                .flatMap(households -> households <= limits.maxHouseholds() ? Mono.<Void>empty()
                        : Mono.error(new RuleViolatedException("export-too-large",
                                "The export would hold " + households + " households, more than the " + limits.maxHouseholds()
                                        + " one export may; export one village at a time", "village",
                                Map.of("households", households, "maxHouseholds", limits.maxHouseholds()))));
    }
}
