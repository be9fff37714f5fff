package org.povertyalleviation.servicetemplate.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.contracts.EventCatalogue;
import org.povertyalleviation.platform.contracts.TopicReader;
import org.povertyalleviation.platform.infra.Eventually;
import org.povertyalleviation.platform.isolation.CountyIsolation;
import org.povertyalleviation.servicetemplate.ServiceTemplateIT;

/** Village notices through the service's API, its events and its consumer, against the real infrastructure. */
class NoticeIT extends ServiceTemplateIT {

    private static final String VILLAGE = "621222101201";

    @Test
    void a_clerk_posts_a_notice_which_is_announced_and_counts_the_villages_households() {
        String household = UUID.randomUUID().toString();
        publish("household.events", "621222", household, "household.registered.v1", "{\"county\":\"621222\",\"household\":\"" + household
                + "\",\"fileNumber\":\"N-1\",\"village\":\"621222101202\",\"registrationYear\":2016,\"status\":\"REGISTERED\","
                + "\"members\":3,\"causes\":[\"ILLNESS\"],\"primaryCause\":\"ILLNESS\"}");
        Eventually.await("the household counted in its village", Duration.ofSeconds(60), () -> {
            String id = idOf(post("/counties/621222/notices", CLERK, notice("621222101202")).expectStatus().isCreated()
                    .expectBody(String.class).returnResult().getResponseBody());
            return get("/counties/621222/notices/" + id, ADMIN).expectBody(String.class).returnResult().getResponseBody();
        }, body -> body.contains("\"householdsInVillage\":1"));

        String created = post("/counties/621222/notices", CLERK, notice(VILLAGE)).expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/counties/621222/notices/[0-9a-f-]{36}")
                .expectBody(String.class).returnResult().getResponseBody();
        String id = idOf(created);

        assertThat(created).contains("\"status\":\"POSTED\"").contains("\"title\":\"花椒收购价公示\"").contains("\"village\":\"" + VILLAGE + "\"");
        List<TopicReader.Received> posted = TopicReader.read("notice.events", 1, received -> received.value().contains(id));
        assertThat(posted).hasSize(1);
        assertThat(posted.get(0).key()).isEqualTo("621222:" + id);
        assertThat(EventCatalogue.schemaErrors("notice.posted.v1", posted.get(0).value())).isEmpty();
        assertThat(get("/counties/621222/villages/" + VILLAGE + "/notices", CADRE).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).contains(id);
    }

    @Test
    void bad_input_is_a_problem_naming_the_field_and_writes_nothing() {
        post("/counties/621222/notices", CLERK, Map.of("village", VILLAGE, "body", "x")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("title");
        post("/counties/621222/notices", CLERK, notice("621224101201")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("village");
        // A well-formed village the county does not have.
        post("/counties/621222/notices", CLERK, notice("621222909909")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("unknown-village").jsonPath("$.field").isEqualTo("village");
        get("/counties/621222/notices/not-an-id", ADMIN).expectStatus().isBadRequest();
        get("/counties/621222/notices/" + UUID.randomUUID(), ADMIN).expectStatus().isNotFound();
        assertThat(get("/counties/621222/villages/621222909909/notices", ADMIN).expectBody(String.class).returnResult().getResponseBody())
                .isEqualTo("[]");
    }

    @Test
    void a_notice_is_withdrawn_once_and_only_by_an_admin() {
        String id = idOf(post("/counties/621222/notices", CLERK, notice(VILLAGE)).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());

        post("/counties/621222/notices/" + id + "/withdrawal", CLERK, Map.of()).expectStatus().isForbidden();
        post("/counties/621222/notices/" + id + "/withdrawal", ADMIN, Map.of()).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("WITHDRAWN");
        post("/counties/621222/notices/" + id + "/withdrawal", ADMIN, Map.of()).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("already-withdrawn");
        post("/counties/621222/notices", CITY_OFFICER, notice(VILLAGE)).expectStatus().isForbidden();
        get("/counties/621222/notices/" + id, "partner-wen").expectStatus().isForbidden();
    }

    @Test
    void one_county_never_reaches_anothers_notices() {
        String kang = idOf(post("/counties/621224/notices", "admin-621224", notice("621224101201")).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());

        CountyIsolation.of("http://127.0.0.1:" + port)
                .actingAs("621222", tokenFor(ADMIN))
                .foreignRecord("621224", kang, tokenFor("admin-621224"))
                .endpoint("GET", "/counties/{county}/notices/{id}")
                .endpoint("POST", "/counties/{county}/notices/{id}/withdrawal", "{}")
                .listing("/counties/{county}/villages/{county}101201/notices")
                .assertIsolated();
    }

    @Test
    void raw_sql_as_the_service_role_sees_no_tenant_rows_without_a_county() throws Exception {
        assertEveryTenantTableIsolated();
    }

    private static Map<String, Object> notice(String village) {
        return Map.of("village", village, "title", "花椒收购价公示", "body", "本周合作社花椒收购价每公斤 82 元。");
    }
}
