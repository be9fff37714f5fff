package org.povertyalleviation.householdregistry.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.registration;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.residentId;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.householdregistry.HouseholdRegistryIT;
import org.povertyalleviation.householdregistry.household.domain.ResidentId;

/**
 * No set of readable columns or API fields rebuilds a resident ID number. Before, the stored birth date (characters
 * 7-14) with the masked number (1-6 and 15-18) was the whole number, in clear, for any database reader or backup.
 */
class ResidentIdExposureIT extends HouseholdRegistryIT {

    @Test
    void the_readable_columns_of_a_member_leave_many_numbers_possible() throws Exception {
        String id = residentId("621222", "19630715");
        register("621222", registration("621222", "EXPOSE-1", id));

        var db = serviceDatabase();
        List<String> readable = new ArrayList<>();
        String masked;
        int birthYear;
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.ownerUsername(), db.ownerPassword())) {
            connection.createStatement().execute("set app.county = '621222'");
            try (ResultSet columns = connection.getMetaData().getColumns(null, "public", "member", null)) {
                while (columns.next()) {
                    readable.add(columns.getString("COLUMN_NAME"));
                }
            }
            assertThat(readable).doesNotContain("birth_date").contains("birth_year", "resident_id_masked");
            try (ResultSet row = connection.createStatement().executeQuery(
                    "select * from member where resident_id_masked = '" + id.substring(0, 6) + "********" + id.substring(14) + "'")) {
                assertThat(row.next()).isTrue();
                StringBuilder everything = new StringBuilder();
                for (String column : readable) {
                    Object value = row.getObject(column);
                    if (value != null && !(value instanceof byte[])) {
                        everything.append(value).append('|');
                    }
                }
                assertThat(everything.toString()).as("no readable column holds the number or its birth date")
                        .doesNotContain(id).doesNotContain("19630715").doesNotContain("1963-07-15");
                masked = row.getString("resident_id_masked");
                birthYear = row.getInt("birth_year");
            }
        }

        // What a reader of every readable column knows: the region, the birth year, the last four characters.
        List<String> candidates = new ArrayList<>();
        for (LocalDate day = LocalDate.of(birthYear, 1, 1); day.getYear() == birthYear; day = day.plusDays(1)) {
            String first17 = masked.substring(0, 6) + day.toString().replace("-", "") + masked.substring(14, 17);
            if (String.valueOf(ResidentId.checkCharacter(first17)).equals(masked.substring(17))) {
                candidates.add(first17 + masked.substring(17));
            }
        }
        assertThat(candidates).contains(id).hasSizeGreaterThan(10);

        // The API, masked: neither the number nor its birth date; the age from the year alone.
        get("/counties/621222/households?village=621222101201&limit=500", CLERK).expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).doesNotContain(id).doesNotContain("19630715"));
        post("/counties/621222/households/lookup", CLERK, java.util.Map.of("residentId", id)).expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain(id).doesNotContain("1963-07-15")
                        .contains("\"age\":" + (LocalDate.now().getYear() - 1963)));
    }
}
