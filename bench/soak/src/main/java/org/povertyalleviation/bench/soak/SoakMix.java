package org.povertyalleviation.bench.soak;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.bench.FixedRateLoad;

/**
 * The soak's requests: the i-th is drawn from the i alone (a hash of it, not a shared random generator), so the
 * listener can tell which kind an answer belongs to from its index and the same run sends the same mix. Reads are a
 * page of a list or one row by id; writes are keyed POSTs, each with an Idempotency-Key of its own, that append
 * (an income entry, a wage day of a worker of its own) or correct (a shop's monthly sales, ordered by the shop's row
 * lock), so none of them can be refused for a conflict the load itself made.
 */
final class SoakMix {

    enum Kind {
        HOUSEHOLD_LIST("GET households?limit=50", false), HOUSEHOLD("GET households/{id}", false),
        INCOME("POST households/{id}/income", true),
        SHOP_LIST("GET shops?limit=50", false), SHOP("GET shops/{id}", false), SALES("POST shops/{id}/sales-reports", true),
        ORGANISATION_LIST("GET organisations?limit=50", false), ORGANISATION("GET organisations/{id}", false),
        WAGE("POST workshops/{id}/wages", true);

        final String label;
        final boolean write;

        Kind(String label, boolean write) {
            this.label = label;
            this.write = write;
        }
    }

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final int SCALE = 10_000;

    private final String registry;
    private final String shops;
    private final String supply;
    private final List<UUID> households;
    private final List<UUID> supplyHouseholds;
    private final List<UUID> shopIds;
    private final UUID organisation;
    private final UUID workshop;
    private final String run;
    /** Cumulative weights out of {@link #SCALE}, in {@link Kind} order. */
    private final int[] cumulative = new int[Kind.values().length];
    private final YearMonth thisMonth = YearMonth.now(CHINA);
    private final LocalDate today = LocalDate.now(CHINA);

    /**
     * @param gateway    the gateway's base URL
     * @param writes     the share of writes, spread evenly over the three services; reads likewise, a third of each
     *                   service's reads a page of its list and two thirds one row
     * @param run        makes keys and references unique to this run (a second run against the same Redis is a new run)
     */
    SoakMix(String gateway, String county, List<UUID> households, List<UUID> supplyHouseholds, List<UUID> shopIds, UUID organisation,
            UUID workshop, double writes, String run) {
        this.registry = gateway + "/api/household-registry/counties/" + county;
        this.shops = gateway + "/api/shop-management/counties/" + county;
        this.supply = gateway + "/api/supply-platform/counties/" + county;
        this.households = households;
        this.supplyHouseholds = supplyHouseholds;
        this.shopIds = shopIds;
        this.organisation = organisation;
        this.workshop = workshop;
        this.run = run;
        int write = (int) Math.round(writes * SCALE / 3);
        int read = SCALE / 3 - write;
        int[] weights = {read / 3, read - read / 3, write};
        int total = 0;
        for (int k = 0; k < cumulative.length; k++) {
            total += weights[k % 3];
            cumulative[k] = total;
        }
        cumulative[cumulative.length - 1] = SCALE;
    }

    Kind kind(long index) {
        int draw = (int) Long.remainderUnsigned(hash(index), SCALE);
        for (int k = 0; k < cumulative.length; k++) {
            if (draw < cumulative[k]) {
                return Kind.values()[k];
            }
        }
        return Kind.values()[cumulative.length - 1];
    }

    /** Null for a 2xx (every 2xx is expected); otherwise the error as "kind status", e.g. "POST shops/{id}/sales-reports 503". */
    String error(long index, int status) {
        return status >= 200 && status < 300 ? null : kind(index).label + " " + (status == 0 ? "no answer" : Integer.toString(status));
    }

    /** The {@code index}-th request of the phase {@code phase} (its keys differ from every other phase's). */
    FixedRateLoad.Request request(String phase, long index) {
        long h = hash(index) >>> 16;
        String key = "soak-" + run + "-" + phase + "-" + index;
        return switch (kind(index)) {
            case HOUSEHOLD_LIST -> FixedRateLoad.Request.of(registry + "/households?limit=50");
            case HOUSEHOLD -> FixedRateLoad.Request.of(registry + "/households/" + pick(households, h));
            case INCOME -> post(registry + "/households/" + pick(households, h) + "/income", key, "{\"month\":\"" + thisMonth.minusMonths(h % 12)
                    + "\",\"source\":\"OTHER\",\"amountFen\":" + (100 + h % 100_000) + ",\"reference\":\"" + key + "\",\"note\":\"soak\"}");
            case SHOP_LIST -> FixedRateLoad.Request.of(shops + "/shops?limit=50");
            case SHOP -> FixedRateLoad.Request.of(shops + "/shops/" + pick(shopIds, h));
            case SALES -> post(shops + "/shops/" + pick(shopIds, h) + "/sales-reports", key, "{\"month\":\"" + thisMonth.minusMonths(h % 12)
                    + "\",\"orders\":" + (1 + h % 500) + ",\"grossFen\":" + (1 + h % 500) * 3_900 + ",\"refundsFen\":" + h % 1_000 + "}");
            case ORGANISATION_LIST -> FixedRateLoad.Request.of(supply + "/organisations?limit=50");
            // Not the workshop: its answer sums its unpaid wage days, which the load adds to all the time, so its
            // latency would climb for a reason of the load's making.
            case ORGANISATION -> FixedRateLoad.Request.of(supply + "/organisations/" + organisation);
            // A worker of its own: the same worker, day and task twice is a 409 (the service's rule), which random
            // workers would hit by chance.
            case WAGE -> post(supply + "/workshops/" + workshop + "/wages", key, "{\"household\":\"" + pick(supplyHouseholds, h) + "\",\"worker\":\""
                    + key + "\",\"workedOn\":\"" + today.minusDays(h % 28) + "\",\"basis\":\"DAY\",\"task\":\"分拣\",\"amountFen\":"
                    + (9_000 + h % 6_000) + "}");
        };
    }

    private static FixedRateLoad.Request post(String url, String key, String json) {
        return FixedRateLoad.Request.post(url, Map.of("Idempotency-Key", key), json);
    }

    private static <T> T pick(List<T> list, long h) {
        return list.get((int) (h % list.size()));
    }

    /** SplitMix64's finaliser: neighbouring indexes draw unrelated kinds and rows. */
    private static long hash(long index) {
        long z = index * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
