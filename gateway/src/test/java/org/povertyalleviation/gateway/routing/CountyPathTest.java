package org.povertyalleviation.gateway.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CountyPathTest {

    @Test
    void the_county_is_the_segment_after_counties_right_under_the_service() {
        assertThat(CountyPath.county("/api/household-registry/counties/621222/households")).contains("621222");
        assertThat(CountyPath.county("/api/county-registry/counties/621222")).contains("621222");
        assertThat(CountyPath.county("/api/x/counties/62122x/villages")).contains("62122x");
    }

    @Test
    void paths_without_a_county_right_under_the_service_have_none() {
        assertThat(CountyPath.county("/api/county-registry/counties")).isEmpty();
        assertThat(CountyPath.county("/api/county-registry/counties/")).isEmpty();
        assertThat(CountyPath.county("/api/supply/public/trace/ABC")).isEmpty();
        // "counties" deeper in the path is a service's own business, not the tenant.
        assertThat(CountyPath.county("/api/audit/x/counties/621222")).isEmpty();
        assertThat(CountyPath.county("/counties/621222")).isEmpty();
    }

    @Test
    void the_service_is_the_first_segment_after_api() {
        assertThat(CountyPath.service("/api/county-registry/counties/621222")).contains("county-registry");
        assertThat(CountyPath.service("/actuator/health")).isEmpty();
    }
}
