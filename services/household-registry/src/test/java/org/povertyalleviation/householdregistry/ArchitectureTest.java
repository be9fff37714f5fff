package org.povertyalleviation.householdregistry;

import java.util.Set;

import org.povertyalleviation.platform.architecture.ServiceArchitectureTest;

/** The platform's layering rules (ServiceArchitectureTest) over this service's packages. */
class ArchitectureTest extends ServiceArchitectureTest {

    /**
     * Written down when the rules became the platform's (issue 15): these controllers, consumers and the event writer
     * still take persistence rows, and the flat features' controllers sit beside their queries. The list may only shrink.
     */
    @Override
    protected Set<String> layeringDebt() {
        return Set.of(
                "org.povertyalleviation.householdregistry.earlywarning.EarlyWarningController",
                "org.povertyalleviation.householdregistry.earlywarning.messaging.DormantShopConsumer",
                "org.povertyalleviation.householdregistry.exporting.HouseholdExport",
                "org.povertyalleviation.householdregistry.household.messaging.HouseholdEvents",
                "org.povertyalleviation.householdregistry.household.web.HouseholdController",
                "org.povertyalleviation.householdregistry.household.web.HouseholdResponses",
                "org.povertyalleviation.householdregistry.importing.web.ImportController",
                "org.povertyalleviation.householdregistry.income.web.IncomeController",
                "org.povertyalleviation.householdregistry.personaldata.KeyRotation",
                "org.povertyalleviation.householdregistry.statistics.CountyStatisticsController");
    }
}
