package org.povertyalleviation.countyregistry.village;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A county's townships and villages as a CSV, checked whole before anything is written. Columns:
 * {@code township_code,township_name,village_code,village_name,poor[,latitude,longitude]}. Township codes are
 * the county code and 3 digits, village codes the township code and 3 digits (GB/T 10114 style). Every rejected
 * row is reported with its line number; one bad row rejects the file.
 */
public final class VillageList {

    public record Township(String code, String nameZh) {
    }

    public record Village(String code, String townshipCode, String nameZh, boolean poor, Double latitude, Double longitude) {
    }

    /** A line of the file that cannot be accepted, and why. */
    public record Rejection(int line, String reason) {
    }

    public record Parsed(List<Township> townships, List<Village> villages, List<Rejection> rejections) {
        public boolean accepted() {
            return rejections.isEmpty();
        }
    }

    public static final String HEADER = "township_code,township_name,village_code,village_name,poor";
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private VillageList() {
    }

    public static Parsed parse(String countyCode, String csv) {
        List<Rejection> rejections = new ArrayList<>();
        Map<String, Township> townships = new LinkedHashMap<>();
        List<Village> villages = new ArrayList<>();
        Map<String, Integer> villageLines = new HashMap<>();
        String[] lines = csv.strip().split("\\R");
        if (lines.length == 0 || !lines[0].strip().replace("\uFEFF", "").startsWith(HEADER)) {
            return new Parsed(List.of(), List.of(), List.of(new Rejection(1, "the first line must be the header " + HEADER
                    + "[,latitude,longitude]")));
        }
        if (lines.length == 1) {
            return new Parsed(List.of(), List.of(), List.of(new Rejection(1, "the file has no villages")));
        }
        for (int i = 1; i < lines.length; i++) {
            int line = i + 1;
            if (lines[i].isBlank()) {
                continue;
            }
            String[] cells = lines[i].split(",", -1);
            if (cells.length != 5 && cells.length != 7) {
                rejections.add(new Rejection(line, "expected 5 or 7 columns, found " + cells.length));
                continue;
            }
            String townshipCode = cells[0].strip();
            String townshipName = cells[1].strip();
            String villageCode = cells[2].strip();
            String villageName = cells[3].strip();
            String poor = cells[4].strip().toLowerCase();
            List<String> problems = new ArrayList<>();
            if (!DIGITS.matcher(townshipCode).matches() || townshipCode.length() != 9 || !townshipCode.startsWith(countyCode)) {
                problems.add("township code " + townshipCode + " is not " + countyCode + " followed by 3 digits");
            }
            if (!DIGITS.matcher(villageCode).matches() || villageCode.length() != 12 || !villageCode.startsWith(townshipCode)) {
                problems.add("village code " + villageCode + " is not its township's code followed by 3 digits");
            }
            if (townshipName.isEmpty() || villageName.isEmpty()) {
                problems.add("township and village names are required");
            }
            if (!poor.equals("true") && !poor.equals("false")) {
                problems.add("poor must be true or false, not " + cells[4].strip());
            }
            Double latitude = null;
            Double longitude = null;
            if (cells.length == 7 && !(cells[5].isBlank() && cells[6].isBlank())) {
                try {
                    latitude = Double.valueOf(cells[5].strip());
                    longitude = Double.valueOf(cells[6].strip());
                    if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
                        problems.add("coordinates out of range");
                    }
                } catch (NumberFormatException e) {
                    problems.add("coordinates must be decimal degrees");
                }
            }
            Township known = townships.get(townshipCode);
            if (known != null && !known.nameZh().equals(townshipName)) {
                problems.add("township " + townshipCode + " is named " + known.nameZh() + " on an earlier line");
            }
            Integer earlier = villageLines.putIfAbsent(villageCode, line);
            if (earlier != null) {
                problems.add("village code " + villageCode + " also on line " + earlier);
            }
            if (!problems.isEmpty()) {
                rejections.add(new Rejection(line, String.join("; ", problems)));
                continue;
            }
            townships.putIfAbsent(townshipCode, new Township(townshipCode, townshipName));
            villages.add(new Village(villageCode, townshipCode, villageName, poor.equals("true"), latitude, longitude));
        }
        return new Parsed(List.copyOf(townships.values()), List.copyOf(villages), List.copyOf(rejections));
    }

}
