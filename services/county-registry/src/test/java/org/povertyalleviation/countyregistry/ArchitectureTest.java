package org.povertyalleviation.countyregistry;

import java.util.Set;

import org.povertyalleviation.platform.architecture.ServiceArchitectureTest;

/**
 * The platform's layering rules (ServiceArchitectureTest) over this service's packages. Its controllers are in web
 * packages; its rules and queries still sit together in each feature's package (no domain or persistence split yet),
 * so the domain and row rules have nothing to check here until they are split out.
 */
class ArchitectureTest extends ServiceArchitectureTest {

    @Override
    protected Set<String> rolesNotSplitYet() {
        return Set.of("domain", "persistence");
    }
}
