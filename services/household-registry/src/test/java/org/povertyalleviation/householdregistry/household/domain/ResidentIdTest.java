package org.povertyalleviation.householdregistry.household.domain;

import org.povertyalleviation.platform.domain.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class ResidentIdTest {

    @Test
    void a_valid_number_gives_its_birth_date_sex_and_masked_form() {
        // GB 11643's own example: 11010519491231002X, a woman born 31 December 1949.
        ResidentId id = ResidentId.parse(" 11010519491231002x ");

        assertThat(id.value()).isEqualTo("11010519491231002X");
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.sex()).isEqualTo(ResidentId.Sex.F);
        assertThat(id.masked()).isEqualTo("110105********002X");
        assertThat(id.toString()).doesNotContain("19491231");
    }

    @Test
    void a_wrong_check_character_is_refused_saying_so() {
        assertThatThrownBy(() -> ResidentId.parse("110105194912310021"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("check character");
    }

    @Test
    void malformed_numbers_are_refused() {
        assertThatThrownBy(() -> ResidentId.parse("1101051949123100")).hasMessageContaining("18 characters");
        assertThatThrownBy(() -> ResidentId.parse("11010519491231A02X")).hasMessageContaining("digits");
        String badDate = "11010519491331002";
        assertThatThrownBy(() -> ResidentId.parse(badDate + ResidentId.checkCharacter(badDate))).hasMessageContaining("birth date");
        String future = "11010530000101002";
        assertThatThrownBy(() -> ResidentId.parse(future + ResidentId.checkCharacter(future))).hasMessageContaining("plausible");
        assertThatThrownBy(() -> ResidentId.parse(null)).hasMessageContaining("required");
    }

    @Test
    void an_odd_sequence_digit_is_a_man() {
        String first17 = "62122219800101011";
        assertThat(ResidentId.parse(first17 + ResidentId.checkCharacter(first17)).sex()).isEqualTo(ResidentId.Sex.M);
    }

    @Test
    void phones_are_validated_and_masked() {
        assertThat(PhoneNumber.parseOptional("+86 138 1234 5678").masked()).isEqualTo("138****5678");
        assertThat(PhoneNumber.parseOptional("0939-1234567").masked()).isEqualTo("093*****4567");
        assertThat(PhoneNumber.parseOptional(" ")).isNull();
        assertThatThrownBy(() -> PhoneNumber.parseOptional("12812345678")).isInstanceOf(InvalidValueException.class);
    }
}
