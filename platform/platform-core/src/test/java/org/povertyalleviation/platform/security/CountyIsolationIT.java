package org.povertyalleviation.platform.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.infra.PostgresServer;
import org.povertyalleviation.platform.infra.SharedInfrastructure;
import org.povertyalleviation.platform.isolation.CountyIsolation;
import org.povertyalleviation.platform.sample.SampleServiceIT;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/** The isolation kit, run the way every service runs it, and shown to catch a leaking endpoint. */
class CountyIsolationIT extends SampleServiceIT {

    @Autowired
    TenantTransactions tenantTransactions;
    @Autowired
    DatabaseClient database;

    @Test
    void county_a_never_reads_lists_changes_or_deletes_county_bs_shipment() {
        UUID kangShipment = shipmentOf("621224");
        shipmentOf("621222");

        kit(kangShipment)
                .endpoint("GET", "/counties/{county}/shipments/{id}")
                .endpoint("PUT", "/counties/{county}/shipments/{id}", "{\"product\":\"stolen\"}")
                .endpoint("DELETE", "/counties/{county}/shipments/{id}")
                .listing("/counties/{county}/shipments")
                .assertIsolated();
    }

    @Test
    void the_kit_catches_an_endpoint_that_skips_the_access_check() {
        UUID kangShipment = shipmentOf("621224");

        assertThatThrownBy(() -> kit(kangShipment)
                .endpoint("GET", "/counties/{county}/shipments/{id}")
                .endpoint("GET", "/broken/by-county/{county}/shipments/{id}")
                .assertIsolated())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /broken/by-county/621224/shipments/" + kangShipment + " as county 621222 answered 200");
    }

    @Test
    void the_kit_catches_a_listing_that_shows_another_countys_record() {
        UUID kangShipment = shipmentOf("621224");

        assertThatThrownBy(() -> kit(kangShipment)
                .endpoint("GET", "/counties/{county}/shipments/{id}")
                .listing("/broken/all-shipments?county={county}")
                .assertIsolated())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("lists county 621224's record " + kangShipment);
    }

    @Test
    void the_kit_catches_a_write_that_answers_404_but_changed_the_record() {
        UUID kangShipment = shipmentOf("621224");

        assertThatThrownBy(() -> kit(kangShipment)
                .endpoint("GET", "/counties/{county}/shipments/{id}")
                .endpoint("PUT", "/broken/shipments/{id}", "{\"product\":\"stolen\"}")
                .assertIsolated())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("county 621224's record " + kangShipment + " changed")
                .hasMessageNotContaining("answered");
    }

    @Test
    void raw_sql_as_the_service_role_sees_no_tenant_rows_without_a_county() throws Exception {
        shipmentOf("621222");
        PostgresServer.Database db = SharedInfrastructure.postgres().database("platform_core");
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.appUsername(), db.appPassword())) {
            CountyIsolation.assertEveryTenantTableIsolated(connection);
        }
    }

    @Test
    void the_kit_catches_a_tenant_table_without_row_level_security() throws Exception {
        PostgresServer.Database db = SharedInfrastructure.postgres().database("isolation_negative");
        try (Connection owner = DriverManager.getConnection(db.jdbcUrl(), db.ownerUsername(), db.ownerPassword());
             var statement = owner.createStatement()) {
            statement.execute("create table if not exists leaky (id int, county_code char(6))");
            statement.execute("grant select on leaky to " + db.appUsername());
            statement.execute("insert into leaky values (1, '621222')");
        }
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.appUsername(), db.appPassword())) {
            assertThatThrownBy(() -> CountyIsolation.assertEveryTenantTableIsolated(connection))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("leaky has no forced row-level security")
                    .hasMessageContaining("leaky shows 1 rows with no county set");
        }
    }

    @Test
    void the_kit_catches_an_extra_policy_that_opens_a_table() throws Exception {
        PostgresServer.Database db = SharedInfrastructure.postgres().database("isolation_policy");
        try (Connection owner = DriverManager.getConnection(db.jdbcUrl(), db.ownerUsername(), db.ownerPassword());
             var statement = owner.createStatement()) {
            statement.execute("create table if not exists opened (id int, county_code char(6))");
            statement.execute("alter table opened enable row level security");
            statement.execute("alter table opened force row level security");
            statement.execute("drop policy if exists everyone on opened");
            statement.execute("create policy everyone on opened using (true)");
            statement.execute("grant select on opened to " + db.appUsername());
        }
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.appUsername(), db.appPassword())) {
            assertThatThrownBy(() -> CountyIsolation.assertEveryTenantTableIsolated(connection))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("opened does not have exactly the county policies");
        }
    }

    private CountyIsolation kit(UUID foreignShipment) {
        return CountyIsolation.of("http://127.0.0.1:" + port)
                .actingAs("621222", tokenFor("admin-621222"))
                .foreignRecord("621224", foreignShipment.toString(), tokenFor("admin-621224"));
    }

    private UUID shipmentOf(String county) {
        UUID id = UUID.randomUUID();
        tenantTransactions.inCounty(CountyCode.of(county), () -> database
                .sql("insert into sample_shipment (id, county_code, product) values (:id, :county, 'pepper')")
                .bind("id", id).bind("county", county).fetch().rowsUpdated()).block();
        return id;
    }
}
