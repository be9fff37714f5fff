package org.povertyalleviation.crowdfunding;

import org.povertyalleviation.platform.contracts.ServiceEventsTest;

/** Every event this service publishes, against its contract in the catalogue. */
class EventsTest extends ServiceEventsTest {
}
