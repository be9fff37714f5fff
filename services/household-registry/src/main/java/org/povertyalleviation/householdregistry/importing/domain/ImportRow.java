package org.povertyalleviation.householdregistry.importing.domain;

import java.util.Map;

/** One row of a household file: its line (1 is the header) and its cells by column, blank cells absent. */
public record ImportRow(int line, Map<Column, String> cells) {

    public String get(Column column) {
        String value = cells.get(column);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
