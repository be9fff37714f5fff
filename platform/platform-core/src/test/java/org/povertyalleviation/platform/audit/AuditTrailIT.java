package org.povertyalleviation.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.sample.SampleServiceIT;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

class AuditTrailIT extends SampleServiceIT {

    private static final CountyCode WEN = CountyCode.of("621222");

    @Autowired
    TenantTransactions tenantTransactions;
    @Autowired
    DatabaseClient database;
    @Autowired
    AuditTrail auditTrail;

    @Test
    void writes_and_personal_data_reads_are_recorded_with_the_actor_and_shown_to_the_countys_auditor() {
        UUID shipment = shipmentOf(WEN);
        String admin = "Bearer " + tokenFor("admin-621222");

        web.get().uri("/counties/621222/shipments/{id}", shipment).header("Authorization", admin).exchange().expectStatus().isOk();
        web.put().uri("/counties/621222/shipments/{id}", shipment).header("Authorization", admin)
                .header("Content-Type", "application/json").bodyValue("{\"product\":\"olive oil\"}").exchange().expectStatus().isOk();

        List<AuditTrail.Entry> entries = web.get().uri("/audit/counties/621222/entries?limit=500")
                .header("Authorization", "Bearer " + tokenFor("auditor-621222")).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<AuditTrail.Entry>>() { }).returnResult().getResponseBody();
        List<AuditTrail.Entry> ours = entries.stream().filter(e -> e.resourceId().equals(shipment.toString())).toList();
        assertThat(ours).extracting(AuditTrail.Entry::actorSubject).allMatch(subject -> subject != null && !subject.isBlank());
        assertThat(ours).extracting(AuditTrail.Entry::kind, AuditTrail.Entry::action, AuditTrail.Entry::actor, AuditTrail.Entry::county)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AuditTrail.Kind.WRITE, "shipment.product-changed", "admin-621222", "621222"),
                        org.assertj.core.groups.Tuple.tuple(AuditTrail.Kind.PERSONAL_DATA_READ, "shipment.read", "admin-621222", "621222"));
    }

    @Test
    void only_an_auditor_of_the_county_may_read_its_trail() {
        web.get().uri("/audit/counties/621224/entries").header("Authorization", "Bearer " + tokenFor("auditor-621222"))
                .exchange().expectStatus().isForbidden();
        web.get().uri("/audit/counties/621222/entries").header("Authorization", "Bearer " + tokenFor("admin-621222"))
                .exchange().expectStatus().isForbidden();
        web.get().uri("/audit/counties/621222/entries?limit=0").header("Authorization", "Bearer " + tokenFor("auditor-621222"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("limit");
    }

    @Test
    void an_entry_commits_with_its_action_or_not_at_all() {
        String resource = UUID.randomUUID().toString();

        assertThatThrownBy(() -> tenantTransactions.inCounty(WEN, () -> auditTrail.write("shipment.deleted", "shipment", resource)
                .then(Mono.error(new IllegalStateException("the action failed")))).block()).hasMessageContaining("the action failed");

        assertThat(entriesFor(resource)).isZero();
    }

    @Test
    void the_service_can_neither_change_nor_delete_entries() {
        String resource = UUID.randomUUID().toString();
        tenantTransactions.inCounty(WEN, () -> auditTrail.write("shipment.deleted", "shipment", resource)).block();

        assertThatThrownBy(() -> tenantTransactions.inCounty(WEN, () -> database
                .sql("update audit_entry set actor = 'someone else' where resource_id = :id").bind("id", resource)
                .fetch().rowsUpdated()).block()).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> tenantTransactions.inCounty(WEN, () -> database
                .sql("delete from audit_entry where resource_id = :id").bind("id", resource)
                .fetch().rowsUpdated()).block()).hasMessageContaining("permission denied");
        assertThat(entriesFor(resource)).isEqualTo(1);
    }

    @Test
    void work_without_a_signed_in_caller_is_recorded_as_the_system() {
        String resource = UUID.randomUUID().toString();

        tenantTransactions.inCounty(WEN, () -> auditTrail.write("shipment.imported", "shipment", resource)).block();

        AuditTrail.Entry entry = auditTrail.entries(WEN, null, 500).filter(e -> e.resourceId().equals(resource)).blockFirst();
        assertThat(entry.actor()).isEqualTo("system");
        assertThat(entry.actorSubject()).isNull();
    }

    private long entriesFor(String resource) {
        return tenantTransactions.inCounty(WEN, () -> database.sql("select count(*) from audit_entry where resource_id = :id")
                .bind("id", resource).map(row -> row.get(0, Long.class)).one()).block();
    }

    private UUID shipmentOf(CountyCode county) {
        UUID id = UUID.randomUUID();
        tenantTransactions.inCounty(county, () -> database
                .sql("insert into sample_shipment (id, county_code, product) values (:id, :county, 'walnut')")
                .bind("id", id).bind("county", county.value()).fetch().rowsUpdated()).block();
        return id;
    }
}
