package org.povertyalleviation.platform.tenancy;

import org.povertyalleviation.platform.domain.CountyCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.sample.SampleServiceIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/** The database itself keeps counties apart, whatever the service's code does. */
class RowLevelSecurityIT extends SampleServiceIT {

    private static final CountyCode WEN = CountyCode.of("621222");
    private static final CountyCode KANG = CountyCode.of("621224");
    private static final CountyCode HUI = CountyCode.of("621227");

    @Autowired
    TenantTransactions tenantTransactions;
    @Autowired
    DatabaseClient database;

    @Test
    void the_service_connects_as_a_role_that_owns_nothing_and_cannot_bypass_row_level_security() {
        var role = database.sql("""
                        select r.rolsuper, r.rolbypassrls,
                               (select count(*) from pg_tables t where t.tableowner = current_user) as owned
                          from pg_roles r where r.rolname = current_user""")
                .map(row -> List.of(row.get("rolsuper", Boolean.class), row.get("rolbypassrls", Boolean.class), row.get("owned", Long.class) > 0))
                .one().block();

        assertThat(role).containsExactly(false, false, false);
    }

    @Test
    void a_county_sees_its_own_rows_and_never_another_countys_even_by_id() {
        UUID wenShipment = insert(WEN, WEN);
        UUID kangShipment = insert(KANG, KANG);

        assertThat(idsVisibleTo(WEN)).contains(wenShipment).doesNotContain(kangShipment);
        assertThat(tenantTransactions.inCounty(WEN, () -> database.sql("select count(*) from sample_shipment where id = :id")
                .bind("id", kangShipment).map(row -> row.get(0, Long.class)).one()).block()).isZero();
    }

    @Test
    void a_county_can_neither_update_nor_delete_another_countys_rows() {
        UUID kangShipment = insert(KANG, KANG);

        long updated = tenantTransactions.inCounty(WEN, () -> database.sql("update sample_shipment set product = 'stolen' where id = :id")
                .bind("id", kangShipment).fetch().rowsUpdated()).block();
        long deleted = tenantTransactions.inCounty(WEN, () -> database.sql("delete from sample_shipment where id = :id")
                .bind("id", kangShipment).fetch().rowsUpdated()).block();

        assertThat(updated).isZero();
        assertThat(deleted).isZero();
        assertThat(idsVisibleTo(KANG)).contains(kangShipment);
    }

    @Test
    void a_county_cannot_write_a_row_for_another_county() {
        assertThatThrownBy(() -> insert(WEN, KANG)).hasMessageContaining("row-level security");
    }

    @Test
    void without_a_county_nothing_is_visible_and_nothing_can_be_written() {
        insert(WEN, WEN);

        long visible = database.sql("select count(*) from sample_shipment").map(row -> row.get(0, Long.class)).one().block();
        assertThat(visible).isZero();
        assertThatThrownBy(() -> database.sql("insert into sample_shipment (id, county_code, product) values (:id, '621222', 'honey')")
                .bind("id", UUID.randomUUID()).fetch().rowsUpdated().block())
                .hasMessageContaining("row-level security");
    }

    @Test
    void reading_across_counties_shows_exactly_those_counties() {
        UUID wenShipment = insert(WEN, WEN);
        UUID kangShipment = insert(KANG, KANG);
        UUID huiShipment = insert(HUI, HUI);

        List<UUID> seen = tenantTransactions.readAcross(List.of(WEN, KANG), () -> database.sql("select id from sample_shipment")
                .map(row -> row.get("id", UUID.class)).all()).collectList().block();

        assertThat(seen).contains(wenShipment, kangShipment).doesNotContain(huiShipment);
    }

    @Test
    void a_read_across_counties_can_write_none_of_them() {
        UUID wenShipment = insert(WEN, WEN);

        long updated = tenantTransactions.readAcross(List.of(WEN, KANG), () -> database
                .sql("update sample_shipment set product = 'changed across' where id = :id").bind("id", wenShipment)
                .fetch().rowsUpdated().flux()).blockFirst();
        long deleted = tenantTransactions.readAcross(List.of(WEN, KANG), () -> database
                .sql("delete from sample_shipment where id = :id").bind("id", wenShipment)
                .fetch().rowsUpdated().flux()).blockFirst();

        assertThat(updated).isZero();
        assertThat(deleted).isZero();
        assertThatThrownBy(() -> tenantTransactions.readAcross(List.of(WEN, KANG), () -> database
                .sql("insert into sample_shipment (id, county_code, product) values (:id, '621222', 'x')")
                .bind("id", UUID.randomUUID()).fetch().rowsUpdated().flux()).blockFirst())
                .hasMessageContaining("row-level security");
        assertThat(idsVisibleTo(WEN)).contains(wenShipment);
    }

    @Test
    void county_work_cannot_be_nested_in_a_read_across_nor_the_other_way() {
        assertThatThrownBy(() -> tenantTransactions.readAcross(List.of(WEN, KANG),
                () -> tenantTransactions.manyInCounty(KANG, () -> database.sql("select 1").map(row -> 1).all())).blockLast())
                .hasMessageContaining("nested in a read across");
        assertThatThrownBy(() -> tenantTransactions.inCounty(WEN,
                () -> tenantTransactions.readAcross(List.of(WEN, KANG), () -> database.sql("select 1").map(row -> 1).all()).then()).block())
                .hasMessageContaining("cannot run inside another county transaction");
    }

    private UUID insert(CountyCode actingFor, CountyCode rowCounty) {
        UUID id = UUID.randomUUID();
        tenantTransactions.inCounty(actingFor, () -> database
                .sql("insert into sample_shipment (id, county_code, product) values (:id, :county, 'walnut')")
                .bind("id", id).bind("county", rowCounty.value()).fetch().rowsUpdated()).block();
        return id;
    }

    private List<UUID> idsVisibleTo(CountyCode county) {
        return tenantTransactions.inCounty(county, () -> database.sql("select id from sample_shipment")
                .map(row -> row.get("id", UUID.class)).all().collectList()).block();
    }

}
