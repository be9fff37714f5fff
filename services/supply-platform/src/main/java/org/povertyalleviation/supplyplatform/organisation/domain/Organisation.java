package org.povertyalleviation.supplyplatform.organisation.domain;

import java.time.Instant;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;

/** An enterprise, cooperative or association of a county, known by its unified social credit code. */
public record Organisation(UUID id, CountyCode county, OrganisationKind kind, String name, SocialCreditCode legalId,
                           String contactName, String village, String registeredBy, Instant registeredAt) {

    public static final int MAX_NAME = 100;
    public static final int MAX_CONTACT = 50;

    public static Organisation register(CountyCode county, OrganisationKind kind, String name, String legalId, String contactName,
                                        String village, String registeredBy, Instant now) {
        return new Organisation(UUID.randomUUID(), county, kind, name.strip(), new SocialCreditCode(legalId), contactName.strip(),
                village, registeredBy, now);
    }
}
