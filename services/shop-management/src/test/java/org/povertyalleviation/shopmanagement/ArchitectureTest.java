package org.povertyalleviation.shopmanagement;

import java.util.Set;

import org.povertyalleviation.platform.architecture.ServiceArchitectureTest;

/** The platform's layering rules (ServiceArchitectureTest) over this service's packages. */
class ArchitectureTest extends ServiceArchitectureTest {

    /**
     * Written down when the rules became the platform's (issue 15): these controllers and the event writer still take
     * persistence rows, and the flat features' controllers sit beside their queries. The list may only shrink.
     */
    @Override
    protected Set<String> layeringDebt() {
        return Set.of(
                "org.povertyalleviation.shopmanagement.coverage.VillageCoverage",
                "org.povertyalleviation.shopmanagement.dormancy.DormancyCheck",
                "org.povertyalleviation.shopmanagement.household.HouseholdShops",
                "org.povertyalleviation.shopmanagement.sales.web.SalesController",
                "org.povertyalleviation.shopmanagement.shop.messaging.ShopEvents",
                "org.povertyalleviation.shopmanagement.shop.web.ShopController",
                "org.povertyalleviation.shopmanagement.statistics.CountyStatistics",
                "org.povertyalleviation.shopmanagement.subsidy.web.SubsidyController");
    }
}
