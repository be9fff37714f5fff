package org.povertyalleviation.portal.language;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.povertyalleviation.portal.gateway.ServiceProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

/**
 * A service's problem in the reader's language: one message for the action, one per field it names. The services
 * answer in English for programs; the portal translates what it knows (rules, reasons, problem types, fields) and
 * falls back to the status's general message, never to the service's text or JSON.
 */
@Component
public class ProblemMessages {

    private final MessageSource messages;

    ProblemMessages(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * @param message   what went wrong with the action as a whole
     * @param fields    a message per form field the service named (by the service's field name)
     * @param reference the request's correlation id, for support
     */
    public record Shown(String message, Map<String, String> fields, String reference) {
        public String field(String name) {
            return fields.get(name);
        }
    }

    public Shown show(ServiceProblem problem, Locale locale) {
        String message = first(locale,
                problem.code() == null ? null : "problem.code." + problem.code(),
                "problem.type." + problem.type(),
                "problem.status." + problem.status());
        if (message == null) {
            message = messages.getMessage("problem.generic", null, locale);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (ServiceProblem.InvalidParam param : problem.invalidParams()) {
            fields.put(param.name(), fieldMessage(param.name(), locale));
        }
        if (problem.field() != null && !fields.containsKey(problem.field())) {
            fields.put(problem.field(), message);
        }
        return new Shown(message, Map.copyOf(fields), problem.correlationId());
    }

    private String fieldMessage(String field, Locale locale) {
        String specific = first(locale, "problem.field." + field);
        if (specific != null) {
            return specific;
        }
        String label = first(locale, "field." + field);
        return messages.getMessage("problem.invalid", new Object[] {label == null ? field : label}, locale);
    }

    private String first(Locale locale, String... keys) {
        for (String key : keys) {
            if (key == null) {
                continue;
            }
            try {
                return messages.getMessage(key, null, locale);
            } catch (NoSuchMessageException e) {
                // try the next, more general key
            }
        }
        return null;
    }
}
