package org.povertyalleviation.householdregistry.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.residentId;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.povertyalleviation.householdregistry.Events;
import org.povertyalleviation.householdregistry.HouseholdRegistryIT;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

/** Bulk import and export of a county's household file, CSV and XLSX, against the real database and Kafka. */
class ImportIT extends HouseholdRegistryIT {

    private static final String HEADER = "file_number,village_code,registration_year,relation,name,resident_id,phone,labour_capacity,"
            + "health,education,ecommerce_skills,causes,primary_cause,helper_cadre,food,clothing,compulsory_education,"
            + "basic_medical_care,safe_housing";

    @Test
    void good_rows_go_in_bad_rows_are_reported_with_their_lines_and_importing_again_changes_nothing() {
        String wangHead = residentId("621222", "19700101");
        String wangSpouse = residentId("621222", "19720202");
        String badCheck = residentId("621222", "19800303");
        badCheck = badCheck.substring(0, 17) + (badCheck.charAt(17) == '1' ? '2' : '1');
        String liHead = residentId("621222", "19600404");
        String csv = HEADER + "\n"
                // line 2-3: a good household of two
                + "IMP-1,621222101201,2016,HEAD,王五,\"" + wangHead + "\",13912345678,FULL,HEALTHY,PRIMARY,LIVE_STREAMING;SHOP_OPERATION,"
                + "ILLNESS;LACK_OF_FUNDS,ILLNESS,\"李干部, 村支书\",是,是,是,是,否\n"
                + "IMP-1,,,SPOUSE,赵六," + wangSpouse + ",,PARTIAL,CHRONIC_ILLNESS,NONE,,,,,,,,,\n"
                // line 4-5: a household whose second member has a wrong check character: both rows rejected
                + "IMP-2,621222101202,2017,HEAD,钱七," + residentId("621222", "19750505") + ",,FULL,HEALTHY,PRIMARY,,LACK_OF_WATER,LACK_OF_WATER,,1,1,1,1,1\n"
                + "IMP-2,,,CHILD,钱小七," + badCheck + ",,NONE,HEALTHY,PRIMARY,,,,,,,,,\n"
                // line 6: a village of another county
                + "IMP-3,621224101201,2017,HEAD,孙八," + residentId("621222", "19650606") + ",,FULL,HEALTHY,PRIMARY,,OTHER,OTHER,,1,1,1,1,1\n"
                // line 7: a good single-person household
                + "IMP-4,621222102201,2018,户主,李九," + liHead + ",0939-1234567,NONE,DISABLED,NONE,,DISABILITY,DISABILITY,,1,1,1,1,1\n"
                // line 8: IMP-1 again, apart from its rows
                + "IMP-1,,,CHILD,王小五," + residentId("621222", "20100101") + ",,NONE,HEALTHY,PRIMARY,,,,,,,,,\n";

        String job = upload("households.csv", csv.getBytes(StandardCharsets.UTF_8));
        String finished = awaitFinished(job);

        assertThat(finished).contains("\"status\":\"COMPLETED\"").contains("\"rowsRead\":7").contains("\"householdsCreated\":2")
                .contains("\"householdsUpdated\":0").contains("\"rowsRejected\":4");
        String rejections = get("/counties/621222/imports/" + job + "/rejections").expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(lines(rejections)).containsExactly(4, 5, 6, 8);
        assertThat(rejections).contains("\"line\":5,\"fileNumber\":\"IMP-2\",\"field\":\"resident_id\"")
                .contains("check character").contains("rejected with its household (see line 5)")
                .contains("village 621224101201 is not a village of county 621222").contains("must be together; it began on line 2");
        String households = get("/counties/621222/households?limit=500&after=IMP-").expectBody(String.class).returnResult().getResponseBody();
        assertThat(households).contains("\"fileNumber\":\"IMP-1\"").contains("\"fileNumber\":\"IMP-4\"")
                .doesNotContain("\"fileNumber\":\"IMP-2\"").doesNotContain("\"fileNumber\":\"IMP-3\"");
        assertThat(households.replaceAll("(?s).*\"fileNumber\":\"IMP-1\"(.*?)}.*", "$1")).contains("\"members\":2");
        String csvReport = get("/counties/621222/imports/" + job + "/rejections.csv").expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csvReport).startsWith("\uFEFFline,file_number,field,reason\n").contains("\n6,IMP-3,village_code,");
        List<String> registered = Events.read("household.events",
                value -> value.contains("\"type\":\"household.registered.v1\"") && value.contains("\"fileNumber\":\"IMP-"), 2);
        assertThat(registered).hasSize(2);
        assertThat(Events.schemaErrors("household.registered.v1", registered.get(0))).isEmpty();

        String again = awaitFinished(upload("households.csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(again).contains("\"householdsCreated\":0").contains("\"householdsUpdated\":0").contains("\"householdsUnchanged\":2")
                .contains("\"rowsRejected\":4");
        assertThat(Events.present("household.events", value -> value.contains("\"fileNumber\":\"IMP-")
                && (value.contains("household.updated.v1") || value.contains("household.registered.v1")))).hasSize(2);

        // The same households as a workbook, with one change: the Wang household's safe housing is now met.
        String xlsxJob = upload("households.xlsx", workbook(csv.lines().limit(3).toList(), "否", "是"));
        assertThat(awaitFinished(xlsxJob)).contains("\"status\":\"COMPLETED\"").contains("\"householdsUpdated\":1")
                .contains("\"householdsCreated\":0").contains("\"rowsRejected\":0");
        assertThat(Events.read("household.events", value -> value.contains("household.updated.v1") && value.contains("\"fileNumber\":\"IMP-1\""), 1))
                .hasSize(1);
    }

    @Test
    void importing_again_writes_only_member_changes_a_member_who_left_goes_and_one_who_moved_follows_the_file() throws Exception {
        String head1 = residentId("621222", "19550505");
        String spouse1 = residentId("621222", "19560606");
        String child = residentId("621222", "19900707");
        String head2 = residentId("621222", "19570808");
        String first = HEADER + "\n"
                + "MEM-1,621222101201,2016,HEAD,周迁一," + head1 + ",13900000001,FULL,HEALTHY,PRIMARY,LIVE_STREAMING,ILLNESS,ILLNESS,,1,1,1,1,1\n"
                + "MEM-1,,,SPOUSE,吴迁二," + spouse1 + ",,PARTIAL,HEALTHY,NONE,,,,,,,,,\n"
                + "MEM-1,,,CHILD,周迁三," + child + ",,FULL,HEALTHY,SENIOR_SECONDARY,,,,,,,,,\n"
                + "MEM-2,621222101202,2017,HEAD,郑迁四," + head2 + ",13900000004,FULL,HEALTHY,PRIMARY,,OTHER,OTHER,,1,1,1,1,1\n";
        assertThat(awaitFinished(upload("members.csv", first.getBytes(StandardCharsets.UTF_8))))
                .contains("\"status\":\"COMPLETED\"").contains("\"householdsCreated\":2");
        Object head2Phone = member("郑迁四", head2, "phone_cipher");

        // The head of MEM-1 has a new phone and no skill, the child now lives in MEM-2; the households' own rows are as they were.
        String second = HEADER + "\n"
                + "MEM-1,621222101201,2016,HEAD,周迁一," + head1 + ",13900000002,FULL,HEALTHY,PRIMARY,,ILLNESS,ILLNESS,,1,1,1,1,1\n"
                + "MEM-1,,,SPOUSE,吴迁二," + spouse1 + ",,PARTIAL,HEALTHY,NONE,,,,,,,,,\n"
                + "MEM-2,621222101202,2017,HEAD,郑迁四," + head2 + ",13900000004,FULL,HEALTHY,PRIMARY,,OTHER,OTHER,,1,1,1,1,1\n"
                + "MEM-2,,,CHILD,周迁三," + child + ",,FULL,HEALTHY,SENIOR_SECONDARY,,,,,,,,,\n";
        assertThat(awaitFinished(upload("members.csv", second.getBytes(StandardCharsets.UTF_8))))
                .contains("\"householdsCreated\":0").contains("\"householdsUpdated\":2").contains("\"householdsUnchanged\":0");

        assertThat(member("周迁一", head1, "phone_masked")).isEqualTo("139****0002");
        assertThat(member("周迁一", head1, "cardinality(ecommerce_skills)")).isEqualTo(0);
        assertThat(member("郑迁四", head2, "phone_cipher")).as("an unchanged phone keeps its ciphertext").isEqualTo(head2Phone);
        assertThat(member("周迁三", child, "(select file_number from household h where h.county_code = member.county_code"
                + " and h.id = member.household_id)")).isEqualTo("MEM-2");
        for (String fileNumber : List.of("MEM-1", "MEM-2")) {
            assertThat(Events.read("household.events", value -> value.contains("household.updated.v1")
                    && value.contains("\"fileNumber\":\"" + fileNumber + "\""), 1))
                    .singleElement().asString().contains("\"members\":2");
        }

        assertThat(awaitFinished(upload("members.csv", second.getBytes(StandardCharsets.UTF_8))))
                .contains("\"householdsCreated\":0").contains("\"householdsUpdated\":0").contains("\"householdsUnchanged\":2");
    }

    /** A column (or expression) of a member's row, read as the service's role in the county. */
    private Object member(String name, String residentId, String column) throws java.sql.SQLException {
        var db = serviceDatabase();
        try (var connection = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.appUsername(), db.appPassword())) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("select set_config('app.county', '621222', true)");
            }
            try (var query = connection.prepareStatement("select " + column + " from member where county_code = '621222'"
                    + " and name = ? and resident_id_masked = ?")) {
                query.setString(1, name);
                query.setString(2, residentId.substring(0, 6) + "********" + residentId.substring(14));
                try (var rows = query.executeQuery()) {
                    assertThat(rows.next()).as("member " + name).isTrue();
                    Object value = rows.getObject(1);
                    assertThat(rows.next()).as("one member " + name).isFalse();
                    return value;
                }
            } finally {
                connection.rollback();
            }
        }
    }

    @Test
    void a_county_file_with_chinese_headings_and_the_national_files_labels_imports_and_exports_in_chinese_again() {
        String header = "户编号,行政村代码,识别年度,与户主关系,姓名,证件号码,联系电话,劳动能力,健康状况,文化程度,电商技能,致贫原因,"
                + "主要致贫原因,帮扶责任人,不愁吃,不愁穿,义务教育有保障,基本医疗有保障,住房安全有保障";
        String csv = header + "\n"
                + "ZH-1,621222101201,2016,户主,张三," + residentId("621222", "19680101") + ",,有劳动力,健康,初中,直播带货、网店运营,"
                + "缺资金、因病,缺资金,王干部,是,是,是,是,是\n"
                + "ZH-1,,,配偶,刘四," + residentId("621222", "19700202") + ",,丧失劳动力,长期慢性病,小学,,,,,,,,,\n"
                + "ZH-1,,,之子,张小三," + residentId("621222", "20080303") + ",,无劳动力,健康,初中,,,,,,,,,\n"
                + "ZH-2,621222101202,2017,户主,周五," + residentId("621222", "19550404") + ",,弱劳动力或半劳动力,残疾,文盲或半文盲,,"
                + "因残、自身发展动力不足、交通条件落后,因残,,是,是,是,是,否\n"
                // An unknown label is refused, naming the labels a clerk may write.
                + "ZH-3,621222101202,2017,户主,吴六," + residentId("621222", "19600505") + ",,有劳动力,健康,小学,,缺钱,缺钱,,是,是,是,是,是\n";

        String finished = awaitFinished(upload("households.csv", csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(finished).contains("\"status\":\"COMPLETED\"").contains("\"householdsCreated\":2").contains("\"rowsRejected\":1");
        String rejections = get("/counties/621222/imports/" + idOf(finished) + "/rejections").expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(rejections).contains("\"fileNumber\":\"ZH-3\"").contains("缺钱").contains("缺资金").contains("自身发展动力不足");
        String zhou = get("/counties/621222/households?limit=500&after=ZH-1").expectBody(String.class).returnResult().getResponseBody();
        assertThat(zhou).contains("\"fileNumber\":\"ZH-2\"");
        // Unmasked, so that the export can be imported again (the clerk may see resident IDs; it is audited).
        String exported = web.get().uri("/counties/621222/exports/households.csv?unmasked=true").header("Authorization", "Bearer " + tokenFor(CLERK))
                .header("Accept-Language", "zh-CN,zh;q=0.9").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(exported).startsWith("\uFEFF户编号,行政村代码,识别年度,与户主关系,姓名,").contains(",状态\n");
        String zh1 = exported.lines().filter(line -> line.startsWith("ZH-1,") && line.contains(",户主,")).findFirst().orElseThrow();
        assertThat(zh1).contains(",有劳动力,健康,初中,").contains("缺资金").contains("因病").contains(",是,是,是,是,是,未脱贫");
        String zh2 = exported.lines().filter(line -> line.startsWith("ZH-2,")).findFirst().orElseThrow();
        assertThat(zh2).contains(",弱劳动力或半劳动力,残疾,文盲或半文盲,").contains("自身发展动力不足").contains(",否,未脱贫");
        String english = web.get().uri("/counties/621222/exports/households.csv").header("Authorization", "Bearer " + tokenFor(CLERK))
                .header("Accept-Language", "en").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(english.lines().filter(line -> line.startsWith("ZH-2,")).findFirst().orElseThrow())
                .contains(",PARTIAL,DISABLED,NONE,").contains("LACK_OF_DRIVE");

        // The Chinese export reads back as the same households: nothing changes.
        String chineseRows = exported.lines().filter(line -> line.startsWith("ZH-")).map(line -> line.substring(0, line.lastIndexOf(',')))
                .collect(java.util.stream.Collectors.joining("\n"));
        String again = awaitFinished(upload("households.csv", (header + "\n" + chineseRows + "\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(again).contains("\"status\":\"COMPLETED\"").contains("\"householdsUnchanged\":2").contains("\"householdsUpdated\":0")
                .contains("\"rowsRejected\":0");
    }

    @Test
    void a_file_without_the_required_columns_fails_with_the_missing_ones_named_and_writes_nothing() {
        String job = upload("households.csv", "file_number,name\nX-1,王\n".getBytes(StandardCharsets.UTF_8));
        assertThat(awaitFinished(job)).contains("\"status\":\"FAILED\"").contains("village_code").contains("resident_id")
                .contains("\"householdsCreated\":0");
        web.post().uri("/counties/621222/imports").header("Authorization", "Bearer " + tokenFor("clerk-621222"))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(multipart("households.pdf", new byte[] {1}))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("file");
    }

    @Test
    void progress_streams_as_server_sent_events_until_the_job_ends() {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 1200; i++) {
            csv.append("SSE-").append(String.format("%04d", i)).append(",621222101202,2019,HEAD,户主").append(i).append(',')
                    .append(residentId("621222", String.format("1990%02d%02d", 1 + i % 12, 1 + i / 12 % 28))).append(",,FULL,HEALTHY,PRIMARY,,OTHER,OTHER,,1,1,1,1,1\n");
        }
        String job = upload("big.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

        List<String> events = web.get().uri("/counties/621222/imports/" + job + "/progress")
                .header("Authorization", "Bearer " + tokenFor("clerk-621222")).accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk().returnResult(String.class).getResponseBody().collectList().block(Duration.ofSeconds(60));

        assertThat(events).isNotEmpty();
        assertThat(events.get(events.size() - 1)).contains("\"status\":\"COMPLETED\"").contains("\"householdsCreated\":1200");
    }

    @Test
    void exports_are_masked_unless_an_allowed_role_asks_and_then_audited() {
        String head = residentId("621222", "19550505");
        String csv = HEADER + "\nEXP-1,621222101201,2016,HEAD,周十," + head + ",13712345678,FULL,HEALTHY,PRIMARY,,OTHER,OTHER,,1,1,1,1,1\n";
        awaitFinished(upload("export.csv", csv.getBytes(StandardCharsets.UTF_8)));

        String masked = get("/counties/621222/exports/households.csv?village=621222101201").expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(masked).contains("EXP-1,621222101201,2016,HEAD,周十,621222********" + head.substring(14) + ",137****5678")
                .doesNotContain(head);
        String unmasked = web.get().uri("/counties/621222/exports/households.csv?unmasked=true")
                .header("Authorization", "Bearer " + tokenFor("admin-621222")).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(unmasked).contains(head + ",13712345678");
        web.get().uri("/counties/621222/exports/households.xlsx?unmasked=true").header("Authorization", "Bearer " + tokenFor("cadre-621222"))
                .exchange().expectStatus().isForbidden();
        byte[] xlsx = get("/counties/621222/exports/households.xlsx").expectStatus().isOk()
                .expectHeader().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(xlsx).startsWith((byte) 'P', (byte) 'K');
        web.get().uri("/audit/counties/621222/entries?limit=500").header("Authorization", "Bearer " + tokenFor("auditor-621222")).exchange()
                .expectBody(String.class).value(audit -> assertThat(audit)
                        .contains("\"actor\":\"admin-621222\"").contains("\"action\":\"households.exported-unmasked\""));
    }

    @Test
    void county_a_never_reaches_county_bs_imports() {
        String csv = HEADER + "\nKI-1,621224101201,2016,HEAD,康一," + residentId("621224") + ",,FULL,HEALTHY,PRIMARY,,OTHER,OTHER,,1,1,1,1,0\n"
                + "KI-2,621222101201,2016,HEAD,康二," + residentId("621224") + ",,FULL,HEALTHY,PRIMARY,,OTHER,OTHER,,1,1,1,1,0\n";
        String kangJob = upload("621224", "admin-621224", "kang.csv", csv.getBytes(StandardCharsets.UTF_8));
        awaitFinished("621224", kangJob, "admin-621224");
        awaitFinished(upload("own.csv", (HEADER + "\n").getBytes(StandardCharsets.UTF_8)));

        org.povertyalleviation.platform.isolation.CountyIsolation.of("http://127.0.0.1:" + port)
                .actingAs("621222", tokenFor("admin-621222"))
                .foreignRecord("621224", kangJob, tokenFor("admin-621224"))
                .endpoint("GET", "/counties/{county}/imports/{id}")
                .endpoint("GET", "/counties/{county}/imports/{id}/progress")
                .endpoint("GET", "/counties/{county}/imports/{id}/rejections")
                .endpoint("GET", "/counties/{county}/imports/{id}/rejections.csv")
                .listing("/counties/{county}/imports")
                .assertIsolated();
    }

    @org.springframework.beans.factory.annotation.Autowired
    ImportWatchdog watchdog;

    @Test
    void a_job_whose_worker_is_gone_is_marked_failed_by_the_watchdog() throws Exception {
        String stalled = java.util.UUID.randomUUID().toString();
        String moving = java.util.UUID.randomUUID().toString();
        var db = serviceDatabase();
        try (var connection = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.appUsername(), db.appPassword());
             var statement = connection.createStatement()) {
            statement.execute("select set_config('app.county', '621222', false)");
            statement.execute("insert into import_job (county_code, id, file_name, format, status, started_by, started_at, last_progress_at)"
                    + " values ('621222', '" + stalled + "', 'lost.csv', 'CSV', 'RUNNING', 'clerk-621222', now() - interval '1 hour',"
                    + " now() - interval '16 minutes'), ('621222', '" + moving + "', 'slow.csv', 'CSV', 'RUNNING', 'clerk-621222',"
                    + " now() - interval '1 hour', now() - interval '1 minute')");
        }

        watchdog.failStalledImports();

        assertThat(get("/counties/621222/imports/" + stalled).expectBody(String.class).returnResult().getResponseBody())
                .contains("\"status\":\"FAILED\"").contains("importing the file again completes it");
        assertThat(get("/counties/621222/imports/" + moving).expectBody(String.class).returnResult().getResponseBody())
                .contains("\"status\":\"RUNNING\"");
        // Ended, so that the county's one import at a time is free for the other tests.
        try (var connection = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.appUsername(), db.appPassword());
             var statement = connection.createStatement()) {
            statement.execute("select set_config('app.county', '621222', false)");
            statement.execute("update import_job set status = 'FAILED', finished_at = now(), failure = 'test over' where id = '" + moving + "'");
        }
    }

    private String upload(String name, byte[] content) {
        return upload("621222", CLERK, name, content);
    }

    private String upload(String county, String user, String name, byte[] content) {
        String body = web.post().uri("/counties/" + county + "/imports").header("Authorization", "Bearer " + tokenFor(user))
                .contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(multipart(name, content))).exchange()
                .expectStatus().isAccepted().expectHeader().exists("Location")
                .expectBody(String.class).returnResult().getResponseBody();
        return idOf(body);
    }

    private static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> multipart(String name, byte[] content) {
        MultipartBodyBuilder builder = new MultipartBodyBuilder();
        builder.part("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        return builder.build();
    }

    private String awaitFinished(String job) {
        return awaitFinished("621222", job, CLERK);
    }

    private String awaitFinished(String county, String job, String user) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            String body = get("/counties/" + county + "/imports/" + job, user).expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            if (!body.contains("\"status\":\"RUNNING\"")) {
                return body;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Import " + job + " still running after 60 s: " + body);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec get(String path) {
        return get(path, CLERK);
    }

    private static List<Integer> lines(String rejections) {
        return Pattern.compile("\"line\":(\\d+)").matcher(rejections).results().map(m -> Integer.parseInt(m.group(1))).distinct().toList();
    }

    /** The CSV lines as a workbook (cells split naively: the test lines quote only where a comma is inside). */
    private static byte[] workbook(List<String> csvLines, String replace, String with) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Workbook workbook = new Workbook(out, "test", "1.0");
            Worksheet sheet = workbook.newWorksheet("户籍");
            for (int r = 0; r < csvLines.size(); r++) {
                List<String> cells = splitCsv(csvLines.get(r));
                for (int c = 0; c < cells.size(); c++) {
                    String cell = r > 0 && c == cells.size() - 1 && cells.get(c).equals(replace) ? with : cells.get(c);
                    if (c == 2 && r > 0 && !cell.isEmpty()) {
                        sheet.value(r, c, Integer.parseInt(cell));
                    } else if (!cell.isEmpty()) {
                        sheet.value(r, c, cell);
                    }
                }
            }
            workbook.finish();
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> splitCsv(String line) {
        List<String> cells = new java.util.ArrayList<>();
        var matcher = Pattern.compile("\"([^\"]*)\"|([^,]*)").matcher(line);
        int position = 0;
        while (position <= line.length() && matcher.find(position)) {
            cells.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
            position = matcher.end() + 1;
        }
        return cells;
    }
}
