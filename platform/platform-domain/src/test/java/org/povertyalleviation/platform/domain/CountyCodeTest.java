package org.povertyalleviation.platform.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class CountyCodeTest {

    @Test
    void a_six_digit_county_code_is_accepted() {
        assertThat(CountyCode.of("621222").value()).isEqualTo("621222");
    }

    @Test
    void malformed_codes_are_refused() {
        assertThatIllegalArgumentException().isThrownBy(() -> CountyCode.of("62122"));
        assertThatIllegalArgumentException().isThrownBy(() -> CountyCode.of("62122a"));
        assertThatIllegalArgumentException().isThrownBy(() -> CountyCode.of(null));
    }

    @Test
    void city_and_province_codes_are_not_counties() {
        assertThatIllegalArgumentException().isThrownBy(() -> CountyCode.of("621200")).withMessageContaining("not a county");
        assertThatIllegalArgumentException().isThrownBy(() -> CountyCode.of("620000"));
    }
}
