package org.povertyalleviation.portal.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The services' problem bodies (docs/api/problems.md) as the portal reads them. */
class GatewayProblemTest {

    @Test
    void a_rule_violation_names_its_rule_and_field() {
        ServiceProblem problem = Gateway.problem(422, Map.of("type", "urn:poverty-platform:problem:rule-violated", "title", "Rule violated",
                "status", 422, "detail", "Village 621222100999 is not a village of county 621222", "rule", "unknown-village", "field", "village"), "abc");

        assertThat(problem.type()).isEqualTo("rule-violated");
        assertThat(problem.code()).isEqualTo("unknown-village");
        assertThat(problem.field()).isEqualTo("village");
        assertThat(problem.correlationId()).isEqualTo("abc");
    }

    @Test
    void a_conflict_names_its_reason_and_a_bad_request_its_fields() {
        ServiceProblem conflict = Gateway.problem(409, Map.of("type", "urn:poverty-platform:problem:conflict", "reason", "budget-exceeded"), null);
        ServiceProblem invalid = Gateway.problem(400, Map.of("type", "urn:poverty-platform:problem:invalid-request",
                "invalid-params", List.of(Map.of("name", "year", "reason", "must be a number"), Map.of("reason", "nameless"))), null);

        assertThat(conflict.code()).isEqualTo("budget-exceeded");
        assertThat(invalid.invalidParams()).containsExactly(new ServiceProblem.InvalidParam("year", "must be a number"));
    }

    @Test
    void a_body_that_is_not_a_problem_still_gives_a_problem_by_status() {
        ServiceProblem problem = Gateway.problem(502, Map.of(), null);

        assertThat(problem.type()).isEqualTo("status-502");
        assertThat(problem.code()).isNull();
        assertThat(problem.invalidParams()).isEmpty();
    }
}
