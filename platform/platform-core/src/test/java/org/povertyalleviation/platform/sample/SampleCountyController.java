package org.povertyalleviation.platform.sample;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A county-scoped endpoint the way services write them: check access, then work inside the county. */
@RestController
class SampleCountyController {

    private final CountyAccess countyAccess;
    private final TenantTransactions tenantTransactions;
    private final DatabaseClient database;
    private final AuditTrail auditTrail;

    SampleCountyController(CountyAccess countyAccess, TenantTransactions tenantTransactions, DatabaseClient database,
                           AuditTrail auditTrail) {
        this.countyAccess = countyAccess;
        this.tenantTransactions = tenantTransactions;
        this.database = database;
        this.auditTrail = auditTrail;
    }

    record Shipment(UUID id, String county, String product) {
    }

    record ProductChange(@NotBlank String product) {
    }

    @GetMapping("/counties/{county}/shipments")
    Flux<Shipment> shipments(@PathVariable String county) {
        return countyAccess.requireRead(CountyCode.fromRequest("county", county))
                .flatMapMany(code -> tenantTransactions.manyInCounty(code, () -> database
                        .sql("select id, county_code, product from sample_shipment order by id")
                        .map(SampleCountyController::shipment).all()));
    }

    /** The shipment stands in for a record with personal data: reading it is audited. */
    @GetMapping("/counties/{county}/shipments/{id}")
    Mono<Shipment> shipment(@PathVariable String county, @PathVariable UUID id) {
        return countyAccess.requireRead(CountyCode.fromRequest("county", county))
                .flatMap(code -> tenantTransactions.inCounty(code, () -> find(id)
                        .flatMap(found -> auditTrail.personalDataRead("shipment.read", "shipment", id.toString()).thenReturn(found))));
    }

    @PutMapping("/counties/{county}/shipments/{id}")
    Mono<Shipment> changeProduct(@PathVariable String county, @PathVariable UUID id, @Valid @RequestBody ProductChange change) {
        return countyAccess.requireActFor(CountyCode.fromRequest("county", county))
                .flatMap(code -> tenantTransactions.inCounty(code, () -> database
                        .sql("update sample_shipment set product = :product where id = :id")
                        .bind("product", change.product()).bind("id", id).fetch().rowsUpdated()
                        .then(find(id))
                        .flatMap(changed -> auditTrail.write("shipment.product-changed", "shipment", id.toString()).thenReturn(changed))));
    }

    @DeleteMapping("/counties/{county}/shipments/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String county, @PathVariable UUID id) {
        return countyAccess.requireActFor(CountyCode.fromRequest("county", county))
                .flatMap(code -> tenantTransactions.inCounty(code, () -> database
                        .sql("delete from sample_shipment where id = :id").bind("id", id).fetch().rowsUpdated()
                        .flatMap(deleted -> deleted == 0 ? Mono.error(new NotFoundException("Shipment", id))
                                : auditTrail.write("shipment.deleted", "shipment", id.toString()))));
    }

    /**
     * A deliberately broken endpoint: it skips the access check, so county A can read county B's shipment. It
     * exists to prove that the isolation kit catches such a mistake.
     */
    @GetMapping("/broken/by-county/{county}/shipments/{id}")
    Mono<Shipment> brokenShipment(@PathVariable String county, @PathVariable UUID id) {
        return tenantTransactions.inCounty(CountyCode.fromRequest("county", county), () -> find(id));
    }

    /** Deliberately broken: lists every Longnan county's shipments, whoever asks. */
    @GetMapping("/broken/all-shipments")
    Flux<Shipment> brokenListing() {
        return tenantTransactions.readAcross(java.util.List.of(CountyCode.of("621222"), CountyCode.of("621224")),
                () -> database.sql("select id, county_code, product from sample_shipment").map(SampleCountyController::shipment).all());
    }

    /** Deliberately broken: changes the shipment in whichever county has it, then claims it found nothing. */
    @PutMapping("/broken/shipments/{id}")
    Mono<Shipment> brokenChange(@PathVariable UUID id, @RequestBody ProductChange change) {
        return Flux.just("621222", "621224").concatMap(county -> tenantTransactions.inCounty(CountyCode.of(county), () -> database
                        .sql("update sample_shipment set product = :product where id = :id")
                        .bind("product", change.product()).bind("id", id).fetch().rowsUpdated()))
                .then(Mono.error(new NotFoundException("Shipment", id)));
    }

    private Mono<Shipment> find(UUID id) {
        return database.sql("select id, county_code, product from sample_shipment where id = :id").bind("id", id)
                .map(SampleCountyController::shipment).one()
                .switchIfEmpty(Mono.error(new NotFoundException("Shipment", id)));
    }

    private static Shipment shipment(io.r2dbc.spi.Readable row) {
        return new Shipment(row.get("id", UUID.class), row.get("county_code", String.class), row.get("product", String.class));
    }
}
