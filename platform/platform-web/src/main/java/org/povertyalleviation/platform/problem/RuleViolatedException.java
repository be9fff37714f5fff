package org.povertyalleviation.platform.problem;

import java.util.Map;

import org.springframework.http.HttpStatus;

/** 422: the request is well formed but a domain rule refuses it (budget exhausted, income below the line). */
public class RuleViolatedException extends ProblemException {

    /** @param rule a stable name of the rule, e.g. {@code subsidy-budget-exceeded} */
    public RuleViolatedException(String rule, String detail) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.RULE_VIOLATED, "Rule violated", detail, Map.of("rule", rule));
    }

    /** @param field the request field the rule concerns, e.g. {@code village} for a village the county does not have */
    public RuleViolatedException(String rule, String detail, String field) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.RULE_VIOLATED, "Rule violated", detail, Map.of("rule", rule, "field", field));
    }

    /** @param facts what the caller needs to correct the request, e.g. the reference price an order fell below */
    public RuleViolatedException(String rule, String detail, String field, Map<String, Object> facts) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.RULE_VIOLATED, "Rule violated", detail, withRule(rule, field, facts));
    }

    private static Map<String, Object> withRule(String rule, String field, Map<String, Object> facts) {
        Map<String, Object> properties = new java.util.LinkedHashMap<>(facts);
        properties.put("rule", rule);
        properties.put("field", field);
        return properties;
    }
}
