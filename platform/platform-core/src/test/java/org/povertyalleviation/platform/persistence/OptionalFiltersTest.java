package org.povertyalleviation.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The SQL side; the bindings run against the real database in the services' list tests (ShopIT, SubsidyIT). */
class OptionalFiltersTest {

    @Test
    void only_given_values_add_their_condition() {
        OptionalFilters filters = new OptionalFilters()
                .and("village_code = :village", "village", "621222101201")
                .and("platform = :platform", "platform", null)
                .and("status = :status", "status", Thread.State.NEW);
        assertThat(filters.sql()).isEqualTo(" and village_code = :village and status = :status");
        assertThat(new OptionalFilters().and("a = :a", "a", null).sql()).isEmpty();
    }
}
