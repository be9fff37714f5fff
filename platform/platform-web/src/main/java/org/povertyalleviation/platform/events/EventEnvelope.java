package org.povertyalleviation.platform.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import org.povertyalleviation.platform.domain.CountyCode;
import tools.jackson.databind.JsonNode;

/**
 * One event as it travels: a CloudEvents 1.0 envelope in structured JSON mode with a {@code county} extension.
 * The schema (docs/events/envelope.schema.json) is the contract; partners receive the same JSON.
 *
 * @param source  the producing service, e.g. {@code /services/household-registry}
 * @param type    past tense and versioned, e.g. {@code household.registered.v1}
 * @param subject the aggregate the event is about, e.g. the household id
 * @param county  the tenant, so consumers and partitions never have to open {@code data} to route
 */
public record EventEnvelope(String specversion, String id, String source, String type, String subject, Instant time,
                            String datacontenttype, String county, JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
    /** The media type of a whole envelope in structured mode. */
    public static final String STRUCTURED_MEDIA_TYPE = "application/cloudevents+json";
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+\\.v[1-9][0-9]*");

    public EventEnvelope {
        require(SPEC_VERSION.equals(specversion), "specversion must be 1.0");
        require(id != null && isUuid(id), "id must be a UUID");
        require(source != null && source.startsWith("/"), "source must be a path such as /services/<name>");
        require(type != null && TYPE.matcher(type).matches(), "type must look like <aggregate>.<past-tense>.v<N>, not " + type);
        require(subject != null && !subject.isBlank(), "subject (the aggregate id) is required");
        Objects.requireNonNull(time, "time");
        require(CONTENT_TYPE.equals(datacontenttype), "datacontenttype must be application/json");
        CountyCode.of(county);
        Objects.requireNonNull(data, "data");
    }

    /** A new event with a fresh id, stamped now. */
    public static EventEnvelope create(String source, String type, CountyCode county, String subject, JsonNode data) {
        return new EventEnvelope(SPEC_VERSION, UUID.randomUUID().toString(), source, type, subject,
                Instant.now().truncatedTo(ChronoUnit.MICROS), CONTENT_TYPE, county.value(), data);
    }

    public CountyCode countyCode() {
        return CountyCode.of(county);
    }

    /** The Kafka record key: county plus aggregate, so one aggregate's events stay in order on one partition. */
    public String partitionKey() {
        return county + ":" + subject;
    }

    private static boolean isUuid(String id) {
        try {
            return UUID.fromString(id).toString().equals(id.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("Invalid event envelope: " + message);
        }
    }
}
