package org.povertyalleviation.crowdfunding.project.domain;

import java.util.UUID;

/** A household's share of a project's proceeds, in basis points of the whole (10,000 is all of it). */
public record Share(UUID household, int basisPoints) {

    public static final int WHOLE = 10_000;
}
