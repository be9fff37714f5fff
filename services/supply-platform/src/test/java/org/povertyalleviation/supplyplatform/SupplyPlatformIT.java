package org.povertyalleviation.supplyplatform;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.platform.contracts.EventCatalogue;
import org.povertyalleviation.platform.contracts.TopicReader;
import org.povertyalleviation.platform.service.ServiceIT;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The service on the platform's test base, with registered households in its copy and its income events read back. */
public abstract class SupplyPlatformIT extends ServiceIT {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final String INCOME = "supply.household-income-earned.v1";


    protected UUID organisation(String county, String user, String kind, String legalId) {
        return UUID.fromString(idOf(post("/counties/" + county + "/organisations", user, Map.of("kind", kind, "name", "合作社 " + legalId,
                "legalId", legalId, "contactName", "理事长")).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody()));
    }

    /** The income events of a household on supply.events, checked against the catalogue; their data. */
    protected static List<JsonNode> incomeOf(UUID household, int expected) {
        List<TopicReader.Received> received = TopicReader.read("supply.events", expected, r -> r.value().contains(household.toString()));
        return received.stream().map(r -> {
            assertThat(EventCatalogue.schemaErrors(INCOME, r.value())).as(r.value()).isEmpty();
            JsonNode event = JSON.readTree(r.value());
            assertThat(r.key()).isEqualTo(event.path("county").asString() + ":" + household);
            return event.path("data");
        }).toList();
    }

    /** A valid unified social credit code for the tests: a fixed prefix, 8 varying characters and the check character. */
    protected static String legalId(String prefix) {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        StringBuilder first17 = new StringBuilder(prefix);
        java.util.Random random = new java.util.Random();
        while (first17.length() < 17) {
            first17.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return first17 + String.valueOf(org.povertyalleviation.supplyplatform.organisation.domain.SocialCreditCode.checkCharacter(first17.toString()));
    }
}
