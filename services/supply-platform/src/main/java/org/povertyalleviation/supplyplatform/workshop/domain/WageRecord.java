package org.povertyalleviation.supplyplatform.workshop.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;

/**
 * A registered person's pay for one day's task in a workshop; the person is named by a pseudonymous reference (the
 * registry's member id or the workshop's own number), never by name or ID number. Unpaid until a payday takes it.
 */
public record WageRecord(UUID id, CountyCode county, UUID workshop, UUID household, String worker, LocalDate workedOn, String task, Wage wage,
                         UUID payday, String recordedBy, Instant recordedAt) {

    public static final int MAX_WORKER = 40;
    public static final int MAX_TASK = 50;
    /** Letters, digits and dashes, and not the shape of a resident ID (15 or 18) or a mobile number (11 digits). */
    public static final String PSEUDONYM = "(?!\\d{11}$|\\d{15}$|\\d{17}[0-9Xx]$)[A-Za-z0-9-]+";
}
