package org.povertyalleviation.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.sample.SampleServiceIT;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/** The platform's session limits on the service's own connections, and what a request sees when one fires. */
class DatabaseSessionsIT extends SampleServiceIT {

    private static final CountyCode WEN = CountyCode.of("621222");

    @Autowired
    DatabaseClient database;
    @Autowired
    TenantTransactions tenantTransactions;
    @Autowired
    io.r2dbc.spi.ConnectionFactory connections;
    @Autowired
    org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties r2dbc;

    @Test
    void every_session_of_the_service_starts_with_the_platforms_limits() {
        assertThat(show("statement_timeout")).isEqualTo("30s");
        assertThat(show("lock_timeout")).isEqualTo("5s");
        assertThat(show("idle_in_transaction_session_timeout")).isEqualTo("1min");
    }

    @Test
    void a_statement_over_its_limit_is_cancelled_and_answered_as_a_503_at_once() {
        long started = System.nanoTime();

        web.get().uri("/samples/sleep?seconds=20&limit=1s").header("Authorization", "Bearer " + tokenFor("admin-621222"))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:poverty-platform:problem:service-unavailable")
                .jsonPath("$.reason").isEqualTo("statement-timeout");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        // The connection went back to the pool clean: the next session still has the platform's limit.
        assertThat(show("statement_timeout")).isEqualTo("30s");
    }

    @Test
    void a_write_waiting_for_a_row_another_transaction_holds_gives_up_after_the_lock_timeout_with_a_503() {
        UUID shipment = UUID.randomUUID();
        tenantTransactions.inCounty(WEN, () -> database.sql("insert into sample_shipment (id, county_code, product) values (:id, '621222', 'honey')")
                .bind("id", shipment).fetch().rowsUpdated()).block();
        // Another transaction holds the row for longer than lock_timeout (5 s).
        Disposable holder = tenantTransactions.inCounty(WEN, () -> database.sql("select id from sample_shipment where id = :id for update")
                .bind("id", shipment).fetch().first().then(Mono.delay(Duration.ofSeconds(12)))).subscribe();
        try {
            awaitLockHeld(shipment);
            long started = System.nanoTime();

            web.mutate().responseTimeout(Duration.ofSeconds(30)).build()
                    .put().uri("/counties/621222/shipments/{id}", shipment).header("Authorization", "Bearer " + tokenFor("admin-621222"))
                    .header("Content-Type", "application/json").bodyValue("{\"product\":\"olive oil\"}")
                    .exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.reason").isEqualTo("lock-timeout");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(11));
        } finally {
            holder.dispose();
        }
    }

    @Test
    void a_request_that_finds_every_connection_busy_gives_up_after_the_acquire_time_with_a_503() {
        int poolSize = r2dbc.getPool().getMaxSize();
        // Every connection of the pool held for longer than max-acquire-time (5 s).
        Disposable holders = reactor.core.publisher.Flux.range(0, poolSize)
                .flatMap(i -> Mono.usingWhen(connections.create(), connection -> Mono.delay(Duration.ofSeconds(12)),
                        connection -> Mono.from(connection.close())), poolSize)
                .subscribe();
        try {
            awaitPoolExhausted(poolSize);
            long started = System.nanoTime();

            web.mutate().responseTimeout(Duration.ofSeconds(30)).build()
                    .get().uri("/counties/621222/shipments/{id}", UUID.randomUUID()).header("Authorization", "Bearer " + tokenFor("admin-621222"))
                    .exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals("Retry-After", "5")
                    .expectBody().jsonPath("$.reason").isEqualTo("connections-busy");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(11));
        } finally {
            holders.dispose();
        }
    }

    @Test
    void a_request_while_the_database_is_away_and_those_meeting_its_dead_connections_after_get_a_503_never_a_500() {
        String token = tokenFor("admin-621222");
        UUID shipment = UUID.randomUUID();
        // The pool holds connections the restart will close under it.
        web.get().uri("/counties/621222/shipments/{id}", shipment).header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isNotFound();

        org.povertyalleviation.platform.infra.SharedInfrastructure.postgres().stop();
        try {
            web.get().uri("/counties/621222/shipments/{id}", shipment).header("Authorization", "Bearer " + token).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals("Retry-After", "5")
                    .expectBody().jsonPath("$.reason").isEqualTo("database-unavailable");
        } finally {
            org.povertyalleviation.platform.infra.SharedInfrastructure.postgres().restart();
        }

        // Each pooled connection the restart closed is found dead only when handed out: a request that meets them gets
        // the same 503 (never a 500) until the pool has replaced them, within a pool's worth of requests.
        int answered = 0;
        for (int i = 0; i < r2dbc.getPool().getMaxSize() + 3 && answered < 3; i++) {
            var result = web.get().uri("/counties/621222/shipments/{id}", shipment).header("Authorization", "Bearer " + token).exchange()
                    .expectBody(String.class).returnResult();
            if (result.getStatus().value() == 404) {
                answered++;
            } else {
                assertThat(result.getStatus().value()).as(result.getResponseBody()).isEqualTo(503);
                assertThat(result.getResponseBody()).contains("database-unavailable");
            }
        }
        assertThat(answered).isEqualTo(3);
    }

    private void awaitPoolExhausted(int poolSize) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (((io.r2dbc.pool.ConnectionPool) connections).getMetrics().orElseThrow().acquiredSize() >= poolSize) {
                return;
            }
            Mono.delay(Duration.ofMillis(50)).block();
        }
        throw new AssertionError("the pool's " + poolSize + " connections were never all held");
    }

    private void awaitLockHeld(UUID shipment) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Long locks = database.sql("select count(*) from pg_stat_activity where state = 'idle in transaction' and query like '%sample_shipment where id = $1 for update'")
                    .map(row -> row.get(0, Long.class)).one().block();
            if (locks != null && locks > 0) {
                return;
            }
            Mono.delay(Duration.ofMillis(50)).block();
        }
        throw new AssertionError("the holding transaction never took its lock on " + shipment);
    }

    private String show(String setting) {
        return database.sql("show " + setting).map(row -> row.get(0, String.class)).one().block();
    }
}
