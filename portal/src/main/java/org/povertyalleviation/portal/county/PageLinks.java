package org.povertyalleviation.portal.county;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/** Keyset paging links for the list pages. */
public final class PageLinks {

    private PageLinks() {
    }

    /** The same list from another point: the filters stay, only {@code after} changes (null: the first page). */
    public static String after(ServerWebExchange exchange, String after) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromPath(exchange.getRequest().getPath().value())
                .queryParams(exchange.getRequest().getQueryParams()).replaceQueryParam("after");
        if (after != null) {
            builder.queryParam("after", after);
        }
        return builder.encode().build().toUriString();
    }
}
