package org.povertyalleviation.platform.tenancy;

import org.povertyalleviation.platform.domain.CountyCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.infra.PostgresServer;
import org.povertyalleviation.platform.infra.SharedInfrastructure;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

class TenantTransactionsIT {

    private static final CountyCode WEN = CountyCode.of("621222");
    private static final CountyCode KANG = CountyCode.of("621224");

    private ConnectionPool pool;
    private DatabaseClient database;
    private TenantTransactions tenantTransactions;

    /** A pool of exactly one connection: whatever a transaction leaves behind, the next borrower sees. */
    @BeforeEach
    void singleConnectionPool() {
        PostgresServer.Database db = SharedInfrastructure.postgres().database("tenancy_check");
        pool = new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(
                db.r2dbcUrl().replace("r2dbc:postgresql://", "r2dbc:postgresql://" + db.appUsername() + ":" + db.appPassword() + "@")))
                .initialSize(1).maxSize(1).build());
        database = DatabaseClient.create(pool);
        tenantTransactions = new TenantTransactions(database, TransactionalOperator.create(new R2dbcTransactionManager(pool)));
    }

    @AfterEach
    void closePool() {
        pool.dispose();
    }

    @Test
    void the_county_is_set_inside_the_transaction() {
        String seen = tenantTransactions.inCounty(WEN, this::currentCountySetting).block().orElseThrow();

        assertThat(seen).isEqualTo("621222");
    }

    @Test
    void the_county_comes_from_the_reactor_context() {
        String seen = tenantTransactions.inCurrentCounty(this::currentCountySetting)
                .contextWrite(TenantContext.withCounty(KANG)).block().orElseThrow();

        assertThat(seen).isEqualTo("621224");
    }

    @Test
    void the_county_is_cleared_after_commit_on_the_same_connection() {
        tenantTransactions.inCounty(WEN, this::currentCountySetting).block();

        assertThat(currentCountySetting().block()).isEmpty();
    }

    @Test
    void the_county_is_cleared_after_rollback_on_the_same_connection() {
        Mono<Object> failing = tenantTransactions.inCounty(WEN, () -> currentCountySetting()
                .then(Mono.error(new IllegalStateException("domain rule refused"))));

        assertThatThrownBy(failing::block).hasMessageContaining("domain rule refused");
        assertThat(currentCountySetting().block()).isEmpty();
    }

    @Test
    void work_without_a_county_in_the_context_is_refused() {
        assertThatThrownBy(() -> tenantTransactions.inCurrentCounty(this::currentCountySetting).block())
                .isInstanceOf(TenantContext.MissingCountyException.class);
    }

    @Test
    void work_for_another_county_cannot_be_nested_in_a_countys_transaction() {
        Mono<Optional<String>> nested = tenantTransactions.inCounty(WEN,
                () -> tenantTransactions.inCounty(KANG, this::currentCountySetting));

        assertThatThrownBy(nested::block).hasMessageContaining("nested in a transaction for county 621222");
    }

    @Test
    void work_for_the_same_county_may_be_nested() {
        String seen = tenantTransactions.inCounty(WEN, () -> tenantTransactions.inCounty(WEN, this::currentCountySetting))
                .block().orElseThrow();

        assertThat(seen).isEqualTo("621222");
    }

    @Test
    void consecutive_transactions_for_different_counties_each_see_their_own() {
        String first = tenantTransactions.inCounty(WEN, this::currentCountySetting).block().orElseThrow();
        String second = tenantTransactions.inCounty(KANG, this::currentCountySetting).block().orElseThrow();

        assertThat(first).isEqualTo("621222");
        assertThat(second).isEqualTo("621224");
    }

    /** The setting as row-level security policies read it; empty when no county is set. */
    private Mono<Optional<String>> currentCountySetting() {
        return database.sql("select coalesce(current_setting('app.county', true), '') as county")
                .map(row -> Optional.ofNullable(row.get("county", String.class)).filter(s -> !s.isEmpty()))
                .one();
    }
}
