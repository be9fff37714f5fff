package org.povertyalleviation.supplyplatform.workshop.domain;

/** How a day's work is paid: a day's wage, or by the piece. */
public enum WageBasis {
    DAY, PIECE
}
