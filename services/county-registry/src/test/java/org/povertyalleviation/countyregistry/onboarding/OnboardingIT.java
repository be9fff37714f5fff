package org.povertyalleviation.countyregistry.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.countyregistry.CountyRegistryIT;
import org.povertyalleviation.platform.contracts.EventCatalogue;
import org.povertyalleviation.platform.contracts.TopicReader;
import org.springframework.http.MediaType;

class OnboardingIT extends CountyRegistryIT {

    @Test
    void a_county_joins_in_one_call_with_its_villages_group_first_administrator_and_events() throws Exception {
        onboard("350821", "长汀县", "changting-admin").expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.joinedNow").isEqualTo(true)
                .jsonPath("$.newVillages").isEqualTo(3)
                .jsonPath("$.administrator").isEqualTo("changting-admin")
                .jsonPath("$.temporaryPassword").isNotEmpty();

        web.get().uri("/counties/350821/villages").header("Authorization", "Bearer " + tokenFor("operator")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(3);
        String user = keycloakAdmin("/users?exact=true&username=changting-admin");
        assertThat(user).contains("\"username\":\"changting-admin\"").contains("UPDATE_PASSWORD");
        String userId = user.replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
        // The role holds for this county only: granted by the county's admin group, never mapped to the user directly.
        assertThat(keycloakAdmin("/users/" + userId + "/groups")).contains("\"path\":\"/counties/350821/county-admin\"");
        assertThat(keycloakAdmin("/users/" + userId + "/role-mappings/realm")).doesNotContain("county-admin").doesNotContain("platform-operator");
        assertThat(keycloakAdmin("/users/" + userId + "/role-mappings/realm/composite")).contains("county-admin").doesNotContain("platform-operator");
        assertThat(keycloakAdmin("/group-by-path/counties/350821")).contains("\"county\":[\"350821\"]");
        for (String role : List.of("county-admin", "county-clerk", "village-cadre", "auditor", "partner")) {
            assertThat(keycloakAdmin("/group-by-path/counties/350821/" + role)).as(role).contains("\"grant\":[\"" + role + "@350821\"]");
        }

        List<String> joined = events("county.events", "\"county.joined.v1\"", "350821", 1);
        assertThat(joined).hasSize(1);
        assertThat(EventCatalogue.schemaErrors("county.joined.v1", joined.get(0))).isEmpty();
        List<String> villages = events("village.events", "\"village.registered.v1\"", "350821", 3);
        assertThat(villages).hasSize(3);
        assertThat(EventCatalogue.schemaErrors("village.registered.v1", villages.get(0))).isEmpty();
    }

    @Test
    void onboarding_twice_changes_nothing_the_second_time() throws Exception {
        onboard("350823", "上杭县", "shanghang-admin").expectStatus().isCreated();

        onboard("350823", "上杭县", "shanghang-admin").expectStatus().isOk()
                .expectBody()
                .jsonPath("$.joinedNow").isEqualTo(false)
                .jsonPath("$.newVillages").isEqualTo(0)
                .jsonPath("$.temporaryPassword").doesNotExist();

        web.get().uri("/counties/350823/villages").header("Authorization", "Bearer " + tokenFor("operator")).exchange()
                .expectBody().jsonPath("$.length()").isEqualTo(3);
        assertThat(events("county.events", "\"county.joined.v1\"", "350823", 1)).hasSize(1);
        assertThat(events("village.events", "\"village.registered.v1\"", "350823", 3)).hasSize(3);
    }

    @Test
    void a_bad_file_is_reported_line_by_line_and_nothing_is_written() {
        String csv = "township_code,township_name,village_code,village_name,poor\n"
                + "350824101,城关镇,350824101201,上坝村,true\n"
                + "350824101,城关镇,350824101201,重复村,true\n"
                + "621222101,城关镇,621222101201,别县村,false\n"
                + "350824102,碧口镇,350824102201,李家村,maybe\n";
        web.put().uri("/counties/350824").header("Authorization", "Bearer " + tokenFor("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("nameZh", "武平县", "nameEn", "Wuping County",
                        "firstAdministrator", Map.of("username", "hui-admin", "email", "hui-admin@demo.invalid"), "villagesCsv", csv))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$['invalid-params'].length()").isEqualTo(3)
                .jsonPath("$['invalid-params'][0].reason").value(reason -> assertThat((String) reason).startsWith("line 3:").contains("also on line 2"))
                .jsonPath("$['invalid-params'][1].reason").value(reason -> assertThat((String) reason).startsWith("line 4:").contains("350824"))
                .jsonPath("$['invalid-params'][2].reason").value(reason -> assertThat((String) reason).startsWith("line 5:").contains("maybe"));

        web.get().uri("/counties/350824").header("Authorization", "Bearer " + tokenFor("operator")).exchange().expectStatus().isNotFound();
        assertThat(keycloakAdmin("/users?exact=true&username=hui-admin")).isEqualTo("[]");
    }

    @Test
    void bad_request_fields_are_named() {
        web.put().uri("/counties/621227").header("Authorization", "Bearer " + tokenFor("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("nameZh", "", "nameEn", "Hui County",
                        "firstAdministrator", Map.of("username", "Hui Admin", "email", "not-an-email"), "villagesCsv", "x"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$['invalid-params'][?(@.name == 'nameZh')]").exists()
                .jsonPath("$['invalid-params'][?(@.name == 'firstAdministrator.username')]").exists()
                .jsonPath("$['invalid-params'][?(@.name == 'firstAdministrator.email')]").exists();
        web.put().uri("/counties/621200").header("Authorization", "Bearer " + tokenFor("operator"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    void only_an_operator_onboards() {
        web.put().uri("/counties/621222").header("Authorization", "Bearer " + tokenFor("admin-621222"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("nameZh", "文县", "nameEn", "Wen County",
                        "firstAdministrator", Map.of("username", "wen-admin-2", "email", "x@demo.invalid"),
                        "villagesCsv", "township_code,township_name,village_code,village_name,poor\n621222101,城关镇,621222101299,新村,true\n"))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void a_username_of_another_countys_account_is_a_conflict() {
        onboard("350881", "漳平市", "zhangping-admin").expectStatus().isCreated();

        onboard("350921", "霞浦县", "zhangping-admin").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("username-taken");
    }

    /** The events of a type for a county on a topic, read until {@code expected} arrived and a little after. */
    private static List<String> events(String topic, String type, String county, int expected) {
        return TopicReader.read(topic, expected, r -> r.value().contains(type) && r.value().contains("\"county\":\"" + county + "\""))
                .stream().map(TopicReader.Received::value).toList();
    }
}
