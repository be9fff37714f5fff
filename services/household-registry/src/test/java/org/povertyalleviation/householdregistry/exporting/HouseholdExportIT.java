package org.povertyalleviation.householdregistry.exporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.member;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.registration;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.residentId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.householdregistry.HouseholdRegistryIT;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.beans.factory.annotation.Autowired;
import io.netty.channel.ChannelOption;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** The export reads the registry a page at a time, each page its own short transaction. Pages of 50 (HouseholdRegistryIT). */
class HouseholdExportIT extends HouseholdRegistryIT {

    private static final String KANG = "621224";

    @Autowired
    TenantTransactions tenantTransactions;
    @Autowired
    DatabaseClient database;

    @Test
    void an_export_of_several_pages_holds_every_household_once_in_file_number_order() {
        String village = "621224102202";
        String prefix = "EXP-ORDER-";
        UUID template = template(village, prefix + "00000");
        ExportFiles.copies(tenantTransactions, database, KANG, template, prefix, 170);
        try {
            String csv = get("/counties/" + KANG + "/exports/households.csv?village=" + village, "admin-" + KANG)
                    .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

            List<String> fileNumbers = ExportFiles.fileNumbers(csv);
            // One head a household (the template has no other member): 171 rows, four pages, none repeated or lost.
            assertThat(fileNumbers.stream().filter(number -> number.startsWith(prefix)).toList())
                    .containsExactlyElementsOf(IntStream.rangeClosed(0, 170).mapToObj(n -> prefix + String.format("%05d", n)).toList());
            // The whole village's export: in file-number order, each household's rows together.
            assertThat(fileNumbers).isSorted();
            assertThat(ExportFiles.households(fileNumbers)).doesNotHaveDuplicates();
        } finally {
            ExportFiles.remove(tenantTransactions, database, KANG, prefix);
        }
    }

    @Test
    void a_client_that_stops_reading_holds_no_transaction_open_while_it_does() {
        String village = "621224103202";
        String prefix = "EXP-SLOW-";
        // 2,001 households of five, about 40 pages.
        Map<String, Object> household = registration(KANG, prefix + "00000", residentId(KANG),
                member("李四", "SPOUSE", residentId(KANG, "19820101")), member("张小一", "CHILD", residentId(KANG, "20080101")),
                member("张小二", "CHILD", residentId(KANG, "20100101")), member("张小三", "CHILD", residentId(KANG, "20120101")));
        household.put("village", village);
        UUID template = UUID.fromString(register(KANG, household));
        ExportFiles.copies(tenantTransactions, database, KANG, template, prefix, 2_000);
        try {
            AtomicLong lines = new AtomicLong();
            AtomicLong longestTransaction = new AtomicLong();
            List<String> idleInTransaction = new ArrayList<>();
            // A client with a small receive buffer that takes the first part, then reads nothing for 6 s (meanwhile the
            // registry's sessions are watched), then the rest: however much the buffers between them hold, no
            // transaction of the registry may stay open while the client does not read.
            HttpClient.create().option(ChannelOption.SO_RCVBUF, 8192)
                    .headers(headers -> headers.add("Authorization", "Bearer " + tokenFor("admin-" + KANG)))
                    .get().uri("http://127.0.0.1:" + port + "/counties/" + KANG + "/exports/households.csv?village=" + village)
                    .responseContent().asByteArray()
                    .concatMap(bytes -> {
                        boolean first = lines.get() == 0;
                        for (byte b : bytes) {
                            if (b == '\n') {
                                lines.incrementAndGet();
                            }
                        }
                        return first ? Mono.delay(Duration.ofSeconds(1))
                                .thenMany(Flux.interval(Duration.ofMillis(250)).take(20)
                                        .concatMap(tick -> watch(longestTransaction, idleInTransaction)))
                                .then(Mono.just(true)) : Mono.just(true);
                    }, 1)
                    .blockLast(Duration.ofMinutes(3));

            assertThat(lines.get()).as("every row arrived").isGreaterThan(2_001L * 5);
            assertThat(Duration.ofMillis(longestTransaction.get())).as("the registry's longest transaction while the client did not read")
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(idleInTransaction).isEmpty();
        } finally {
            ExportFiles.remove(tenantTransactions, database, KANG, prefix);
        }
    }

    /** Records the age of the registry's oldest open transaction, and any session idle in one for over a second. */
    private Mono<Boolean> watch(AtomicLong longestTransaction, List<String> idleInTransaction) {
        return database.sql("""
                        select coalesce(max(extract(epoch from now() - xact_start) * 1000), 0)::bigint as oldest,
                               string_agg(case when state = 'idle in transaction' and now() - state_change > interval '1 second'
                                               then left(query, 60) end, ' | ') as idle
                          from pg_stat_activity
                         where usename = current_user and pid <> pg_backend_pid() and xact_start is not null""")
                .map(row -> {
                    longestTransaction.accumulateAndGet(row.get("oldest", Long.class), Math::max);
                    String idle = row.get("idle", String.class);
                    if (idle != null) {
                        idleInTransaction.add(idle);
                    }
                    return true;
                }).one();
    }

    private UUID template(String village, String fileNumber) {
        Map<String, Object> household = registration(KANG, fileNumber, residentId(KANG));
        household.put("village", village);
        return UUID.fromString(register(KANG, household));
    }
}
