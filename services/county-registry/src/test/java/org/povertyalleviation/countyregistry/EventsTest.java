package org.povertyalleviation.countyregistry;

import org.povertyalleviation.platform.contracts.ServiceEventsTest;

/** Every event this service publishes, against its contract in docs/events. */
class EventsTest extends ServiceEventsTest {
}
