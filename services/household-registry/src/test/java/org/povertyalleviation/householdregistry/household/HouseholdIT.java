package org.povertyalleviation.householdregistry.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.member;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.registration;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.residentId;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.householdregistry.Events;
import org.povertyalleviation.householdregistry.HouseholdRegistryIT;
import org.povertyalleviation.platform.infra.SharedInfrastructure;
import org.povertyalleviation.platform.isolation.CountyIsolation;
import org.springframework.http.MediaType;

/** Registering, reading, changing and removing households and members, with real tokens, database and Kafka. */
class HouseholdIT extends HouseholdRegistryIT {

    @Test
    void a_registered_household_is_answered_masked_and_announced_without_personal_data() {
        String head = residentId("621222", "19750315");
        String id = register("621222", registration("621222", "H-0001", head, member("李四", "SPOUSE", residentId("621222", "19780720"))));

        String body = get("/counties/621222/households/" + id, "admin-621222").expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("\"residentId\":\"621222********" + head.substring(14) + "\"")
                .contains("\"phone\":\"138****5678\"").doesNotContain(head).doesNotContain("birthDate\":\"")
                .contains("\"status\":\"REGISTERED\"").contains("\"personalDataUnmasked\":false");

        List<String> registered = Events.about("household.events", "household.registered.v1", id, 1);
        assertThat(registered).hasSize(1);
        assertThat(Events.schemaErrors("household.registered.v1", registered.get(0))).isEmpty();
        assertThat(registered.get(0)).contains("\"members\":2").doesNotContain(head).doesNotContain("张三");
    }

    @Test
    void a_resident_id_with_a_wrong_check_character_is_a_400_naming_the_field_and_nothing_is_written() {
        String good = residentId("621222");
        String bad = good.substring(0, 17) + (good.charAt(17) == '1' ? '2' : '1');
        Map<String, Object> request = registration("621222", "H-0002", bad);

        post("/counties/621222/households", "clerk-621222", request).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:poverty-platform:problem:invalid-request")
                .jsonPath("$['invalid-params'][0].name").isEqualTo("head.residentId")
                .jsonPath("$['invalid-params'][0].reason").value(reason -> assertThat((String) reason).contains("check character"));
        get("/counties/621222/households?limit=500", "clerk-621222").expectBody(String.class)
                .value(list -> assertThat(list).doesNotContain("H-0002"));
    }

    @Test
    void bad_fields_are_named_every_one_of_them() {
        Map<String, Object> request = registration("621222", "H-0003", residentId("621222"), member("", "CHILD", "123"));
        request.put("village", "62122210");
        Map<String, Object> head = (Map<String, Object>) request.get("head");
        head.put("phone", "12345");

        post("/counties/621222/households", "clerk-621222", request).expectStatus().isBadRequest()
                .expectBody(String.class).value(problem -> assertThat(problem)
                        .contains("\"name\":\"village\"").contains("\"name\":\"head.phone\"").contains("\"name\":\"members[0].residentId\""));

        Map<String, Object> unknownEnum = registration("621222", "H-0003", residentId("621222"));
        unknownEnum.put("primaryCause", "LAZINESS");
        post("/counties/621222/households", "clerk-621222", unknownEnum).expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("primaryCause");
    }

    @Test
    void a_duplicate_file_number_or_resident_id_is_a_409_and_an_unknown_village_a_422_each_naming_the_field() {
        String head = residentId("621222");
        register("621222", registration("621222", "H-0004", head));

        post("/counties/621222/households", "clerk-621222", registration("621222", "H-0004", residentId("621222")))
                .expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.reason").isEqualTo("duplicate-file-number").jsonPath("$.field").isEqualTo("fileNumber");
        post("/counties/621222/households", "clerk-621222", registration("621222", "H-0005", head))
                .expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.reason").isEqualTo("duplicate-resident-id").jsonPath("$.field").isEqualTo("head.residentId")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("H-0004").doesNotContain(head));
        Map<String, Object> elsewhere = registration("621222", "H-0005", residentId("621222"));
        elsewhere.put("village", "621224101201");
        post("/counties/621222/households", "clerk-621222", elsewhere).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("unknown-village").jsonPath("$.field").isEqualTo("village");
    }

    @Test
    void an_admin_sees_personal_data_unmasked_only_when_asking_and_the_read_is_audited() {
        String head = residentId("621222", "19650101");
        String id = register("621222", registration("621222", "H-0006", head));

        get("/counties/621222/households/" + id + "?unmasked=true", "admin-621222").expectStatus().isOk()
                .expectBody()
                .jsonPath("$.members[0].residentId").isEqualTo(head)
                .jsonPath("$.members[0].phone").isEqualTo("13812345678")
                .jsonPath("$.members[0].birthDate").isEqualTo("1965-01-01")
                .jsonPath("$.members[0].sex").isEqualTo(head.charAt(16) % 2 == 1 ? "M" : "F")
                .jsonPath("$.personalDataUnmasked").isEqualTo(true);
        get("/counties/621222/households/" + id + "?unmasked=true", "cadre-621222").expectStatus().isForbidden();
        get("/counties/621222/households/" + id, "cadre-621222").expectStatus().isOk()
                .expectBody().jsonPath("$.members[0].residentId").isEqualTo(head.substring(0, 6) + "********" + head.substring(14));

        String audit = get("/audit/counties/621222/entries?limit=200", "auditor-621222").expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(Pattern.compile("\"actor\":\"admin-621222\",[^}]*\"kind\":\"PERSONAL_DATA_READ\",\"action\":\"household.personal-data.unmasked\",\"resourceType\":\"household\",\"resourceId\":\"" + id + "\"")
                .matcher(audit).results().count()).isEqualTo(1);
        // The refused unmasked read and the masked read of this household leave no personal-data entry of the cadre's.
        assertThat(Pattern.compile("\"actor\":\"cadre-621222\",[^}]*\"resourceId\":\"" + id + "\"").matcher(audit).find()).isFalse();
    }

    @Test
    void a_household_is_found_by_a_resident_id_of_any_member_and_the_lookup_is_audited() {
        String spouse = residentId("621222", "19820202");
        String id = register("621222", registration("621222", "H-0007", residentId("621222"), member("李四", "SPOUSE", spouse)));

        post("/counties/621222/households/lookup", "clerk-621222", Map.of("residentId", spouse.toLowerCase())).expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(id).jsonPath("$.fileNumber").isEqualTo("H-0007");
        post("/counties/621222/households/lookup", "clerk-621222", Map.of("residentId", residentId("621222"))).expectStatus().isNotFound();
        post("/counties/621222/households/lookup", "clerk-621222", Map.of("residentId", "62122219820202123")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("residentId");
        get("/audit/counties/621222/entries?limit=200", "auditor-621222").expectBody(String.class)
                .value(audit -> assertThat(audit).contains("\"action\":\"household.looked-up-by-resident-id\",\"resourceType\":\"household\",\"resourceId\":\"" + id + "\""));
    }

    @Test
    void the_lifecycle_refuses_illegal_transitions_with_the_rule_and_verifies_an_exit_against_income_and_guarantees() {
        String id = register("621222", registration("621222", "H-0008", residentId("621222")));
        int year = YearMonth.now(ZoneId.of("Asia/Shanghai")).getYear();
        String status = "/counties/621222/households/" + id + "/status";

        post(status, "clerk-621222", Map.of("status", "MONITORED", "reason", "weak harvest")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("illegal-transition")
                .jsonPath("$.detail").isEqualTo("A REGISTERED household cannot become MONITORED; it can become LIFTED");
        post(status, "clerk-621222", Map.of("status", "LIFTED")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("income-below-poverty-line");

        // 7,600 yuan for one member is above the test line of 7,500 (application.yml, current year).
        post("/counties/621222/households/" + id + "/income", "clerk-621222",
                Map.of("month", year + "-01", "source", "WORKSHOP_WAGE", "amountFen", 760_000, "reference", "H-0008-wage"))
                .expectStatus().isCreated();
        Map<String, Object> update = new java.util.HashMap<>(registration("621222", "H-0008", residentId("621222")));
        update.put("guarantees", Map.of("food", true, "clothing", true, "compulsoryEducation", true, "basicMedicalCare", true, "safeHousing", false));
        put("/counties/621222/households/" + id, "clerk-621222", update).expectStatus().isOk();
        post(status, "clerk-621222", Map.of("status", "LIFTED")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("guarantees-unmet")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("safeHousing"));
        update.put("guarantees", Map.of("food", true, "clothing", true, "compulsoryEducation", true, "basicMedicalCare", true, "safeHousing", true));
        put("/counties/621222/households/" + id, "clerk-621222", update).expectStatus().isOk();

        post(status, "clerk-621222", Map.of("status", "LIFTED")).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("LIFTED");
        post(status, "clerk-621222", Map.of("status", "LIFTED")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("already-in-status");
        post(status, "clerk-621222", Map.of("status", "RETURNED", "reason", "flood")).expectStatus().isEqualTo(409);
        post(status, "clerk-621222", Map.of("status", "MONITORED")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("reason");
        post(status, "clerk-621222", Map.of("status", "MONITORED", "reason", "雹灾")).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("MONITORED").jsonPath("$.statusReason").isEqualTo("雹灾");
        post(status, "clerk-621222", Map.of("status", "RETURNED", "reason", "雹灾, 收入不足")).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("RETURNED");
        post("/counties/621222/households/" + id + "/status", "clerk-621222", Map.of("status", "LIFTED", "year", 2012))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason").isEqualTo("no-poverty-line");

        List<String> lifted = Events.about("household.events", "household.lifted.v1", id, 1);
        assertThat(lifted).hasSize(1);
        assertThat(Events.schemaErrors("household.lifted.v1", lifted.get(0))).isEmpty();
        assertThat(lifted.get(0)).contains("\"perCapitaIncomeFen\":760000").contains("\"povertyLineFen\":750000");
        List<String> atRisk = Events.about("household.events", "household.at-risk.v1", id, 1);
        assertThat(atRisk).hasSize(1);
        assertThat(Events.schemaErrors("household.at-risk.v1", atRisk.get(0))).isEmpty();
        assertThat(atRisk.get(0)).contains("\"detectedBy\":\"CLERK\"");
        List<String> returned = Events.about("household.events", "household.returned.v1", id, 1);
        assertThat(Events.schemaErrors("household.returned.v1", returned.get(0))).isEmpty();
    }

    @Test
    void households_are_listed_by_village_status_and_cause_a_page_at_a_time() {
        for (int i = 1; i <= 5; i++) {
            Map<String, Object> request = registration("621222", "L-" + i, residentId("621222"));
            request.put("village", "621222102201");
            if (i % 2 == 0) {
                request.put("causes", List.of("LACK_OF_WATER"));
                request.put("primaryCause", "LACK_OF_WATER");
            }
            register("621222", request);
        }
        // Other test classes register households in this village too, with file numbers before "L-".
        String first = get("/counties/621222/households?village=621222102201&limit=2&after=L-", "cadre-621222").expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(fileNumbers(first)).containsExactly("L-1", "L-2");
        String second = get("/counties/621222/households?village=621222102201&limit=2&after=L-2", "cadre-621222")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(fileNumbers(second)).containsExactly("L-3", "L-4");
        assertThat(second).contains("\"headName\":\"张三\"").contains("\"members\":1").containsPattern("\"headResidentId\":\"621222\\*{8}\\d{3}[\\dX]\"");

        String water = get("/counties/621222/households?village=621222102201&cause=LACK_OF_WATER&status=REGISTERED&after=L-", "cadre-621222")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(fileNumbers(water)).containsExactly("L-2", "L-4");
        get("/counties/621222/households?status=GONE", "cadre-621222").expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("status");
        get("/counties/621222/households?limit=0", "cadre-621222").expectStatus().isBadRequest();
    }

    @Test
    void members_are_added_changed_and_removed_but_the_head_stays() {
        String id = register("621222", registration("621222", "H-0009", residentId("621222")));
        String child = residentId("621222", "20100606");
        String added = post("/counties/621222/households/" + id + "/members", "clerk-621222", member("张小三", "CHILD", child))
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        assertThat(added).contains("\"name\":\"张小三\"");
        String memberId = added.replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\",\"name\":\"张小三\".*", "$1");

        Map<String, Object> changed = member("张小三", "CHILD", child);
        changed.put("education", "PRIMARY");
        changed.put("phone", null);
        put("/counties/621222/households/" + id + "/members/" + memberId, "clerk-621222", changed).expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("\"education\":\"PRIMARY\""));
        post("/counties/621222/households/" + id + "/members", "clerk-621222", member("张小四", "HEAD", residentId("621222")))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.rule").isEqualTo("one-head");

        String headId = get("/counties/621222/households/" + id, "clerk-621222").expectBody(String.class).returnResult().getResponseBody()
                .replaceAll("(?s).*\"members\":\\[\\{\"id\":\"([0-9a-f-]{36})\".*", "$1");
        delete("/counties/621222/households/" + id + "/members/" + headId, "clerk-621222").expectStatus().isEqualTo(422);
        delete("/counties/621222/households/" + id + "/members/" + memberId, "clerk-621222").expectStatus().isOk()
                .expectBody().jsonPath("$.members.length()").isEqualTo(1);
        assertThat(Events.about("household.events", "household.updated.v1", id, 3)).hasSize(3);
    }

    @Test
    void a_household_registered_by_mistake_is_removed_but_not_once_it_has_income() {
        String id = register("621222", registration("621222", "H-0010", residentId("621222")));
        String kept = register("621222", registration("621222", "H-0011", residentId("621222")));
        post("/counties/621222/households/" + kept + "/income", "clerk-621222",
                Map.of("month", "2024-05", "source", "SUBSIDY", "amountFen", 100_000)).expectStatus().isCreated();

        delete("/counties/621222/households/" + kept, "admin-621222").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("not-removable");
        delete("/counties/621222/households/" + id, "admin-621222").expectStatus().isNoContent();
        get("/counties/621222/households/" + id, "admin-621222").expectStatus().isNotFound();
        assertThat(Events.schemaErrors("household.removed.v1",
                Events.about("household.events", "household.removed.v1", id, 1).get(0))).isEmpty();
    }

    @Test
    void county_a_never_reaches_county_bs_households() {
        String kang = register("621224", registration("621224", "K-0001", residentId("621224")), "admin-621224");
        register("621222", registration("621222", "W-ISO", residentId("621222")));
        String wen = tokenFor("admin-621222");
        String kangHead = get("/counties/621224/households/" + kang, "admin-621224").expectBody(String.class).returnResult()
                .getResponseBody().replaceAll("(?s).*\"members\":\\[\\{\"id\":\"([0-9a-f-]{36})\".*", "$1");
        String member = "{\"name\":\"x\",\"relation\":\"HEAD\",\"residentId\":\"" + residentId("621222")
                + "\",\"labourCapacity\":\"NONE\",\"health\":\"HEALTHY\",\"education\":\"NONE\"}";

        CountyIsolation.of("http://127.0.0.1:" + port)
                .actingAs("621222", wen)
                .foreignRecord("621224", kang, tokenFor("admin-621224"))
                .endpoint("GET", "/counties/{county}/households/{id}")
                .endpoint("GET", "/counties/{county}/households/{id}?unmasked=true")
                .endpoint("PUT", "/counties/{county}/households/{id}", "{\"village\":\"621222101201\",\"registrationYear\":2016,"
                        + "\"guarantees\":{\"food\":true},\"causes\":[\"OTHER\"],\"primaryCause\":\"OTHER\"}")
                .endpoint("POST", "/counties/{county}/households/{id}/status", "{\"status\":\"LIFTED\"}")
                .endpoint("POST", "/counties/{county}/households/{id}/members", "{\"name\":\"x\",\"relation\":\"CHILD\",\"residentId\":\""
                        + residentId("621222") + "\",\"labourCapacity\":\"NONE\",\"health\":\"HEALTHY\",\"education\":\"NONE\"}")
                .endpoint("PUT", "/counties/{county}/households/{id}/members/" + kangHead, member)
                .endpoint("DELETE", "/counties/{county}/households/{id}/members/" + kangHead)
                .endpoint("DELETE", "/counties/{county}/households/{id}")
                .endpoint("GET", "/counties/{county}/households/{id}/income")
                .endpoint("GET", "/counties/{county}/households/{id}/income/summary")
                .endpoint("POST", "/counties/{county}/households/{id}/income", "{\"month\":\"2024-01\",\"source\":\"OTHER\",\"amountFen\":1}")
                .endpoint("POST", "/counties/{county}/households", "{}")
                .endpoint("POST", "/counties/{county}/households/lookup", "{\"residentId\":\"" + residentId("621224") + "\"}")
                .endpoint("POST", "/counties/{county}/early-warning/sweeps")
                .endpoint("GET", "/counties/{county}/villages/621224101201/income/summary")
                .endpoint("GET", "/counties/{county}/statistics")
                .endpoint("GET", "/counties/{county}/statistics?year=2024")
                .endpoint("GET", "/counties/{county}/imports")
                .endpoint("GET", "/counties/{county}/exports/households.csv")
                .endpoint("GET", "/counties/{county}/exports/households.xlsx")
                .listing("/counties/{county}/households")
                .listing("/counties/{county}/households?village=621222101201")
                .assertIsolated();
        // Kang's admin sees Kang's figures; Wen's admin gets a refusal that carries none of them.
        get("/counties/621224/statistics", "admin-621224").expectStatus().isOk()
                .expectBody().jsonPath("$.county").isEqualTo("621224")
                .jsonPath("$.households.total").value(total -> assertThat(((Number) total).longValue()).isPositive());
        get("/counties/621224/statistics", "admin-621222").expectStatus().isForbidden().expectBody(String.class)
                .value(body -> assertThat(body).doesNotContain("\"households\"").doesNotContain("totalFen").doesNotContain("byStatus"));
    }

    @Test
    void a_city_officer_reads_its_counties_households_but_changes_nothing() {
        String id = register("621222", registration("621222", "H-0012", residentId("621222")));
        get("/counties/621222/households/" + id, "officer-621200").expectStatus().isOk();
        post("/counties/621222/households", "officer-621200", registration("621222", "H-0013", residentId("621222"))).expectStatus().isForbidden();
        get("/counties/621222/households/" + id + "?unmasked=true", "officer-621200").expectStatus().isForbidden();
    }

    @Test
    void raw_sql_as_the_service_role_sees_no_tenant_rows_without_a_county() throws Exception {
        assertEveryTenantTableIsolated();
    }

    private static List<String> fileNumbers(String body) {
        return Pattern.compile("\"fileNumber\":\"([^\"]+)\"").matcher(body).results().map(m -> m.group(1)).toList();
    }
}
