package org.povertyalleviation.supplyplatform.workshop.domain;

import java.time.Instant;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;

/** An e-commerce poverty-alleviation workshop (扶贫车间) of an organisation, in a village. */
public record Workshop(UUID id, CountyCode county, UUID organisation, String name, String village, String openedBy, Instant openedAt) {

    public static final int MAX_NAME = 100;
}
