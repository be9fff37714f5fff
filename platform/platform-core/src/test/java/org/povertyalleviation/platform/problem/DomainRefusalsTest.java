package org.povertyalleviation.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

class DomainRefusalsTest {

    @Test
    void an_invalid_value_is_a_400_naming_its_field() {
        ProblemException problem = DomainRefusals.problem(new InvalidValueException("village", "must be 12 digits"));
        ProblemDetail detail = problem.toProblemDetail();
        assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(detail.getProperties().get("invalid-params")).isEqualTo(List.of(new InvalidParam("village", "must be 12 digits")));
    }

    @Test
    void a_county_code_from_a_request_names_the_field_it_came_from() {
        try {
            CountyCode.fromRequest("county", "6212");
        } catch (InvalidValueException e) {
            assertThat(DomainRefusals.problem(e).toProblemDetail().getProperties().get("invalid-params"))
                    .isEqualTo(List.of(new InvalidParam("county", "A county code is 6 digits (GB/T 2260), not 6212")));
            return;
        }
        throw new AssertionError("6212 was accepted as a county code");
    }

    @Test
    void a_rule_refused_by_the_records_state_is_a_409_naming_the_rule() {
        ProblemException problem = DomainRefusals.problem(RuleRefusedException.stateConflict("illegal-transition", "A CLOSED shop cannot open"));
        assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(problem.toProblemDetail().getProperties()).containsEntry("reason", "illegal-transition");
    }

    @Test
    void any_other_refused_rule_is_a_422_naming_the_rule_and_field() {
        ProblemException problem = DomainRefusals.problem(RuleRefusedException.violated("shares-exceed-sales", "above the whole", "sharePercent"));
        assertThat(problem.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(problem.toProblemDetail().getProperties()).containsEntry("rule", "shares-exceed-sales").containsEntry("field", "sharePercent");
    }

    @Test
    void anything_else_is_not_a_domain_refusal() {
        assertThat(DomainRefusals.problem(new IllegalStateException("bug"))).isNull();
    }
}
