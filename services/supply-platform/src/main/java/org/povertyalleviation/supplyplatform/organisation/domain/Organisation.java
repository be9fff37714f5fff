package org.povertyalleviation.supplyplatform.organisation.domain;

import java.time.Instant;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;

/** An enterprise, cooperative or association of a county, known by its unified social credit code. */
public record Organisation(UUID id, CountyCode county, OrganisationKind kind, String name, SocialCreditCode legalId,
                           String contactName, String village, String registeredBy, Instant registeredAt) {

    public static final int MAX_NAME = 100;
    public static final int MAX_CONTACT = 50;

    /** Seven digits in a row are a phone number (or part of an ID number): personal data the contact never holds. */
    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d{7}");

    public static Organisation register(CountyCode county, OrganisationKind kind, String name, String legalId, String contactName,
                                        String village, String registeredBy, Instant now) {
        if (DIGITS.matcher(contactName).find()) {
            throw RuleRefusedException.violated("contact-is-personal-data",
                    "The contact names a person or a function; a phone number is personal data the platform does not keep here", "contactName");
        }
        return new Organisation(UUID.randomUUID(), county, kind, name.strip(), new SocialCreditCode(legalId), contactName.strip(),
                village, registeredBy, now);
    }
}
