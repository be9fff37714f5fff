package org.povertyalleviation.logisticsbooking.milkrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.logisticsbooking.LogisticsBookingIT;
import org.povertyalleviation.platform.domain.ChinaTime;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.isolation.CountyIsolation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Milk runs on the running service. The network, the vehicles, the slots and the bookings of Wen's township 621222103
 * are written straight into the database (their own API is another feature's), once per JVM; a post or station the
 * township has already is used as it is.
 */
class MilkRunIT extends LogisticsBookingIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CountyCode WEN = CountyCode.of("621222");
    private static final String TOWNSHIP = "621222103";
    private static final String PLANS = "/counties/621222/milk-runs";
    private static Fixture fixture;

    @Autowired
    private DatabaseClient database;
    @Autowired
    private TenantTransactions tenantTransactions;
    @Autowired
    private Clock clock;

    private record Fixture(LocalDate day, UUID station, UUID small, UUID large, Map<UUID, LocalTime> windowEnds) {
    }

    @Test
    void a_plan_collects_every_booked_pickup_within_its_window_and_is_audited() {
        Fixture fixture = fixture();

        JsonNode plan = plan(fixture.day(), CLERK);

        assertThat(plan.path("township").asString()).isEqualTo(TOWNSHIP);
        assertThat(plan.path("status").asString()).isEqualTo("PLANNED");
        assertThat(plan.path("depot").path("node").asString()).isEqualTo(fixture.station().toString());
        assertThat(plan.path("depot").path("latitude").isNumber()).isTrue();
        assertThat(plan.path("feasible").asBoolean()).isTrue();
        Map<UUID, LocalTime> arrivals = new LinkedHashMap<>();
        for (JsonNode route : plan.path("routes")) {
            for (JsonNode stop : route.path("stops")) {
                arrivals.put(UUID.fromString(stop.path("booking").asString()), LocalTime.parse(stop.path("arrival").asString()));
                assertThat(stop.path("villageCode").asString()).startsWith(TOWNSHIP);
                assertThat(stop.path("nodeName").asString()).isNotBlank();
            }
        }
        // The cancelled booking is not a pickup; the five booked ones are all on a route, each by its window's end.
        assertThat(arrivals.keySet()).containsExactlyInAnyOrderElementsOf(fixture.windowEnds().keySet());
        arrivals.forEach((booking, arrival) -> assertThat(arrival).isBeforeOrEqualTo(fixture.windowEnds().get(booking)));
        assertThat(plan.path("unassigned").isEmpty()).isTrue();
        assertThat(plan.path("totalDriveMinutes").asInt()).isLessThanOrEqualTo(plan.path("baselineDriveMinutes").asInt());
        assertThat(plan.path("ratioToBaseline").asDouble()).isLessThanOrEqualTo(1.0);

        String id = plan.path("id").asString();
        assertThat(read(get(PLANS + "/" + id, ADMIN).expectStatus().isOk()).path("totalDriveMinutes").asInt())
                .isEqualTo(plan.path("totalDriveMinutes").asInt());
        assertThat(get(PLANS + "?township=" + TOWNSHIP + "&day=" + fixture.day(), ADMIN).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).contains(id);
        assertThat(get("/audit/counties/621222/entries?limit=200", AUDITOR).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody()).contains("milk-run.planned").contains(id);
    }

    @Test
    void a_locked_stop_stays_on_its_vehicle_when_the_run_is_replanned() {
        Fixture fixture = fixture();
        JsonNode plan = plan(fixture.day(), ADMIN);
        String id = plan.path("id").asString();
        // A stop of the large van's route (or any, when it took none) locked to the small one, which it was not on.
        JsonNode first = stopsOf(plan, fixture.large()).isEmpty() ? stopsOf(plan, fixture.small()).get(0) : stopsOf(plan, fixture.large()).get(0);
        UUID target = stopsOf(plan, fixture.large()).isEmpty() ? fixture.large() : fixture.small();
        String booking = first.path("booking").asString();

        JsonNode locked = read(put(PLANS + "/" + id + "/locks/" + booking, CLERK, Map.of("vehicle", target.toString())).expectStatus().isOk());
        assertThat(locked.toString()).contains("\"lockedVehicle\":\"" + target + "\"");

        JsonNode replanned = read(post(PLANS + "/" + id + "/replan", CLERK, Map.of("budgetSeconds", 1)).expectStatus().isCreated());

        assertThat(replanned.path("replanOf").asString()).isEqualTo(id);
        assertThat(stopsOf(replanned, target)).anySatisfy(stop -> {
            assertThat(stop.path("booking").asString()).isEqualTo(booking);
            assertThat(stop.path("locked").asBoolean()).isTrue();
        });
        assertThat(replanned.path("unassigned").isEmpty()).isTrue();
        assertThat(read(get(PLANS + "/" + id, CLERK).expectStatus().isOk()).path("status").asString()).isEqualTo("SUPERSEDED");
        // The superseded plan takes no more locks or replans; the new one unlocks.
        put(PLANS + "/" + id + "/locks/" + booking, CLERK, Map.of("vehicle", target.toString())).expectStatus().isEqualTo(409);
        post(PLANS + "/" + id + "/replan", CLERK, Map.of("budgetSeconds", 1)).expectStatus().isEqualTo(409);
        String newest = replanned.path("id").asString();
        JsonNode unlocked = read(delete(PLANS + "/" + newest + "/locks/" + booking, CLERK).expectStatus().isOk());
        assertThat(unlocked.toString()).doesNotContain("\"lockedVehicle\":\"" + target + "\"");
    }

    @Test
    void a_lock_names_a_vehicle_of_the_plan() {
        Fixture fixture = fixture();
        JsonNode plan = plan(fixture.day(), ADMIN);
        String path = PLANS + "/" + plan.path("id").asString() + "/locks/" + fixture.windowEnds().keySet().iterator().next();

        assertInvalid(put(path, CLERK, Map.of()), 400, "vehicle");
        assertInvalid(put(path, CLERK, Map.of("vehicle", "not-a-uuid")), 400, "vehicle");
        assertInvalid(put(path, CLERK, Map.of("vehicle", UUID.randomUUID().toString())), 422, "vehicle");
        put(PLANS + "/" + plan.path("id").asString() + "/locks/" + UUID.randomUUID(), CLERK, Map.of("vehicle", fixture.small().toString()))
                .expectStatus().isNotFound();
    }

    @Test
    void bad_requests_are_answered_400_or_422_naming_the_field() {
        Fixture fixture = fixture();
        LocalDate yesterday = LocalDate.now(clock.withZone(ChinaTime.ZONE)).minusDays(1);

        assertInvalid(post(PLANS, CLERK, body(TOWNSHIP, yesterday.toString(), 1)), 400, "day");
        assertInvalid(post(PLANS, CLERK, body(TOWNSHIP, "2026-13-01", 1)), 400, "day");
        assertInvalid(post(PLANS, CLERK, body("621224101", fixture.day().toString(), 1)), 400, "township");
        assertInvalid(post(PLANS, CLERK, body("62122210", fixture.day().toString(), 1)), 400, "township");
        assertInvalid(post(PLANS, CLERK, body(TOWNSHIP, fixture.day().toString(), 61)), 400, "budgetSeconds");
        assertInvalid(post(PLANS, CLERK, body(TOWNSHIP, fixture.day().toString(), 0)), 400, "budgetSeconds");
        // No station in that township.
        assertInvalid(post(PLANS, CLERK, body("621222199", fixture.day().toString(), 1)), 422, "township");
        get(PLANS + "/" + UUID.randomUUID(), CLERK).expectStatus().isNotFound();
    }

    @Test
    void an_auditor_reads_plans_but_does_not_plan_and_another_county_reaches_none() {
        Fixture fixture = fixture();
        JsonNode plan = plan(fixture.day(), CLERK);
        String id = plan.path("id").asString();
        String booking = fixture.windowEnds().keySet().iterator().next().toString();

        get(PLANS + "/" + id, AUDITOR).expectStatus().isOk();
        post(PLANS, AUDITOR, body(TOWNSHIP, fixture.day().toString(), 1)).expectStatus().isForbidden();
        post(PLANS + "/" + id + "/replan", AUDITOR, Map.of("budgetSeconds", 1)).expectStatus().isForbidden();
        get(PLANS + "/" + id, "clerk-621224").expectStatus().isForbidden();
        post(PLANS, "clerk-621224", body(TOWNSHIP, fixture.day().toString(), 1)).expectStatus().isForbidden();

        CountyIsolation.of("http://127.0.0.1:" + port)
                .actingAs("621224", tokenFor("clerk-621224"))
                .foreignRecord("621222", id, tokenFor(ADMIN))
                .endpoint("GET", "/counties/{county}/milk-runs/{id}")
                .endpoint("PUT", "/counties/{county}/milk-runs/{id}/locks/" + booking, "{\"vehicle\":\"" + fixture.small() + "\"}")
                .endpoint("DELETE", "/counties/{county}/milk-runs/{id}/locks/" + booking)
                .endpoint("POST", "/counties/{county}/milk-runs/{id}/replan", "{\"budgetSeconds\":1}")
                .listing("/counties/{county}/milk-runs")
                .assertIsolated();
    }

    private JsonNode plan(LocalDate day, String user) {
        return read(post(PLANS, user, body(TOWNSHIP, day.toString(), 1)).expectStatus().isCreated());
    }

    private static Map<String, Object> body(String township, String day, int budgetSeconds) {
        return Map.of("township", township, "day", day, "budgetSeconds", budgetSeconds);
    }

    private static List<JsonNode> stopsOf(JsonNode plan, UUID vehicle) {
        List<JsonNode> stops = new ArrayList<>();
        for (JsonNode route : plan.path("routes")) {
            if (route.path("vehicle").path("id").asString().equals(vehicle.toString())) {
                route.path("stops").forEach(stops::add);
            }
        }
        return stops;
    }

    private static JsonNode read(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
        return JSON.readTree(response.expectBody(String.class).returnResult().getResponseBody());
    }

    private static void assertInvalid(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response, int status, String field) {
        String body = response.expectStatus().isEqualTo(status).expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).as("a %d naming %s", status, field).contains("\"" + field + "\"");
    }

    /** Wen's township 621222103: a station, its two village posts, two vans and five booked pickups (and a cancelled one). */
    private synchronized Fixture fixture() {
        if (fixture != null) {
            return fixture;
        }
        LocalDate day = LocalDate.now(clock.withZone(ChinaTime.ZONE)).plusDays(40);
        UUID park = existing("select id from node where county_code = '621222' and level = 'COUNTY_PARK' order by created_at, id limit 1");
        if (park == null) {
            park = node("COUNTY_PARK", "文县物流园", null, null, null, 32.944, 104.683);
        }
        UUID station = existing("select id from node where county_code = '621222' and level = 'TOWNSHIP_STATION' and township_code = '"
                + TOWNSHIP + "' order by created_at, id limit 1");
        if (station == null) {
            station = node("TOWNSHIP_STATION", "碧口镇快递站", park, TOWNSHIP, null, 32.950, 104.700);
        }
        UUID north = post(station, "621222103201", "李子坝村邮站", 32.990, 104.740);
        UUID south = post(station, "621222103202", "马家坪村邮站", 32.910, 104.660);
        leg(park, station, 40);
        leg(station, north, 15);
        leg(station, south, 20);
        leg(north, south, 12);
        UUID carrier = UUID.randomUUID();
        sql("insert into carrier (county_code, id, name, created_at) values ('621222', '" + carrier + "', '陇南邮政', now())");
        UUID small = vehicle(carrier, station, 300, 30);
        UUID large = vehicle(carrier, station, 500, 40);
        UUID northSlot = slot(north, day, "08:00", "10:00");
        UUID southSlot = slot(south, day, "09:00", "11:00");
        Map<UUID, LocalTime> windowEnds = new LinkedHashMap<>();
        windowEnds.put(booking(northSlot, north, "621222103201", 40_000, 3, "BOOKED"), LocalTime.of(10, 0));
        windowEnds.put(booking(northSlot, north, "621222103201", 25_000, 2, "BOOKED"), LocalTime.of(10, 0));
        windowEnds.put(booking(northSlot, north, "621222103201", 60_000, 4, "BOOKED"), LocalTime.of(10, 0));
        windowEnds.put(booking(southSlot, south, "621222103202", 80_000, 5, "BOOKED"), LocalTime.of(11, 0));
        windowEnds.put(booking(southSlot, south, "621222103202", 30_000, 2, "BOOKED"), LocalTime.of(11, 0));
        booking(northSlot, north, "621222103201", 10_000, 1, "CANCELLED");
        fixture = new Fixture(day, station, small, large, windowEnds);
        return fixture;
    }

    private UUID node(String level, String name, UUID parent, String township, String village, double latitude, double longitude) {
        UUID id = UUID.randomUUID();
        sql(String.format("""
                        insert into node (county_code, id, level, name, parent_id, township_code, village_code, address, latitude, longitude, opening_hours,
                                          operator_kind, operator_name, cold_storage, created_at)
                        values ('621222', '%s', '%s', '%s', %s, %s, %s, '%s', %s, %s, '08:00-18:00', 'COUNTY', '文县商务局', false, now())
                        on conflict do nothing""", id, level, name, parent == null ? "null" : "'" + parent + "'",
                township == null ? "null" : "'" + township + "'", village == null ? "null" : "'" + village + "'", name, latitude, longitude));
        return id;
    }

    /** The village's post: the one it has, or a new one (one post per village). */
    private UUID post(UUID station, String village, String name, double latitude, double longitude) {
        node("VILLAGE_POST", name, station, TOWNSHIP, village, latitude, longitude);
        return existing("select id from node where county_code = '621222' and village_code = '" + village + "'");
    }

    private void leg(UUID from, UUID to, int minutes) {
        sql("insert into leg (county_code, id, from_node, to_node, distance_m, drive_minutes) values ('621222', '" + UUID.randomUUID() + "', '"
                + from + "', '" + to + "', " + minutes * 500 + ", " + minutes + ") on conflict do nothing");
    }

    private UUID vehicle(UUID carrier, UUID station, int kg, int parcels) {
        UUID id = UUID.randomUUID();
        sql("insert into vehicle (county_code, id, carrier_id, plate, capacity_kg, capacity_parcels, cold, working_days, base_node) values ('621222', '"
                + id + "', '" + carrier + "', '甘K·" + id.toString().substring(0, 5).toUpperCase() + "', " + kg + ", " + parcels
                + ", false, array[1,2,3,4,5,6,7]::smallint[], '" + station + "')");
        return id;
    }

    private UUID slot(UUID node, LocalDate day, String start, String end) {
        sql("insert into slot (county_code, id, node_id, day, kind, window_start, window_end, capacity_grams, capacity_parcels, cold) values ('621222', '"
                + UUID.randomUUID() + "', '" + node + "', '" + day + "', 'PICKUP', '" + start + "', '" + end + "', 1000000, 100, false) on conflict do nothing");
        return existing("select id from slot where county_code = '621222' and node_id = '" + node + "' and day = '" + day
                + "' and kind = 'PICKUP' and window_start = '" + start + "'");
    }

    private UUID booking(UUID slot, UUID node, String village, long grams, int parcels, String state) {
        UUID id = UUID.randomUUID();
        sql(String.format("""
                insert into booking (county_code, id, slot_id, direction, node_id, village_code, sender_kind, sender_ref, poor_household, recipient,
                                     weight_grams, parcels, cold, declared_value_fen, carries_kind, price_fen, subsidy_fen, state, booked_by,
                                     booked_at, updated_at)
                values ('621222', '%s', '%s', 'UPLINK', '%s', '%s', 'COOPERATIVE', 'coop-1', false, '县城仓库', %d, %d, false, 100000, 'GOODS',
                        800, 0, '%s', 'clerk-621222', now(), now())""", id, slot, node, village, grams, parcels, state));
        return id;
    }

    private void sql(String statement) {
        tenantTransactions.inCounty(WEN, () -> database.sql(statement).fetch().rowsUpdated()).block();
    }

    private UUID existing(String query) {
        return tenantTransactions.inCounty(WEN, () -> database.sql(query).map(row -> row.get("id", UUID.class)).one()).block();
    }
}
