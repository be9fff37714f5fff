package org.povertyalleviation.shopmanagement.dormancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.infra.SharedInfrastructure;
import org.povertyalleviation.shopmanagement.Events;
import org.povertyalleviation.shopmanagement.ShopManagementIT;

/** Open shops without sales for three whole months become DORMANT, and say which households they leave without income. */
class DormancyIT extends ShopManagementIT {

    private static final YearMonth NOW = YearMonth.now(ZoneId.of("Asia/Shanghai"));

    @Test
    void three_months_without_orders_make_an_open_shop_dormant_and_name_its_households() throws Exception {
        String silent = shop("621222", "621222103202", "D-Silent", "OPEN");
        String household = knownHousehold("621222", "D-0001", "621222103202");
        link("621222", silent, household, "SUPPLIER", Map.of("rule", "SALES_SHARE", "sharePercent", 20));
        String selling = shop("621222", "621222103202", "D-Selling", "OPEN");
        String zeroOrders = shop("621222", "621222103202", "D-Zero", "OPEN");
        String young = shop("621222", "621222103202", "D-Young", "OPEN");
        String planned = shop("621222", "621222103202", "D-Planned", "PLANNED");
        // Opened half a year ago (young: in the first month of the window, so not yet judged on three whole months).
        openedMonthsAgo(silent, 6);
        openedMonthsAgo(selling, 6);
        openedMonthsAgo(zeroOrders, 6);
        openedMonthsAgo(young, 3);
        post("/counties/621222/shops/" + selling + "/sales-reports", CLERK, Map.of("month", NOW.minusMonths(2).toString(), "orders", 1, "grossFen", 900))
                .expectStatus().isCreated();
        // A report of no orders is a month without sales.
        for (int back = 1; back <= 3; back++) {
            post("/counties/621222/shops/" + zeroOrders + "/sales-reports", CLERK, Map.of("month", NOW.minusMonths(back).toString(), "orders", 0, "grossFen", 0))
                    .expectStatus().isCreated();
        }

        post("/counties/621222/shops/dormancy-check", CLERK, Map.of()).expectStatus().isForbidden();
        String result = post("/counties/621222/shops/dormancy-check", ADMIN, Map.of()).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(result).contains(silent, zeroOrders).doesNotContain(selling, young, planned);

        get("/counties/621222/shops/" + silent, CLERK).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("DORMANT");
        get("/counties/621222/shops/" + selling, CLERK).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("OPEN");
        String event = Events.read("shop.status-changed.v1", 1, "\"subject\":\"" + silent + "\"", "\"to\":\"DORMANT\"").get(0);
        assertThat(Events.schemaErrors("shop.status-changed.v1", event)).isEmpty();
        assertThat(event).contains("\"detectedBy\":\"DORMANCY_CHECK\"", "\"households\":[\"" + household + "\"]");

        // A second check finds nothing more to do.
        post("/counties/621222/shops/dormancy-check", "operator", Map.of()).expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).doesNotContain(silent, zeroOrders));
    }

    /** Moves the shop's opening back in time, as the database's owner would see it after months of running. */
    private static void openedMonthsAgo(String shop, int months) throws Exception {
        try (Connection connection = SharedInfrastructure.postgres().connect(DATABASE);
             PreparedStatement update = connection.prepareStatement(
                     "update shop set status_changed_at = now() - make_interval(months => ?), opened_at = now() - make_interval(months => ?)"
                             + " where id = ?::uuid")) {
            update.setInt(1, months);
            update.setInt(2, months);
            update.setString(3, shop);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
