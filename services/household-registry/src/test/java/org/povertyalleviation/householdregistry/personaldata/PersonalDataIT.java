package org.povertyalleviation.householdregistry.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.registration;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.residentId;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.householdregistry.HouseholdRegistryIT;
import org.povertyalleviation.householdregistry.personaldata.PersonalDataCipher.Field;
import org.povertyalleviation.platform.infra.PostgresServer;
import org.povertyalleviation.platform.infra.SharedInfrastructure;

/** Personal data at rest: encrypted in the database, and re-sealed with the new key after a rotation. */
class PersonalDataIT extends HouseholdRegistryIT {

    @Test
    void resident_ids_and_phones_are_stored_encrypted_never_in_clear() throws Exception {
        String head = residentId("621222", "19700707");
        String id = register(registration("621222", "PD-1", head));

        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            statement.execute("select set_config('app.county', '621222', false)");
            ResultSet row = statement.executeQuery("select resident_id_cipher, phone_cipher, resident_id_masked, pii_key from member"
                    + " where household_id = '" + id + "'");
            assertThat(row.next()).isTrue();
            assertThat(new String(row.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(head).doesNotContain("19700707");
            assertThat(new String(row.getBytes(2), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("13812345678");
            assertThat(row.getString(3)).isEqualTo(head.substring(0, 6) + "********" + head.substring(14));
            assertThat(row.getString(4)).isEqualTo("k1");
        }
    }

    @Test
    void after_a_rotation_the_operator_reseals_rows_of_the_old_key_and_they_still_open() throws Exception {
        String head = residentId("621222", "19710808");
        String id = register(registration("621222", "PD-2", head));
        // As if the row had been written while k0 was the active key.
        PersonalDataCipher old = new PersonalDataCipher(new PersonalDataProperties(Map.of("k1", TEST_KEY), "k0", OLD_KEY, TEST_LOOKUP_KEY, List.of()));
        try (Connection connection = connection();
             PreparedStatement update = connection.prepareStatement("update member set resident_id_cipher = ?, phone_cipher = ?, pii_key = 'k0'"
                     + " where household_id = ?::uuid")) {
            connection.createStatement().execute("select set_config('app.county', '621222', false)");
            update.setBytes(1, old.seal("621222", Field.RESIDENT_ID, head));
            update.setBytes(2, old.seal("621222", Field.PHONE, "13812345678"));
            update.setString(3, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        unmaskedResidentId(id, head);

        web.post().uri("/personal-data/reseal").header("Authorization", "Bearer " + tokenFor("admin-621222")).exchange()
                .expectStatus().isForbidden();
        web.post().uri("/personal-data/reseal").header("Authorization", "Bearer " + tokenFor("operator")).exchange()
                .expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).containsPattern("\\{\"county\":\"621222\",\"members\":[1-9]\\d*}"));

        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            statement.execute("select set_config('app.county', '621222', false)");
            ResultSet count = statement.executeQuery("select count(*) from member where pii_key <> 'k1'");
            count.next();
            assertThat(count.getLong(1)).isZero();
        }
        unmaskedResidentId(id, head);
    }

    private void unmaskedResidentId(String household, String expected) {
        web.get().uri("/counties/621222/households/" + household + "?unmasked=true").header("Authorization", "Bearer " + tokenFor("admin-621222"))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.members[0].residentId").isEqualTo(expected)
                .jsonPath("$.members[0].phone").isEqualTo("13812345678");
    }

    private static Connection connection() throws Exception {
        PostgresServer.Database db = serviceDatabase();
        return DriverManager.getConnection(db.jdbcUrl(), db.appUsername(), db.appPassword());
    }

    private String register(Map<String, Object> request) {
        return register("621222", request);
    }
}
