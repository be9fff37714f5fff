package org.povertyalleviation.householdregistry.household.messaging;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.povertyalleviation.platform.events.EventType;
import org.povertyalleviation.platform.events.PublishedEvent;

/**
 * The events the household registry publishes, one record per type, each exactly its contract in docs/events (checked
 * by EventsTest against the catalogued example). All go to household.events keyed by county and household, so one
 * household's events keep their order. They carry no personal data: consumers that need a name ask the API.
 */
public final class HouseholdEventRecords {

    static final String TOPIC = "household.events";

    private HouseholdEventRecords() {
    }

    @EventType(value = "household.registered.v1", topic = TOPIC)
    public record HouseholdRegistered(String county, String household, String fileNumber, String village, int registrationYear,
                                      String status, int members, List<String> causes, String primaryCause) implements PublishedEvent {
        @Override
        public String subject() {
            return household;
        }
    }

    /** The household's file changed (or an import brought it again with changes): the same fields as on registration. */
    @EventType(value = "household.updated.v1", topic = TOPIC)
    public record HouseholdUpdated(String county, String household, String fileNumber, String village, int registrationYear,
                                   String status, int members, List<String> causes, String primaryCause) implements PublishedEvent {
        @Override
        public String subject() {
            return household;
        }
    }

    @EventType(value = "household.lifted.v1", topic = TOPIC)
    public record HouseholdLifted(String county, String household, String fileNumber, String village, String previousStatus, int year,
                                  long perCapitaIncomeFen, long povertyLineFen) implements PublishedEvent {
        @Override
        public String subject() {
            return household;
        }
    }

    /** The early warning's figures are there when it (not a clerk) found the risk. */
    @EventType(value = "household.at-risk.v1", topic = TOPIC)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HouseholdAtRisk(String county, String household, String fileNumber, String village, String detectedBy,
                                  List<Map<String, String>> reasons, Long trailingEcommerceIncomeFen, Long previousEcommerceIncomeFen,
                                  Long projectedPerCapitaIncomeFen, Long povertyLineFen) implements PublishedEvent {
        @Override
        public String subject() {
            return household;
        }
    }

    @EventType(value = "household.returned.v1", topic = TOPIC)
    public record HouseholdReturned(String county, String household, String fileNumber, String village, String reason)
            implements PublishedEvent {
        @Override
        public String subject() {
            return household;
        }
    }

    @EventType(value = "household.removed.v1", topic = TOPIC)
    public record HouseholdRemoved(String county, String household, String fileNumber) implements PublishedEvent {
        @Override
        public String subject() {
            return household;
        }
    }

    @EventType(value = "household.income-recorded.v1", topic = TOPIC)
    public record IncomeRecorded(String county, String household, String entry, String month, String source, long amountFen,
                                 String origin, int revision) implements PublishedEvent {
        @Override
        public String subject() {
            return household;
        }
    }
}
