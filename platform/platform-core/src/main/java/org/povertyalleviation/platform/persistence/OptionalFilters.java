package org.povertyalleviation.platform.persistence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A list's optional filters: each given value adds its condition and its parameter together, so that the SQL and
 * the bindings cannot disagree; a value left out adds neither. Enums are bound by name.
 */
public final class OptionalFilters {

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** @param condition SQL naming {@code :parameter}, added with {@code and} when {@code value} is not null */
    public OptionalFilters and(String condition, String parameter, Object value) {
        if (value != null) {
            conditions.add(condition);
            values.put(parameter, value instanceof Enum<?> constant ? constant.name() : value);
        }
        return this;
    }

    /** The conditions to append after a {@code where}, each as {@code " and …"}; empty without any. */
    public String sql() {
        StringBuilder sql = new StringBuilder();
        conditions.forEach(condition -> sql.append(" and ").append(condition));
        return sql.toString();
    }

    public DatabaseClient.GenericExecuteSpec bindTo(DatabaseClient.GenericExecuteSpec spec) {
        for (Map.Entry<String, Object> value : values.entrySet()) {
            spec = spec.bind(value.getKey(), value.getValue());
        }
        return spec;
    }
}
