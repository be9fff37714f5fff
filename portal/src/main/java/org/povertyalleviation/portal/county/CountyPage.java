package org.povertyalleviation.portal.county;

import org.springframework.ui.Model;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The county a page under /counties/{county} shows, checked against the user's counties; the page's model gets the
 * county and the signed-in user (the header needs both).
 */
public final class CountyPage {

    private CountyPage() {
    }

    public static Mono<County> of(Viewers viewers, ServerWebExchange exchange, String code, Model model) {
        return viewers.current(exchange).flatMap(viewer -> {
            County county = viewer.county(code);
            if (county == null) {
                return Mono.error(new UnknownCounty(code));
            }
            model.addAttribute("viewer", viewer);
            model.addAttribute("current", county);
            return Mono.just(county);
        });
    }

    /** A page outside any county (the comparison): the user only. */
    public static Mono<Viewer> viewer(Viewers viewers, ServerWebExchange exchange, Model model) {
        return viewers.current(exchange).doOnNext(viewer -> model.addAttribute("viewer", viewer));
    }
}
