package org.povertyalleviation.householdregistry.household.messaging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.povertyalleviation.householdregistry.household.persistence.HouseholdRepository.HouseholdRow;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import org.povertyalleviation.platform.outbox.Outbox;
import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The household events (docs/events/household.*.v1.schema.json), appended to the outbox in the transaction of
 * the change. They carry no personal data: consumers that need a name ask the API.
 */
@Component
public class HouseholdEvents {

    public static final String SOURCE = "/services/household-registry";
    public static final String TOPIC = "household.events";
    public static final String REGISTERED = "household.registered.v1";
    public static final String UPDATED = "household.updated.v1";
    public static final String LIFTED = "household.lifted.v1";
    public static final String AT_RISK = "household.at-risk.v1";
    public static final String RETURNED = "household.returned.v1";
    public static final String REMOVED = "household.removed.v1";
    public static final String INCOME_RECORDED = "household.income-recorded.v1";

    private final Outbox outbox;
    private final EventCodec codec;

    public HouseholdEvents(Outbox outbox, EventCodec codec) {
        this.outbox = outbox;
        this.codec = codec;
    }

    public Mono<Void> registered(HouseholdRow household, int members) {
        return append(REGISTERED, household, file(household, members));
    }

    public Mono<Void> updated(HouseholdRow household, int members) {
        return append(UPDATED, household, file(household, members));
    }

    /** The events of an import batch, in one outbox insert. */
    public EventEnvelope registeredEvent(HouseholdRow household, int members) {
        return envelope(REGISTERED, household, file(household, members));
    }

    public EventEnvelope updatedEvent(HouseholdRow household, int members) {
        return envelope(UPDATED, household, file(household, members));
    }

    public Mono<Void> lifted(HouseholdRow household, String previousStatus, int year, long perCapitaIncomeFen, long povertyLineFen) {
        Map<String, Object> data = identity(household);
        data.put("previousStatus", previousStatus);
        data.put("year", year);
        data.put("perCapitaIncomeFen", perCapitaIncomeFen);
        data.put("povertyLineFen", povertyLineFen);
        return append(LIFTED, household, data);
    }

    /** @param figures the early warning's numbers (trailingEcommerceIncomeFen, …), empty for a clerk's assessment */
    public Mono<Void> atRisk(HouseholdRow household, String detectedBy, List<Map<String, String>> reasons, Map<String, Long> figures) {
        Map<String, Object> data = identity(household);
        data.put("detectedBy", detectedBy);
        data.put("reasons", reasons);
        data.putAll(figures);
        return append(AT_RISK, household, data);
    }

    public Mono<Void> returned(HouseholdRow household, String reason) {
        Map<String, Object> data = identity(household);
        data.put("reason", reason);
        return append(RETURNED, household, data);
    }

    public Mono<Void> removed(HouseholdRow household) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("county", household.countyCode());
        data.put("household", household.id().toString());
        data.put("fileNumber", household.fileNumber());
        return append(REMOVED, household, data);
    }

    public Mono<Void> incomeRecorded(String county, String household, Map<String, Object> entry) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("county", county);
        data.put("household", household);
        data.putAll(entry);
        return outbox.append(TOPIC, EventEnvelope.create(SOURCE, INCOME_RECORDED, CountyCode.of(county), household, codec.toTree(data)));
    }

    private Mono<Void> append(String type, HouseholdRow household, Map<String, Object> data) {
        return outbox.append(TOPIC, envelope(type, household, data));
    }

    private EventEnvelope envelope(String type, HouseholdRow household, Map<String, Object> data) {
        return EventEnvelope.create(SOURCE, type, CountyCode.of(household.countyCode()), household.id().toString(), codec.toTree(data));
    }

    private static Map<String, Object> identity(HouseholdRow household) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("county", household.countyCode());
        data.put("household", household.id().toString());
        data.put("fileNumber", household.fileNumber());
        data.put("village", household.villageCode());
        return data;
    }

    private static Map<String, Object> file(HouseholdRow household, int members) {
        Map<String, Object> data = identity(household);
        data.put("registrationYear", household.registrationYear());
        data.put("status", household.status().name());
        data.put("members", members);
        data.put("causes", household.causes());
        data.put("primaryCause", household.primaryCause());
        return data;
    }
}
