package org.povertyalleviation.householdregistry.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.householdregistry.HouseholdRegistryIT;
import org.povertyalleviation.householdregistry.personaldata.PersonalDataCipher.Field;

class PersonalDataCipherTest {

    private static final PersonalDataCipher CIPHER = new PersonalDataCipher(new PersonalDataProperties(
            Map.of("k0", HouseholdRegistryIT.OLD_KEY), "k1", HouseholdRegistryIT.TEST_KEY, HouseholdRegistryIT.TEST_LOOKUP_KEY, List.of()));

    @Test
    void a_sealed_value_opens_to_itself_and_never_seals_the_same_twice() {
        byte[] first = CIPHER.seal("621222", Field.RESIDENT_ID, "11010519491231002X");
        byte[] second = CIPHER.seal("621222", Field.RESIDENT_ID, "11010519491231002X");

        assertThat(first).isNotEqualTo(second);
        assertThat(CIPHER.open("621222", Field.RESIDENT_ID, first)).isEqualTo("11010519491231002X");
        assertThat(PersonalDataCipher.keyOf(first)).isEqualTo("k1");
    }

    @Test
    void a_value_copied_to_another_county_or_field_does_not_open() {
        byte[] sealed = CIPHER.seal("621222", Field.PHONE, "13812345678");

        assertThatThrownBy(() -> CIPHER.open("621224", Field.PHONE, sealed)).hasMessageContaining("does not open");
        assertThatThrownBy(() -> CIPHER.open("621222", Field.RESIDENT_ID, sealed)).hasMessageContaining("does not open");
    }

    @Test
    void values_sealed_with_an_earlier_key_still_open() {
        PersonalDataCipher before = new PersonalDataCipher(new PersonalDataProperties(Map.of(), "k0", HouseholdRegistryIT.OLD_KEY,
                HouseholdRegistryIT.TEST_LOOKUP_KEY, List.of()));
        byte[] old = before.seal("621222", Field.PHONE, "13812345678");

        assertThat(CIPHER.open("621222", Field.PHONE, old)).isEqualTo("13812345678");
        assertThat(new PersonalDataCipher(new PersonalDataProperties(Map.of(), "k2", HouseholdRegistryIT.TEST_KEY,
                HouseholdRegistryIT.TEST_LOOKUP_KEY, List.of())).activeKey()).isEqualTo("k2");
        assertThatThrownBy(() -> new PersonalDataCipher(new PersonalDataProperties(Map.of(), "k2", HouseholdRegistryIT.TEST_KEY,
                HouseholdRegistryIT.TEST_LOOKUP_KEY, List.of())).open("621222", Field.PHONE, old)).hasMessageContaining("no longer configured");
    }

    @Test
    void lookup_hashes_are_equal_for_equal_values_and_differ_by_county_and_field() {
        assertThat(CIPHER.lookupHash("621222", Field.RESIDENT_ID, "x")).isEqualTo(CIPHER.lookupHash("621222", Field.RESIDENT_ID, "x"))
                .isNotEqualTo(CIPHER.lookupHash("621224", Field.RESIDENT_ID, "x"))
                .isNotEqualTo(CIPHER.lookupHash("621222", Field.PHONE, "x"));
    }

    @Test
    void the_service_refuses_to_start_without_proper_keys() {
        assertThatThrownBy(() -> new PersonalDataCipher(new PersonalDataProperties(Map.of(), "k1", null, HouseholdRegistryIT.TEST_LOOKUP_KEY, List.of())))
                .hasMessageContaining("keys and active-key are required");
        assertThatThrownBy(() -> new PersonalDataCipher(new PersonalDataProperties(Map.of(), "k1", "c2hvcnQ=", HouseholdRegistryIT.TEST_LOOKUP_KEY, List.of())))
                .hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> new PersonalDataCipher(new PersonalDataProperties(Map.of(), "k1", HouseholdRegistryIT.TEST_KEY, "", List.of())))
                .hasMessageContaining("lookup-key is required");
    }
}
