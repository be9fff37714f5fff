package org.povertyalleviation.logisticsbooking.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.logisticsbooking.LogisticsBookingIT;
import org.povertyalleviation.platform.isolation.CountyIsolation;

/**
 * The isolation kit over every endpoint that names a record: Wen's admin, aimed at Kang with Kang's record and at Wen
 * with Kang's record id, is refused everywhere (403 or 404), lists none of Kang's records, and changes nothing of them.
 * A Kang node or window named in a Wen body is unknown in Wen (422 naming the field), and nothing is written.
 */
class IsolationIT extends LogisticsBookingIT {

    private static final String KANG = "621224";
    private static final String KANG_ADMIN = "admin-621224";

    private CountyIsolation kit(String foreignId) {
        return CountyIsolation.of("http://127.0.0.1:" + port).actingAs("621222", tokenFor(ADMIN))
                .foreignRecord(KANG, foreignId, tokenFor(KANG_ADMIN));
    }

    @Test
    void wen_never_reaches_kangs_network_carriers_windows_or_bookings() {
        Network kang = network(KANG, KANG_ADMIN, "621224101201");
        UUID carrier = carrier(KANG, KANG_ADMIN, "康县快递 " + UUID.randomUUID().toString().substring(0, 6), null);
        UUID slot = slot(KANG, KANG_ADMIN, kang.post(), "PICKUP", 100, 10);
        String booking = idOf(post("/counties/" + KANG + "/bookings", KANG_ADMIN, booking(slot, "3", 1)).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());

        kit(booking)
                .endpoint("GET", "/counties/{county}/bookings/{id}")
                .endpoint("POST", "/counties/{county}/bookings/{id}/cancellation", "{}")
                .endpoint("POST", "/counties/{county}/bookings/{id}/rebooking", "{\"slot\":\"" + slot + "\"}")
                .endpoint("PUT", "/counties/{county}/bookings/{id}/carrier", "{\"carrier\":\"" + carrier + "\"}")
                .endpoint("POST", "/counties/{county}/bookings/{id}/tracking", "{\"updateId\":\"iso\",\"state\":\"PICKED_UP\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}")
                .listing("/counties/{county}/bookings?day=" + TOMORROW)
                .assertIsolated();
        kit(carrier.toString())
                .endpoint("GET", "/counties/{county}/carriers/{id}")
                .endpoint("POST", "/counties/{county}/carriers/{id}/vehicles", "{\"plate\":\"甘K·99999\",\"capacityKg\":100,\"capacityParcels\":10,"
                        + "\"workingDays\":[\"MONDAY\"],\"base\":\"" + kang.station() + "\"}")
                .listing("/counties/{county}/carriers")
                .assertIsolated();
        kit(slot.toString()).endpoint("GET", "/counties/{county}/slots/{id}").listing("/counties/{county}/slots?day=" + TOMORROW).assertIsolated();
        kit(kang.post().toString()).endpoint("GET", "/counties/{county}/nodes/{id}").listing("/counties/{county}/nodes")
                .listing("/counties/{county}/coverage").assertIsolated();

        // Kang's records named in Wen's bodies are unknown in Wen.
        Network wen = network("621222", ADMIN, "621222101201");
        problem(post("/counties/621222/legs", ADMIN, Map.of("from", wen.station(), "to", kang.station(), "distanceMetres", 1000, "driveMinutes", 5))
                .expectStatus().isEqualTo(422), "to");
        problem(post("/counties/621222/nodes", ADMIN, node("TOWNSHIP_STATION", "越界站", kang.park(), "621222103", null, 33.3, 105.5, false))
                .expectStatus().isEqualTo(422), "parent");
        problem(post("/counties/621222/slots", ADMIN, Map.of("node", kang.post(), "day", TOMORROW.toString(), "kind", "PICKUP",
                "windowStart", "09:00", "windowEnd", "10:00", "capacityKg", 10, "capacityParcels", 1)).expectStatus().isEqualTo(422), "node");
        problem(post("/counties/621222/bookings", ADMIN, booking(slot, "1", 1)).expectStatus().isEqualTo(422), "slot");
        assertThat(get("/counties/" + KANG + "/slots?day=" + TOMORROW + "&node=" + kang.post(), KANG_ADMIN).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).contains("\"bookedParcels\":1");
    }

    @Test
    void every_tenant_table_is_isolated() throws Exception {
        assertEveryTenantTableIsolated();
    }
}
