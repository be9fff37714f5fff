package org.povertyalleviation.training;

import org.povertyalleviation.platform.service.ServiceIT;

/** The service on the platform's test base (ServiceIT); a service adds only its own properties and helpers here. */
public abstract class TrainingIT extends ServiceIT {
}
