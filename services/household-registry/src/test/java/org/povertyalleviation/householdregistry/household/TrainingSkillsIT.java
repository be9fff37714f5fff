package org.povertyalleviation.householdregistry.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.registration;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.residentId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.householdregistry.Events;
import org.povertyalleviation.householdregistry.HouseholdRegistryIT;
import org.povertyalleviation.platform.infra.Eventually;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The training service's certificates keep the members' e-commerce skills: an issued certificate adds its skill once,
 * a revocation takes off only a skill that certificates alone put on the file, and a revocation that comes first
 * leaves the late certificate without effect. Each certificate's events are keyed by it, so they keep their order;
 * a last event under the same key ("marker") shows that the ones before it were handled.
 */
class TrainingSkillsIT extends HouseholdRegistryIT {

    private static final String TOPIC = "training.events";
    private static final String ISSUED = "training.certificate-issued.v1";
    private static final String REVOKED = "training.certificate-revoked.v1";
    private static final String DEAD_LETTERS = "error.training.events.household-registry.training-skills";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The head registered by HouseholdMother has LIVE_STREAMING on the file (a clerk's). */
    @Test
    void an_issued_certificate_gives_its_skill_once_and_its_revocation_takes_the_certificate_only_skill_off() {
        String household = register("SKL-1");
        String head = head(household);
        String certificate = UUID.randomUUID().toString();
        String issued = issued(certificate, household, head, "SHOP_OPERATION");
        String eventId = UUID.randomUUID().toString();

        publishWithId(TOPIC, "621222", certificate, ISSUED, eventId, issued);
        JsonNode member = awaitHead(household, found -> skills(found).contains("SHOP_OPERATION"));
        assertThat(skills(member)).containsExactlyInAnyOrder("LIVE_STREAMING", "SHOP_OPERATION");
        assertThat(member.get("skillCertificates")).hasSize(1);
        assertThat(member.get("skillCertificates").get(0).get("certificate").asString()).isEqualTo(certificate);
        assertThat(member.get("skillCertificates").get(0).get("skill").asString()).isEqualTo("SHOP_OPERATION");
        assertThat(member.get("skillCertificates").get(0).get("expiresOn").asString()).isEqualTo("2028-11-28");
        int version = version(household);

        // Redelivered: the same event id changes nothing (the household's version stays). The revocation after it, under
        // the same key, shows that the redelivery was handled first.
        publishWithId(TOPIC, "621222", certificate, ISSUED, eventId, issued);
        publish(TOPIC, "621222", certificate, REVOKED, revoked(certificate, household, head, "SHOP_OPERATION"));
        member = awaitHead(household, found -> !skills(found).contains("SHOP_OPERATION"));
        assertThat(skills(member)).containsExactly("LIVE_STREAMING");
        assertThat(member.get("skillCertificates")).isEmpty();
        assertThat(version(household)).isEqualTo(version + 1);
        // One household.updated.v1 for the skill gained, one for the skill lost; none for the redelivery.
        assertThat(Events.about("household.events", "household.updated.v1", household, 2)).hasSize(2);
    }

    @Test
    void a_skill_stays_while_another_certificate_gives_it_and_a_skill_on_the_file_before_stays_after_revocation() {
        String household = register("SKL-2");
        String head = head(household);
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String clerks = UUID.randomUUID().toString();
        publish(TOPIC, "621222", first, ISSUED, issued(first, household, head, "PACKING_AND_SHIPPING"));
        publish(TOPIC, "621222", second, ISSUED, issued(second, household, head, "PACKING_AND_SHIPPING"));
        // LIVE_STREAMING was on the file before (the clerk's): the certificate is kept, the skill's origin stays.
        publish(TOPIC, "621222", clerks, ISSUED, issued(clerks, household, head, "LIVE_STREAMING"));
        awaitHead(household, found -> found.get("skillCertificates").size() == 3);

        publish(TOPIC, "621222", first, REVOKED, revoked(first, household, head, "PACKING_AND_SHIPPING"));
        publish(TOPIC, "621222", clerks, REVOKED, revoked(clerks, household, head, "LIVE_STREAMING"));
        JsonNode member = awaitHead(household, found -> found.get("skillCertificates").size() == 1);
        assertThat(skills(member)).containsExactlyInAnyOrder("LIVE_STREAMING", "PACKING_AND_SHIPPING");
        assertThat(member.get("skillCertificates").get(0).get("certificate").asString()).isEqualTo(second);

        publish(TOPIC, "621222", second, REVOKED, revoked(second, household, head, "PACKING_AND_SHIPPING"));
        member = awaitHead(household, found -> found.get("skillCertificates").isEmpty());
        assertThat(skills(member)).containsExactly("LIVE_STREAMING");
    }

    @Test
    void a_clerks_edit_that_keeps_a_certified_skill_keeps_its_origin_and_one_that_leaves_it_out_takes_it_off() {
        String residentId = residentId("621222");
        String household = register("621222", registration("621222", "SKL-5", residentId));
        String head = head(household);
        String kept = UUID.randomUUID().toString();
        String left = UUID.randomUUID().toString();
        publish(TOPIC, "621222", kept, ISSUED, issued(kept, household, head, "SHOP_OPERATION"));
        publish(TOPIC, "621222", left, ISSUED, issued(left, household, head, "CUSTOMER_SERVICE"));
        awaitHead(household, found -> skills(found).containsAll(List.of("SHOP_OPERATION", "CUSTOMER_SERVICE")));

        // The clerk saves the head again with what the file shows, less CUSTOMER_SERVICE.
        Map<String, Object> edited = HouseholdMother.member("张三", "HEAD", residentId);
        edited.put("ecommerceSkills", List.of("LIVE_STREAMING", "SHOP_OPERATION"));
        put("/counties/621222/households/" + household + "/members/" + head, CLERK, edited).expectStatus().isOk();
        assertThat(skills(headOf(household))).containsExactlyInAnyOrder("LIVE_STREAMING", "SHOP_OPERATION");

        // SHOP_OPERATION is still the certificate's alone: its revocation takes it off.
        publish(TOPIC, "621222", kept, REVOKED, revoked(kept, household, head, "SHOP_OPERATION"));
        JsonNode member = awaitHead(household, found -> !skills(found).contains("SHOP_OPERATION"));
        assertThat(skills(member)).containsExactly("LIVE_STREAMING");
        // The certificate whose skill the clerk took off still counts; a clerk who adds the skill again makes it theirs.
        assertThat(member.get("skillCertificates")).hasSize(1);
        edited.put("ecommerceSkills", List.of("LIVE_STREAMING", "CUSTOMER_SERVICE"));
        put("/counties/621222/households/" + household + "/members/" + head, CLERK, edited).expectStatus().isOk();
        publish(TOPIC, "621222", left, REVOKED, revoked(left, household, head, "CUSTOMER_SERVICE"));
        member = awaitHead(household, found -> found.get("skillCertificates").isEmpty());
        assertThat(skills(member)).containsExactlyInAnyOrder("LIVE_STREAMING", "CUSTOMER_SERVICE");
    }

    @Test
    void a_revocation_before_its_certificate_leaves_the_member_without_the_skill() {
        String household = register("SKL-3");
        String head = head(household);
        String certificate = UUID.randomUUID().toString();
        publish(TOPIC, "621222", certificate, REVOKED, revoked(certificate, household, head, "CUSTOMER_SERVICE"));
        publish(TOPIC, "621222", certificate, ISSUED, issued(certificate, household, head, "CUSTOMER_SERVICE"));
        String marker = UUID.randomUUID().toString();
        publish(TOPIC, "621222", certificate, ISSUED, issued(marker, household, head, "PRODUCT_PHOTOGRAPHY"));

        JsonNode member = awaitHead(household, found -> skills(found).contains("PRODUCT_PHOTOGRAPHY"));
        assertThat(skills(member)).containsExactlyInAnyOrder("LIVE_STREAMING", "PRODUCT_PHOTOGRAPHY");
        assertThat(member.get("skillCertificates")).hasSize(1);
        assertThat(member.get("skillCertificates").get(0).get("certificate").asString()).isEqualTo(marker);
    }

    @Test
    void a_certificate_of_another_county_or_of_a_member_the_household_does_not_have_goes_to_the_dead_letter_topic() {
        String household = register("SKL-4");
        String head = head(household);
        String otherCounty = UUID.randomUUID().toString();
        publish(TOPIC, "621222", otherCounty, ISSUED, issued(otherCounty, household, head, "SHOP_OPERATION").replace("\"county\":\"621222\"",
                "\"county\":\"621221\""));
        String stranger = UUID.randomUUID().toString();
        publish(TOPIC, "621222", stranger, ISSUED, issued(stranger, household, UUID.randomUUID().toString(), "SHOP_OPERATION"));
        // A holder who is not a registered member is no concern of the registry's: ignored, not dead-lettered.
        String unregistered = UUID.randomUUID().toString();
        publish(TOPIC, "621222", unregistered, ISSUED, issued(unregistered, household, head, "SHOP_OPERATION")
                .replace("\"household\":\"" + household + "\"", "\"household\":null").replace("\"member\":\"" + head + "\"", "\"member\":null"));

        assertThat(Events.read(DEAD_LETTERS, value -> value.contains(otherCounty), 1)).hasSize(1);
        assertThat(Events.read(DEAD_LETTERS, value -> value.contains(stranger), 1)).hasSize(1);
        assertThat(Events.present(DEAD_LETTERS, value -> value.contains(unregistered))).isEmpty();
        assertThat(skills(headOf(household))).containsExactly("LIVE_STREAMING");
    }

    private static String issued(String certificate, String household, String member, String skill) {
        return "{\"county\":\"621222\",\"certificate\":\"" + certificate + "\",\"household\":\"" + household + "\",\"member\":\"" + member
                + "\",\"village\":\"621222101201\",\"skill\":\"" + skill + "\",\"course\":\"" + UUID.randomUUID()
                + "\",\"issuedOn\":\"2026-11-28\",\"expiresOn\":\"2028-11-28\"}";
    }

    private static String revoked(String certificate, String household, String member, String skill) {
        return "{\"county\":\"621222\",\"certificate\":\"" + certificate + "\",\"household\":\"" + household + "\",\"member\":\"" + member
                + "\",\"skill\":\"" + skill + "\",\"course\":\"" + UUID.randomUUID() + "\",\"revokedAt\":\"2026-12-02T03:20:00Z\"}";
    }

    private String register(String fileNumber) {
        return register("621222", registration("621222", fileNumber, residentId("621222")));
    }

    private JsonNode household(String household) {
        return JSON.readTree(get("/counties/621222/households/" + household, CLERK).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private JsonNode headOf(String household) {
        return household(household).get("members").get(0);
    }

    private String head(String household) {
        return headOf(household).get("id").asString();
    }

    private int version(String household) {
        return household(household).get("version").asInt();
    }

    private static List<String> skills(JsonNode member) {
        List<String> skills = new ArrayList<>();
        member.get("ecommerceSkills").forEach(skill -> skills.add(skill.asString()));
        return skills;
    }

    private JsonNode awaitHead(String household, Predicate<JsonNode> condition) {
        return Eventually.await("the head of household " + household + " as expected", Duration.ofSeconds(30), () -> headOf(household), condition);
    }
}
