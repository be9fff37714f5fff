package org.povertyalleviation.householdregistry.household.messaging;

import java.util.List;
import java.util.Map;

import org.povertyalleviation.householdregistry.household.messaging.HouseholdEventRecords.HouseholdAtRisk;
import org.povertyalleviation.householdregistry.household.messaging.HouseholdEventRecords.HouseholdLifted;
import org.povertyalleviation.householdregistry.household.messaging.HouseholdEventRecords.HouseholdRegistered;
import org.povertyalleviation.householdregistry.household.messaging.HouseholdEventRecords.HouseholdRemoved;
import org.povertyalleviation.householdregistry.household.messaging.HouseholdEventRecords.HouseholdReturned;
import org.povertyalleviation.householdregistry.household.messaging.HouseholdEventRecords.HouseholdUpdated;
import org.povertyalleviation.householdregistry.household.messaging.HouseholdEventRecords.IncomeRecorded;
import org.povertyalleviation.householdregistry.household.persistence.HouseholdRepository.HouseholdRow;
import org.povertyalleviation.platform.events.PublishedEvent;
import org.povertyalleviation.platform.outbox.Outbox;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Appends the household registry's events (HouseholdEventRecords) to the outbox in the transaction of the change. */
@Component
public class HouseholdEvents {

    public static final String TOPIC = HouseholdEventRecords.TOPIC;

    private final Outbox outbox;

    public HouseholdEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Mono<Void> registered(HouseholdRow household, int members) {
        return outbox.publish(registeredEvent(household, members));
    }

    public Mono<Void> updated(HouseholdRow household, int members) {
        return outbox.publish(updatedEvent(household, members));
    }

    /** For an import batch, published together with {@link #appendAll}. */
    public PublishedEvent registeredEvent(HouseholdRow household, int members) {
        return new HouseholdRegistered(household.countyCode(), household.id().toString(), household.fileNumber(), household.villageCode(),
                household.registrationYear(), household.status().name(), members, household.causes(), household.primaryCause());
    }

    public PublishedEvent updatedEvent(HouseholdRow household, int members) {
        return new HouseholdUpdated(household.countyCode(), household.id().toString(), household.fileNumber(), household.villageCode(),
                household.registrationYear(), household.status().name(), members, household.causes(), household.primaryCause());
    }

    /** An import batch's events in one outbox insert. */
    public Mono<Void> appendAll(List<PublishedEvent> events) {
        return outbox.publishAll(events);
    }

    public Mono<Void> lifted(HouseholdRow household, String previousStatus, int year, long perCapitaIncomeFen, long povertyLineFen) {
        return outbox.publish(new HouseholdLifted(household.countyCode(), household.id().toString(), household.fileNumber(),
                household.villageCode(), previousStatus, year, perCapitaIncomeFen, povertyLineFen));
    }

    /** @param figures the early warning's numbers (trailingEcommerceIncomeFen, …), empty for a clerk's assessment */
    public Mono<Void> atRisk(HouseholdRow household, String detectedBy, List<Map<String, String>> reasons, Map<String, Long> figures) {
        return outbox.publish(new HouseholdAtRisk(household.countyCode(), household.id().toString(), household.fileNumber(),
                household.villageCode(), detectedBy, reasons, figures.get("trailingEcommerceIncomeFen"),
                figures.get("previousEcommerceIncomeFen"), figures.get("projectedPerCapitaIncomeFen"), figures.get("povertyLineFen")));
    }

    public Mono<Void> returned(HouseholdRow household, String reason) {
        return outbox.publish(new HouseholdReturned(household.countyCode(), household.id().toString(), household.fileNumber(),
                household.villageCode(), reason));
    }

    public Mono<Void> removed(HouseholdRow household) {
        return outbox.publish(new HouseholdRemoved(household.countyCode(), household.id().toString(), household.fileNumber()));
    }

    public Mono<Void> incomeRecorded(String county, String household, String entry, String month, String source, long amountFen,
                                     String origin, int revision) {
        return outbox.publish(new IncomeRecorded(county, household, entry, month, source, amountFen, origin, revision));
    }
}
