package org.povertyalleviation.supplyplatform.share.domain;

/** What a household put into an organisation: money, land (valued), or its industry-to-household support fund. */
public enum StakeKind {
    MONEY, LAND, FUND
}
