package org.povertyalleviation.crowdfunding;

import org.povertyalleviation.platform.architecture.ServiceArchitectureTest;

/** The platform's layering rules over this service's packages. */
class ArchitectureTest extends ServiceArchitectureTest {
}
