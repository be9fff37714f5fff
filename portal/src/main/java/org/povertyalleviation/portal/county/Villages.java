package org.povertyalleviation.portal.county;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.povertyalleviation.portal.gateway.Gateway;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** A county's villages by code, to show names where the services answer with codes. */
@Component
public class Villages {

    /** The county registry's page maximum; a county has a few hundred villages. */
    private static final int PAGE = 1000;

    /** A village; the registry may not know its place (latitude and longitude null). */
    public record Village(String code, String townshipCode, String nameZh, boolean poor, Double latitude, Double longitude) {

        public boolean placed() {
            return latitude != null && longitude != null;
        }
    }

    public record Township(String code, String nameZh) {
    }

    private final Gateway gateway;

    Villages(Gateway gateway) {
        this.gateway = gateway;
    }

    public Mono<Map<String, Village>> of(String county) {
        return page(county, null, new LinkedHashMap<>());
    }

    private Mono<Map<String, Village>> page(String county, String after, Map<String, Village> found) {
        return gateway.list(uri -> {
                    uri.path(Gateway.COUNTY_REGISTRY + "/counties/{county}/villages").queryParam("limit", PAGE);
                    if (after != null) {
                        uri.queryParam("after", after);
                    }
                    return uri.build(county);
                }, Village.class)
                .flatMap(villages -> {
                    villages.forEach(village -> found.put(village.code(), village));
                    return villages.size() < PAGE ? Mono.just(found) : page(county, villages.get(villages.size() - 1).code(), found);
                });
    }

    public Mono<Map<String, String>> townships(String county) {
        return gateway.list(uri -> uri.path(Gateway.COUNTY_REGISTRY + "/counties/{county}/townships").build(county), Township.class)
                .map(list -> {
                    Map<String, String> names = new LinkedHashMap<>();
                    list.forEach(township -> names.put(township.code(), township.nameZh()));
                    return names;
                });
    }

    public static List<Village> sorted(Map<String, Village> villages) {
        return villages.values().stream().sorted(java.util.Comparator.comparing(Village::code)).toList();
    }
}
