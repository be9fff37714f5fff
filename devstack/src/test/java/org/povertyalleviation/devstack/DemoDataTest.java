package org.povertyalleviation.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class DemoDataTest {

    @Test
    void the_same_seed_gives_the_same_data() {
        assertThat(DemoData.generate(42)).isEqualTo(DemoData.generate(42));
    }

    @Test
    void another_seed_gives_other_data() {
        assertThat(DemoData.generate(42).households()).isNotEqualTo(DemoData.generate(43).households());
    }

    @Test
    void every_one_of_longnans_nine_counties_has_townships_villages_and_poor_households() {
        DemoData.Dataset data = DemoData.generate(20130101L);

        assertThat(data.counties()).extracting(DemoData.County::code).containsExactly(
                "621202", "621221", "621222", "621223", "621224", "621225", "621226", "621227", "621228");
        Map<String, Long> poorVillages = data.villages().stream().filter(DemoData.Village::poor)
                .collect(Collectors.groupingBy(DemoData.Village::countyCode, Collectors.counting()));
        Map<String, Long> households = data.households().stream()
                .collect(Collectors.groupingBy(DemoData.Household::countyCode, Collectors.counting()));
        for (DemoData.County county : data.counties()) {
            assertThat(poorVillages.getOrDefault(county.code(), 0L)).as("poor villages of %s", county.code()).isPositive();
            assertThat(households.getOrDefault(county.code(), 0L)).as("households of %s", county.code()).isGreaterThan(20);
        }
    }

    @Test
    void codes_nest_county_township_village() {
        DemoData.Dataset data = DemoData.generate(7);

        assertThat(data.villages()).allSatisfy(village -> {
            assertThat(village.code()).hasSize(12).startsWith(village.townshipCode());
            assertThat(village.townshipCode()).startsWith(village.countyCode());
        });
        assertThat(data.households()).allSatisfy(household ->
                assertThat(household.villageCode()).startsWith(household.countyCode()));
    }

    @Test
    void resident_ids_are_18_characters_with_a_valid_check_digit_and_a_head_per_household() {
        DemoData.Dataset data = DemoData.generate(7);

        assertThat(data.households()).allSatisfy(household -> {
            assertThat(household.members().get(0).relation()).isEqualTo("HEAD");
            assertThat(household.causes()).contains(household.primaryCause()).doesNotHaveDuplicates();
            household.members().forEach(member -> {
                assertThat(member.residentId()).hasSize(18).startsWith(household.countyCode());
                assertThat(DemoData.withCheckDigit(member.residentId().substring(0, 17))).isEqualTo(member.residentId());
            });
        });
    }

    @Test
    void the_check_digit_follows_gb_11643() {
        // The standard's own worked example.
        assertThat(DemoData.withCheckDigit("11010519491231002")).isEqualTo("11010519491231002X");
    }
}
