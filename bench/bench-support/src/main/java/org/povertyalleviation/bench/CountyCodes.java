package org.povertyalleviation.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Made-up but well-formed administrative codes (GB/T 2260 shape): county codes of six digits that end neither in
 * 00 (a city) nor 0000 (a province), and for each county its villages, twenty to a township: village {@code v}
 * (0-based) of county {@code c} is {@code c + (101 + v / 20) + (201 + v % 20)}, in township {@code c + (101 + v / 20)},
 * the shape the service's own tests use (621222101201).
 */
public final class CountyCodes {

    /** The province prefixes of mainland China; each gets up to {@value #CITIES} cities of {@value #COUNTIES} counties. */
    private static final int[] PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
            50, 51, 52, 53, 54, 61, 62, 63, 64, 65};
    private static final int CITIES = 4;
    private static final int COUNTIES = 9;
    public static final int MAX = PROVINCES.length * CITIES * COUNTIES;
    public static final int VILLAGES_PER_TOWNSHIP = 20;

    private CountyCodes() {
    }

    /** {@code count} distinct county codes, the same ones on every run. */
    public static List<String> counties(int count) {
        List<String> codes = new ArrayList<>(count);
        for (int city = 1; city <= CITIES; city++) {
            for (int province : PROVINCES) {
                for (int county = 21; county < 21 + COUNTIES; county++) {
                    if (codes.size() == count) {
                        return codes;
                    }
                    codes.add(String.format("%02d%02d%02d", province, city, county));
                }
            }
        }
        if (codes.size() < count) {
            throw new IllegalArgumentException("At most " + MAX + " counties");
        }
        return codes;
    }

    public static String township(String county, int village) {
        return county + (101 + village / VILLAGES_PER_TOWNSHIP);
    }

    public static String village(String county, int village) {
        return township(county, village) + (201 + village % VILLAGES_PER_TOWNSHIP);
    }

    public static int townships(int villages) {
        return (villages + VILLAGES_PER_TOWNSHIP - 1) / VILLAGES_PER_TOWNSHIP;
    }
}
