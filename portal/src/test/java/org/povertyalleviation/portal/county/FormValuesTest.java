package org.povertyalleviation.portal.county;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.portal.language.Formats;

/** Yuan typed into forms become fen exactly, and fen are shown as yuan exactly: no double on the way either way. */
class FormValuesTest {

    @Test
    void yuan_typed_become_fen_exactly() {
        assertThat(FormValues.fen("12345.67")).isEqualTo(1_234_567L);
        assertThat(FormValues.fen(" 1,234.56 ")).isEqualTo(123_456L);
        assertThat(FormValues.fen("0.1")).isEqualTo(10L);
        assertThat(FormValues.fen("198")).isEqualTo(19_800L);
        assertThat(FormValues.fen("100000000.01")).isEqualTo(10_000_000_001L);
        assertThat(FormValues.fen("0.29")).isEqualTo(29L);
    }

    @Test
    void an_amount_finer_than_a_fen_negative_or_none_is_null() {
        assertThat(FormValues.fen("12.345")).isNull();
        assertThat(FormValues.fen("-1")).isNull();
        assertThat(FormValues.fen("十元")).isNull();
        assertThat(FormValues.fen(" ")).isNull();
        assertThat(FormValues.fen(null)).isNull();
    }

    @Test
    void percentages_become_basis_points_exactly() {
        assertThat(FormValues.basisPoints("33.34")).isEqualTo(3334);
        assertThat(FormValues.basisPoints("100")).isEqualTo(10_000);
        assertThat(FormValues.basisPoints("0.005")).isNull();
    }

    @Test
    void fen_are_shown_as_yuan_with_two_decimals() {
        assertThat(Formats.yuan(1_234_567L, Locale.CHINA)).endsWith("12,345.67");
        assertThat(Formats.yuan(5L, Locale.CHINA)).endsWith("0.05");
        assertThat(Formats.yuan(10_000_000_001L, Locale.ENGLISH)).endsWith("100,000,000.01");
    }
}
