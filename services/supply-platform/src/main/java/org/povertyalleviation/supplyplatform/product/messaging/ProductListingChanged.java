package org.povertyalleviation.supplyplatform.product.messaging;

import java.util.List;

import org.povertyalleviation.platform.events.EventType;
import org.povertyalleviation.platform.events.PublishedEvent;

/**
 * product.listing-changed.v1 (docs/events/): a product was registered, or became listed or unlisted for sale (a
 * required certificate expired or arrived, an inspection failed or passed). A partner's catalogue sync follows it.
 */
@EventType(value = "product.listing-changed.v1", topic = "supply.events")
public record ProductListingChanged(String county, String product, String organisation, String name, String category, String unit,
                                    boolean listed, List<String> reasons, String on) implements PublishedEvent {

    @Override
    public String subject() {
        return product;
    }
}
