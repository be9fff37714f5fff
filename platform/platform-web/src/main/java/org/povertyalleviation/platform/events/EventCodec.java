package org.povertyalleviation.platform.events;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes envelopes as structured-mode CloudEvents JSON. */
public class EventCodec {

    private final JsonMapper json;

    public EventCodec(JsonMapper json) {
        this.json = json;
    }

    public String write(EventEnvelope event) {
        return json.writeValueAsString(event);
    }

    /**
     * An event as a consumer receives it.
     *
     * @throws MalformedEventException when the bytes are not a valid envelope, or the event's source is not the
     *                                 producer of its type ({@link Producers}): retrying cannot help
     */
    public EventEnvelope read(byte[] bytes) {
        EventEnvelope event;
        try {
            event = json.readValue(bytes, EventEnvelope.class);
            if (event == null) {
                throw new MalformedEventException("empty message", null);
            }
        } catch (JacksonException | IllegalArgumentException e) {
            String start = new String(bytes, 0, Math.min(bytes.length, 120), StandardCharsets.UTF_8);
            throw new MalformedEventException("not a valid event envelope: " + e.getMessage() + " (starts: " + start + ")", e);
        }
        Producers.CATALOGUE.check(event);
        return event;
    }

    public <T> T data(EventEnvelope event, Class<T> type) {
        try {
            return json.treeToValue(event.data(), type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new MalformedEventException(event.type() + " " + event.id() + " has data that does not fit " + type.getSimpleName(), e);
        }
    }

    public tools.jackson.databind.JsonNode toTree(Object data) {
        return json.valueToTree(data);
    }
}
