package org.povertyalleviation.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void a_uuid_is_read_and_anything_else_is_a_400_naming_the_field() {
        UUID id = UUID.randomUUID();
        assertThat(RequestIds.uuid("id", id.toString())).isEqualTo(id);
        assertThatThrownBy(() -> RequestIds.uuid("member", "42")).isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).toProblemDetail().getProperties().get("invalid-params"))
                        .isEqualTo(java.util.List.of(new InvalidParam("member", "must be a UUID"))));
    }
}
