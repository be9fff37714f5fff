package org.povertyalleviation.portal.households;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The year's income by month as bars drawn on the server (inline SVG): the household page stays readable without
 * JavaScript and adds nothing to download on a slow link. Heights are relative to the year's best month.
 *
 * @param bars   one per month, January first
 * @param height the drawing's height the bars scale to
 */
record LedgerChart(List<Bar> bars, int height) {

    static final int HEIGHT = 120;
    static final int BAR_WIDTH = 22;
    static final int GAP = 6;

    /** A month's bar: x and height in drawing units, the month (yyyy-MM) and its income in fen for the title. */
    record Bar(int x, int y, int height, String month, long fen) {
    }

    static LedgerChart of(int year, Map<String, Long> byMonthFen) {
        long best = byMonthFen == null ? 0 : byMonthFen.values().stream().mapToLong(Long::longValue).filter(v -> v > 0).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            String key = YearMonth.of(year, month).toString();
            long fen = byMonthFen == null ? 0 : Math.max(0, byMonthFen.getOrDefault(key, 0L));
            int height = best == 0 ? 0 : (int) Math.max(fen > 0 ? 1 : 0, Math.round((double) fen * HEIGHT / best));
            bars.add(new Bar((month - 1) * (BAR_WIDTH + GAP), HEIGHT - height, height, key, fen));
        }
        return new LedgerChart(List.copyOf(bars), HEIGHT);
    }

    public int width() {
        return 12 * (BAR_WIDTH + GAP) - GAP;
    }

    public int barWidth() {
        return BAR_WIDTH;
    }
}
