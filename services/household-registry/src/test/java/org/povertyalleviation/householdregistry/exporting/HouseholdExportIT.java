package org.povertyalleviation.householdregistry.exporting;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

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
    void a_client_reading_slowly_holds_no_transaction_open_while_it_reads() throws InterruptedException {
        String village = "621224103202";
        String prefix = "EXP-SLOW-";
        UUID template = template(village, prefix + "00000");
        ExportFiles.copies(tenantTransactions, database, KANG, template, prefix, 6_000);
        AtomicLong longestTransaction = new AtomicLong();
        List<String> idleInTransaction = new ArrayList<>();
        // Every 100 ms: the service's oldest open transaction, and any of its sessions idle in one for over a second.
        Disposable watch = Flux.interval(Duration.ofMillis(100)).concatMap(tick -> database.sql("""
                        select coalesce(max(extract(epoch from now() - xact_start) * 1000), 0)::bigint as oldest,
                               string_agg(case when state = 'idle in transaction' and now() - state_change > interval '1 second'
                                               then left(query, 60) end, ' | ') as idle
                          from pg_stat_activity
                         where usename = current_user and pid <> pg_backend_pid() and xact_start is not null""")
                .map(row -> {
                    longestTransaction.accumulateAndGet(row.get("oldest", Long.class), Math::max);
                    String idle = row.get("idle", String.class);
                    if (idle != null) {
                        synchronized (idleInTransaction) {
                            idleInTransaction.add(idle);
                        }
                    }
                    return true;
                }).one()).subscribe();
        try {
            long started = System.nanoTime();
            AtomicLong bytes = new AtomicLong();
            // A client that takes one buffer at a time and pauses after each: the socket's buffers fill and the server
            // waits on it, as it would on a clerk's slow line.
            WebClient.create("http://127.0.0.1:" + port).get().uri("/counties/" + KANG + "/exports/households.csv?village=" + village)
                    .header("Authorization", "Bearer " + tokenFor("admin-" + KANG))
                    .retrieve().bodyToFlux(DataBuffer.class)
                    .limitRate(1)
                    .concatMap(buffer -> {
                        bytes.addAndGet(buffer.readableByteCount());
                        DataBufferUtils.release(buffer);
                        return reactor.core.publisher.Mono.delay(Duration.ofMillis(20)).thenReturn(true);
                    }, 1)
                    .blockLast(Duration.ofMinutes(3));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(bytes.get()).as("the export was downloaded").isGreaterThan(6_000L * 80);
            assertThat(took).as("the download was slow").isGreaterThan(Duration.ofSeconds(3));
            assertThat(Duration.ofMillis(longestTransaction.get())).as("the longest transaction while it read").isLessThan(Duration.ofSeconds(2));
            synchronized (idleInTransaction) {
                assertThat(idleInTransaction).isEmpty();
            }
        } finally {
            watch.dispose();
            ExportFiles.remove(tenantTransactions, database, KANG, prefix);
        }
    }

    private UUID template(String village, String fileNumber) {
        Map<String, Object> household = registration(KANG, fileNumber, residentId(KANG));
        household.put("village", village);
        return UUID.fromString(register(KANG, household));
    }
}
