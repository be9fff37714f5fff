package org.povertyalleviation.householdregistry.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.povertyalleviation.householdregistry.HouseholdRegistryIT;
import org.povertyalleviation.householdregistry.household.domain.ResidentId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.JsonNode;

/**
 * Hostile and broken household files, concurrent uploads, a watchdog that fails a running job and a replica that
 * stops, against the real database: each ends as a clear problem or a FAILED job with its reason, holds the
 * service's heap within a bound, and leaves nothing half-written. Heap figures are printed for docs/performance.md.
 */
class ImportBoundsIT extends HouseholdRegistryIT {

    private static final long HEAP_BOUND_MIB = 256;
    private static final String KANG = "admin-621224";

    @Autowired
    ImportWatchdog watchdog;
    @Autowired
    ImportWorkers workers;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void a_zip_bomb_fails_its_job_before_it_inflates_and_writes_nothing() throws IOException {
        // 1 GiB of markup that deflates about a thousandfold: a valid household row first, so that only the bound refuses it.
        Resource bomb = GeneratedFile.written("bomb.xlsx", out -> HouseholdFileMother.workbook(out, w -> {
            w.write(row(2, "BOMB-1", id(1, 901)));
            String noise = "<x/>".repeat(1 << 14);
            for (int i = 0; i < (1 << 30) / noise.length(); i++) {
                w.write(noise);
            }
        }, w -> w.write("<si><t>unused</t></si>")));
        assertThat(bomb.contentLength()).isLessThan(4L << 20);

        try (HeapWatch heap = HeapWatch.start()) {
            String job = awaitFinished(upload("621222", CLERK, bomb));
            report("zip bomb (" + (bomb.contentLength() >> 10) + " KiB inflating to 1 GiB)", heap);
            assertThat(job).contains("\"status\":\"FAILED\"").contains("inflates to more than 100 times its compressed size")
                    .contains("\"householdsCreated\":0").contains("\"rowsRead\":0");
        }
        assertThat(households("BOMB-")).isZero();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void a_workbook_with_more_shared_strings_than_allowed_fails_and_writes_nothing() throws IOException {
        // Distinct strings, so that the table does not deflate beyond the inflation bound: it is refused for its size.
        // The row names the last string: a reader without the bound would read and keep the whole table to find it.
        Resource workbook = GeneratedFile.written("strings.xlsx", out -> HouseholdFileMother.workbook(out,
                w -> w.write(row(2, "SST-1", id(2, 902)).replace("</row>", "<c r=\"T2\" t=\"s\"><v>1000000</v></c></row>")),
                w -> {
                    for (int i = 0; i <= 1_000_000; i++) {
                        w.write("<si><t>" + Integer.toString(i * 7919, 36) + "</t></si>");
                    }
                }));

        try (HeapWatch heap = HeapWatch.start()) {
            String job = awaitFinished(upload("621222", CLERK, workbook));
            report("shared strings (1,000,001, " + (workbook.contentLength() >> 20) + " MiB)", heap);
            assertThat(job).contains("\"status\":\"FAILED\"").contains("more than 1000000 shared strings")
                    .contains("\"householdsCreated\":0");
        }
        assertThat(households("SST-")).isZero();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_quote_never_closed_fails_naming_its_line_and_writes_none_of_the_good_rows_before_it() {
        StringBuilder csv = new StringBuilder(HouseholdFileMother.HEADER).append('\n');
        for (int i = 0; i < 1000; i++) {
            csv.append(HouseholdFileMother.household("QUOTE-" + String.format("%04d", i), id(i, 903)));
        }
        // Line 1002 opens a quote that nothing closes: every row after it would become one cell.
        csv.append("QUOTE-X,621222101202,2019,HEAD,\"王五,").append(id(1001, 903)).append('\n');
        for (int i = 0; i < 20_000; i++) {
            csv.append(HouseholdFileMother.household("QUOTE-Y" + i, id(2000 + i, 903)));
        }

        String job = awaitFinished(idOf(upload("621222", CLERK, "quote.csv", csv.toString()).expectStatus().isAccepted()
                .expectBody(String.class).returnResult().getResponseBody()));

        assertThat(job).contains("\"status\":\"FAILED\"").contains("line 1002 is longer than 65536 characters (a quoted cell is not closed)")
                .contains("\"householdsCreated\":0");
        assertThat(households("QUOTE-")).isZero();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void a_100_mb_line_fails_its_job_within_the_heap_bound() {
        long size = 100L << 20;
        Resource endless = GeneratedFile.streamed("endless.csv", size, out -> {
            byte[] header = (HouseholdFileMother.HEADER + "\nENDLESS-1,").getBytes(StandardCharsets.UTF_8);
            out.write(header);
            byte[] chunk = "a".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
            long left = size - header.length;
            while (left > 0) {
                int n = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, n);
                left -= n;
            }
        });

        try (HeapWatch heap = HeapWatch.start()) {
            String job = awaitFinished(upload("621222", CLERK, endless));
            report("100 MB line", heap);
            assertThat(job).contains("\"status\":\"FAILED\"").contains("line 2 is longer than 65536 characters")
                    .contains("\"householdsCreated\":0");
        }
        assertThat(households("ENDLESS-")).isZero();
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void a_million_rejected_rows_are_all_counted_the_first_ten_thousand_listed_within_the_heap_bound() {
        int rows = 1_000_000;
        byte[] header = (HouseholdFileMother.HEADER + "\n").getBytes(StandardCharsets.UTF_8);
        long size = header.length + (long) rows * HouseholdFileMother.rejected("REJ-0000000").length();
        Resource file = GeneratedFile.streamed("rejected.csv", size, raw -> {
            java.io.OutputStream out = new java.io.BufferedOutputStream(raw, 1 << 16);
            out.write(header);
            for (int i = 0; i < rows; i++) {
                out.write(HouseholdFileMother.rejected(String.format("REJ-%07d", i)).getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        });

        long started = System.nanoTime();
        String job;
        try (HeapWatch heap = HeapWatch.start()) {
            job = awaitFinished(upload("621222", CLERK, file), Duration.ofSeconds(240));
            report("1,000,000 rejected rows (" + (size >> 20) + " MiB) in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s", heap);
        }

        assertThat(job).contains("\"status\":\"COMPLETED\"").contains("\"rowsRead\":1000000").contains("\"rowsRejected\":1000000")
                .contains("\"rejectionsListed\":10000").contains("\"householdsCreated\":0");
        String id = idOf(job);
        String last = get("/counties/621222/imports/" + id + "/rejections?after=0&limit=100", CLERK).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(last).contains("\"line\":2,").contains("REJ-0000000");
        assertThat(rejectionsStored(id)).isEqualTo(10_000);
        assertThat(households("REJ-")).isZero();
        // The CSV of all 10,000 is read a page at a time: complete, in line order, no line twice.
        // Read as raw buffers: the test client buffers a String body only up to 256 KB.
        String csv = get("/counties/621222/imports/" + id + "/rejections.csv", CLERK).expectStatus().isOk()
                .returnResult(org.springframework.core.io.buffer.DataBuffer.class).getResponseBody()
                .reduce(new java.io.ByteArrayOutputStream(), (bytes, buffer) -> {
                    byte[] chunk = new byte[buffer.readableByteCount()];
                    buffer.read(chunk);
                    org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                    bytes.writeBytes(chunk);
                    return bytes;
                })
                .map(bytes -> bytes.toString(StandardCharsets.UTF_8)).block(Duration.ofSeconds(60));
        java.util.List<String> lines = csv.lines().skip(1).toList();
        assertThat(lines).hasSize(10_000);
        assertThat(lines.get(0)).startsWith("2,REJ-0000000,");
        java.util.List<Integer> numbers = lines.stream().map(line -> Integer.parseInt(line.substring(0, line.indexOf(',')))).toList();
        assertThat(numbers).isSorted();
        assertThat(lines).doesNotHaveDuplicates();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_second_import_in_a_county_is_a_409_and_one_beyond_the_replicas_slots_a_429_until_they_end() throws Exception {
        String wenFile = HouseholdFileMother.HEADER + "\n" + HouseholdFileMother.household("LIMIT-1", id(1, 904));
        String kangFile = HouseholdFileMother.HEADER + "\n" + HouseholdFileMother.household("LIMIT-2", id(2, 904))
                .replace("621222101202", "621224101201");
        String wen;
        String kang;
        try (Connection lock = holdHouseholdWrites()) {
            wen = idOf(upload("621222", CLERK, "wen.csv", wenFile).expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody());
            awaitBlocked();

            JsonNode busy = problem(upload("621222", "admin-621222", "again.csv", wenFile).expectStatus().isEqualTo(409), null);
            assertThat(busy.path("reason").asString()).isEqualTo("import-running");
            assertThat(busy.path("field").asString()).isEqualTo("file");
            assertThat(busy.path("detail").asString()).contains(wen).contains("at most 1 at a time per county");

            kang = idOf(upload("621224", "admin-621224", "kang.csv", kangFile).expectStatus().isAccepted()
                    .expectBody(String.class).returnResult().getResponseBody());
            assertThat(workers.inUse()).isEqualTo(2);
            WebTestClient.ResponseSpec full = upload("621224", "admin-621224", "more.csv", kangFile).expectStatus().isEqualTo(429)
                    .expectHeader().valueEquals("Retry-After", "30");
            JsonNode capacity = problem(full, null);
            assertThat(capacity.path("type").asString()).isEqualTo("urn:poverty-platform:problem:rate-limited");
            assertThat(capacity.path("reason").asString()).isEqualTo("import-capacity");
            assertThat(capacity.path("detail").asString()).contains("at most 2 at a time per replica");
            lock.rollback();
        }

        assertThat(awaitFinished(wen)).contains("\"status\":\"COMPLETED\"").contains("\"householdsCreated\":1");
        assertThat(awaitFinished("621224", kang, "admin-621224")).contains("\"status\":\"COMPLETED\"");
        awaitSlotsFree();
        // The slots and the county's turn are free again.
        assertThat(awaitFinished(idOf(upload("621222", CLERK, "again.csv", wenFile).expectStatus().isAccepted()
                .expectBody(String.class).returnResult().getResponseBody()))).contains("\"householdsUnchanged\":1");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void the_watchdogs_failed_stops_the_worker_rolls_its_batch_back_and_never_turns_completed() throws Exception {
        String file = households("WATCH-", 600, 905);
        String job;
        CompletableFuture<List<String>> progress;
        try (Connection lock = holdHouseholdWrites()) {
            job = idOf(upload("621222", CLERK, "watched.csv", file).expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody());
            awaitBlocked();
            progress = CompletableFuture.supplyAsync(() -> web.get().uri("/counties/621222/imports/" + job + "/progress")
                    .header("Authorization", "Bearer " + tokenFor(CLERK)).accept(MediaType.TEXT_EVENT_STREAM).exchange()
                    .returnResult(String.class).getResponseBody().collectList().block(Duration.ofSeconds(60)));
            sql("621222", "update import_job set last_progress_at = now() - interval '16 minutes' where id = '" + job + "'");

            watchdog.failStalledImports();
            lock.rollback();
        }

        // The worker's first batch went on once the lock was gone, met the FAILED job and was rolled back.
        awaitSlotsFree();
        String failed = get("/counties/621222/imports/" + job, CLERK).expectBody(String.class).returnResult().getResponseBody();
        assertThat(failed).contains("\"status\":\"FAILED\"").contains("made no progress for 15 minutes")
                .contains("\"rowsRead\":0").contains("\"householdsCreated\":0");
        assertThat(households("WATCH-")).isZero();
        List<String> events = progress.get(30, TimeUnit.SECONDS);
        assertThat(events.get(events.size() - 1)).contains("\"status\":\"FAILED\"");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_stopping_replica_ends_its_import_at_a_batch_boundary_and_the_same_file_again_completes_it() throws Exception {
        // In Kang County: 700 more households in Wen would make its whole-county exports in ImportIT larger than they read.
        String file = households("STOP-", 700, 906).replace(",621222101202,", ",621224101201,");
        String job;
        CompletableFuture<Void> stopping;
        try (Connection lock = holdHouseholdWrites()) {
            job = idOf(upload("621224", KANG, "stopped.csv", file).expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody());
            awaitBlocked();
            // What SIGTERM does in a rolling update: the lifecycle stops the workers before the pools close.
            stopping = CompletableFuture.runAsync(workers::stop);
            while (workers.isRunning()) {
                sleep(10);
            }
            sleep(100);
            lock.rollback();
        }
        try {
            stopping.get(30, TimeUnit.SECONDS);
            String stopped = get("/counties/621224/imports/" + job, KANG).expectBody(String.class).returnResult().getResponseBody();
            assertThat(stopped).contains("\"status\":\"FAILED\"").contains("the replica running the import was stopped")
                    .contains("importing the file again completes it").contains("\"rowsRead\":500").contains("\"householdsCreated\":500");
            assertThat(households("STOP-", "621224")).isEqualTo(500);
            assertThat(problem(upload("621224", KANG, "refused.csv", file).expectStatus().isEqualTo(429), null).path("detail").asString())
                    .contains("this replica is stopping");
        } finally {
            workers.start();
        }

        String again = awaitFinished("621224", idOf(upload("621224", KANG, "stopped.csv", file).expectStatus().isAccepted()
                .expectBody(String.class).returnResult().getResponseBody()), KANG);
        assertThat(again).contains("\"status\":\"COMPLETED\"").contains("\"householdsCreated\":200").contains("\"householdsUnchanged\":500");
        assertThat(households("STOP-", "621224")).isEqualTo(700);
        // After its first batch an import refreshes the planner's statistics (the service's role may: V6's MAINTAIN).
        assertThat(count("select count(*) from pg_stat_user_tables where relname in ('household', 'member') and last_analyze is not null", null))
                .isEqualTo(2);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void at_start_up_an_import_whose_replica_is_gone_is_failed_with_the_reason_and_a_live_one_is_left_running() throws Exception {
        String gone = java.util.UUID.randomUUID().toString();
        String live = java.util.UUID.randomUUID().toString();
        sql("621224", "insert into import_job (county_code, id, file_name, format, status, started_by, worker, heartbeat_at, last_progress_at)"
                + " values ('621224', '" + gone + "', 'gone.csv', 'CSV', 'RUNNING', 'admin-621224', 'household-registry-7d9f/1a2b3c4d',"
                + " now() - interval '3 minutes', now() - interval '3 minutes'),"
                + " ('621224', '" + live + "', 'live.csv', 'CSV', 'RUNNING', 'admin-621224', 'household-registry-5c4e/9f8e7d6c',"
                + " now() - interval '10 seconds', now() - interval '1 minute')");
        try {
            watchdog.failInterruptedImportsAtStartUp();

            assertThat(get("/counties/621224/imports/" + gone, "admin-621224").expectBody(String.class).returnResult().getResponseBody())
                    .contains("\"status\":\"FAILED\"").contains("the replica running the import stopped (no sign of life for 2 minutes)")
                    .contains("importing the file again completes it");
            assertThat(get("/counties/621224/imports/" + live, "admin-621224").expectBody(String.class).returnResult().getResponseBody())
                    .contains("\"status\":\"RUNNING\"");
        } finally {
            sql("621224", "update import_job set status = 'FAILED', finished_at = now(), failure = 'test over' where id = '" + live + "'");
        }
    }

    // ---- files

    private static String row(int line, String fileNumber, String residentId) {
        String[] cells = HouseholdFileMother.household(fileNumber, residentId).strip().split(",", -1);
        StringBuilder row = new StringBuilder("<row r=\"" + line + "\">");
        for (int i = 0; i < cells.length; i++) {
            if (!cells[i].isEmpty()) {
                row.append("<c r=\"").append((char) ('A' + i)).append(line).append("\" t=\"inlineStr\"><is><t>").append(cells[i]).append("</t></is></c>");
            }
        }
        return row.append("</row>").toString();
    }

    private static String households(String prefix, int count, int sequence) {
        StringBuilder csv = new StringBuilder(HouseholdFileMother.HEADER).append('\n');
        for (int i = 0; i < count; i++) {
            csv.append(HouseholdFileMother.household(prefix + String.format("%04d", i), id(i, sequence)));
        }
        return csv.toString();
    }

    /** A valid resident ID of Wen County, distinct per (n, sequence); born in the 1930s, where no other test's members are. */
    private static String id(int n, int sequence) {
        String first17 = "621222" + LocalDate.of(1930, 1, 1).plusDays(n).format(DateTimeFormatter.BASIC_ISO_DATE) + sequence;
        return first17 + ResidentId.checkCharacter(first17);
    }

    // ---- calls

    /**
     * Sends a file as a multipart upload streamed from its source, with the JDK's client: WebTestClient records every
     * request body for its diagnostics, which would put the whole file in this JVM's heap, the service's.
     */
    private String upload(String county, String user, Resource file) {
        String boundary = "bound-" + java.util.UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFilename()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        try {
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://127.0.0.1:" + port + "/counties/" + county + "/imports"))
                    .header("Authorization", "Bearer " + tokenFor(user))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .timeout(Duration.ofSeconds(120))
                    .POST(java.net.http.HttpRequest.BodyPublishers.fromPublisher(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> {
                        try {
                            return new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(
                                    new java.io.ByteArrayInputStream(head), file.getInputStream(), new java.io.ByteArrayInputStream(tail))));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }), head.length + file.contentLength() + tail.length))
                    .build();
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
            java.net.http.HttpResponse<String> response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            return idOf(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private WebTestClient.ResponseSpec upload(String county, String user, String name, String csv) {
        return send(county, user, new org.springframework.core.io.ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return name;
            }
        });
    }

    private WebTestClient.ResponseSpec send(String county, String user, Resource file) {
        MultipartBodyBuilder builder = new MultipartBodyBuilder();
        builder.part("file", file);
        return web.mutate().responseTimeout(Duration.ofSeconds(120)).build()
                .post().uri("/counties/" + county + "/imports").header("Authorization", "Bearer " + tokenFor(user))
                .contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(builder.build())).exchange();
    }

    private String awaitFinished(String job) {
        return awaitFinished("621222", job, CLERK, Duration.ofSeconds(90));
    }

    private String awaitFinished(String job, Duration within) {
        return awaitFinished("621222", job, CLERK, within);
    }

    private String awaitFinished(String county, String job, String user) {
        return awaitFinished(county, job, user, Duration.ofSeconds(90));
    }

    private String awaitFinished(String county, String job, String user, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            String body = get("/counties/" + county + "/imports/" + job, user).expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            if (!body.contains("\"status\":\"RUNNING\"")) {
                return body;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Import " + job + " still running after " + within.toSeconds() + " s: " + body);
            }
            sleep(100);
        }
    }

    private void awaitSlotsFree() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (workers.inUse() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(workers.inUse() + " import worker(s) still running after 30 s");
            }
            sleep(50);
        }
    }

    private static void report(String what, HeapWatch heap) {
        long growth = heap.peakGrowthMiB();
        System.out.println("ImportBoundsIT heap: " + what + ": the long-lived heap grew at most " + growth + " MiB");
        assertThat(growth).as("heap growth in MiB while importing " + what).isLessThan(HEAP_BOUND_MIB);
    }

    // ---- the database

    /**
     * Holds a SHARE lock on the household table until closed or rolled back: an import's first batch waits there, so
     * that a test sees it RUNNING for as long as it needs, with nothing of it written.
     */
    private static Connection holdHouseholdWrites() throws java.sql.SQLException {
        var db = serviceDatabase();
        Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.appUsername(), db.appPassword());
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("lock table household in share mode");
        }
        return connection;
    }

    /** Until a batch's insert waits on the household table's lock. */
    private static void awaitBlocked() throws java.sql.SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count("select count(*) from pg_locks l join pg_class c on c.oid = l.relation where c.relname = 'household' and not l.granted", null) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no import waited on the household table within 30 s");
            }
            sleep(50);
        }
    }

    private static long households(String prefix) {
        return households(prefix, "621222");
    }

    private static long households(String prefix, String county) {
        return count("select count(*) from household where file_number like '" + prefix + "%'", county);
    }

    private static long rejectionsStored(String job) {
        return count("select count(*) from import_rejection where job_id = '" + job + "'", "621222");
    }

    private static long count(String query, String county) {
        var db = serviceDatabase();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.appUsername(), db.appPassword());
             Statement statement = connection.createStatement()) {
            if (county != null) {
                statement.execute("select set_config('app.county', '" + county + "', false)");
            }
            try (ResultSet result = statement.executeQuery(query)) {
                result.next();
                return result.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sql(String county, String statementText) throws java.sql.SQLException {
        var db = serviceDatabase();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.appUsername(), db.appPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("select set_config('app.county', '" + county + "', false)");
            statement.execute(statementText);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
