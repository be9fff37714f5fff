package org.povertyalleviation.crowdfunding.project.domain;

/** A project's progress: paid pledges and their sum, the pledges still waiting for payment, and distinct backers. */
public record Progress(long paidFen, int paidPledges, long pendingFen, int pendingPledges, int backers) {

    /** Percent of the goal paid, rounded down (may pass 100). */
    public int percentOf(long goalFen) {
        return (int) Math.min(Integer.MAX_VALUE, paidFen * 100 / goalFen);
    }
}
