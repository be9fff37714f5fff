package org.povertyalleviation.householdregistry.exporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.registration;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.residentId;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.householdregistry.HouseholdRegistryIT;

/** Text typed in by users reaches exports as text: a clerk opening the file in a spreadsheet runs nothing. */
class CsvInjectionIT extends HouseholdRegistryIT {

    @Test
    void a_formula_in_a_households_text_is_neutralised_in_the_csv_export() {
        Map<String, Object> household = registration("621222", "CSV-INJ-1", residentId("621222"));
        household.put("helperCadre", "=cmd|'/C calc'!A0");
        household.put("village", "621222103202");
        register("621222", household);

        get("/counties/621222/exports/households.csv?village=621222103202", CLERK).expectStatus().isOk().expectBody(String.class)
                .value(csv -> assertThat(csv).contains("'=cmd|'/C calc'!A0").doesNotContain(",=cmd"));
    }
}
