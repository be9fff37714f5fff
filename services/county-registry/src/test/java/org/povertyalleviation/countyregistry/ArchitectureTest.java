package org.povertyalleviation.countyregistry;

import java.util.Set;

import org.povertyalleviation.platform.architecture.ServiceArchitectureTest;

/**
 * The platform's layering rules (ServiceArchitectureTest) over this service's packages. Its three features are
 * still flat (controller, repository and rules side by side): the rules hold for whatever it splits out, and the
 * list below may only shrink.
 */
class ArchitectureTest extends ServiceArchitectureTest {

    @Override
    protected Set<String> rolesNotSplitYet() {
        return Set.of("domain", "web", "persistence");
    }

    @Override
    protected Set<String> layeringDebt() {
        return Set.of(
                "org.povertyalleviation.countyregistry.county.CountyController",
                "org.povertyalleviation.countyregistry.onboarding.OnboardingController",
                "org.povertyalleviation.countyregistry.village.VillageController");
    }
}
