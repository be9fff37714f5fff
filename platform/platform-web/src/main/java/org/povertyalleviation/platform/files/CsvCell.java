package org.povertyalleviation.platform.files;

/**
 * One cell of a CSV file the platform writes (exports, rejected rows): text from users' input must not become a
 * formula when a clerk opens the file in a spreadsheet (CSV injection). A cell starting with {@code = + - @}, a tab
 * or a carriage return is prefixed with an apostrophe, which spreadsheets show as text; a cell with a comma, a quote
 * or a line break is quoted (RFC 4180).
 */
public final class CsvCell {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private CsvCell() {
    }

    /** The cell as written; null is empty. */
    public static String of(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quoted = safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r");
        return quoted ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
