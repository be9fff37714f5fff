package org.povertyalleviation.supplyplatform.product.messaging;

import org.povertyalleviation.platform.events.EventType;
import org.povertyalleviation.platform.events.PublishedEvent;

/** certification.expiring.v1 (docs/events/): a listed product's certificate expires in 30 or 7 days; sent once for each. */
@EventType(value = "certification.expiring.v1", topic = "supply.events")
public record CertificationExpiring(String county, String product, String certification, String kind, String number, String validTo,
                                    int daysAhead) implements PublishedEvent {

    @Override
    public String subject() {
        return product;
    }
}
