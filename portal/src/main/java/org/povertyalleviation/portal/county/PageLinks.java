package org.povertyalleviation.portal.county;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/** Links to the same page with one query parameter changed: keyset paging, a day before or after. */
public final class PageLinks {

    private PageLinks() {
    }

    /** The same list from another point: the filters stay, only {@code after} changes (null: the first page). */
    public static String after(ServerWebExchange exchange, String after) {
        return with(exchange, "after", after);
    }

    /** The same page with {@code name} set to {@code value} (null: without it); the other parameters stay. */
    public static String with(ServerWebExchange exchange, String name, Object value) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromPath(exchange.getRequest().getPath().value())
                .queryParams(exchange.getRequest().getQueryParams()).replaceQueryParam(name);
        if (value != null) {
            builder.queryParam(name, value);
        }
        return builder.encode().build().toUriString();
    }
}
