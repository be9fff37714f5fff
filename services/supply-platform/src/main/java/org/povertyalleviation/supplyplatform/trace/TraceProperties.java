package org.povertyalleviation.supplyplatform.trace;

import java.net.URI;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Traceability's settings.
 *
 * @param publicBaseUri   where the public pages are reached from a phone: the gateway's public address followed by
 *                        the service's /trace path (https://trace.example.cn/api/supply-platform/trace); every code
 *                        printed holds it, so it must stay stable once labels are printed
 * @param brands          a county's brand on its public pages (by county code); "{county name}" plus the bundle's suffix
 *                        otherwise
 * @param suspicionPlaces the networks (IPv4 /16, IPv6 /32) one serial may be scanned from before it is suspected to be
 *                        a copy: the nearest we get to "scanned in two cities" without a location database
 * @param suspicionScans  the scans of one serial before it is suspected to be a copy
 * @param pageCache       how long a replica serves a published lot's public page (everything but a pack's scans) from
 *                        memory: a change of the lot (withdrawn, a new public step) shows within it; 0 for never cached
 */
@ConfigurationProperties("supply-platform.trace")
public record TraceProperties(URI publicBaseUri, Map<String, String> brands, Integer suspicionPlaces, Integer suspicionScans,
                              java.time.Duration pageCache) {

    public TraceProperties {
        publicBaseUri = publicBaseUri == null ? URI.create("http://localhost:8080/api/supply-platform/trace") : publicBaseUri;
        brands = brands == null ? Map.of() : Map.copyOf(brands);
        suspicionPlaces = suspicionPlaces == null ? 2 : suspicionPlaces;
        suspicionScans = suspicionScans == null ? 200 : suspicionScans;
        pageCache = pageCache == null ? java.time.Duration.ofSeconds(60) : pageCache;
        if (suspicionPlaces < 2 || suspicionScans < 2) {
            throw new IllegalArgumentException("supply-platform.trace.suspicion-places and suspicion-scans are at least 2");
        }
    }

    /** The address a lot's or pack's code holds: GS1 Digital Link's when the product has a GTIN, the short path otherwise. */
    public String codeUri(String gtin, String lotCode, String serial) {
        String base = publicBaseUri.toString().replaceAll("/+$", "");
        if (gtin != null) {
            return base + "/01/" + gtin + "/10/" + lotCode + (serial == null ? "" : "/21/" + serial);
        }
        return base + "/" + lotCode + (serial == null ? "" : "/" + serial);
    }
}
