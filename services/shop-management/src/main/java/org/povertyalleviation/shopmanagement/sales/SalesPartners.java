package org.povertyalleviation.shopmanagement.sales;

import java.util.Map;
import java.util.Set;

import org.povertyalleviation.shopmanagement.shop.domain.SalesPlatform;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which partner platform a shop's sales come from: a partner client (its client id) reports the monthly sales of the
 * shops on the marketplaces it is bound to, and of no other shop of the counties it was granted. County staff report
 * for any shop of their county.
 *
 * @param partnerPlatforms client id → the marketplaces whose shops it reports for (e.g. partner-jd: [JD])
 */
@ConfigurationProperties("shop-management.sales")
public record SalesPartners(Map<String, Set<SalesPlatform>> partnerPlatforms) {

    public SalesPartners {
        partnerPlatforms = partnerPlatforms == null ? Map.of() : Map.copyOf(partnerPlatforms);
    }

    /** Whether the partner reports for shops on this marketplace. */
    public boolean bound(String partner, SalesPlatform platform) {
        return partnerPlatforms.getOrDefault(partner, Set.of()).contains(platform);
    }
}
