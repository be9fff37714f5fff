package org.povertyalleviation.portal.crowdfunding;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The crowdfunding service's answers, as the crowdfunding pages use them (its ProjectController, PledgeController and
 * SettlementController, DeliveryController), and logistics booking's windows the rewards are dispatched into. Amounts are fen as the service keeps them; only the pages' {@code fmt.yuan} makes yuan.
 * Backers are the partners' pseudonymous references: the service holds no names, and neither does the portal.
 */
final class Crowdfunding {

    /** The service's ProjectStatus, PledgeStatus and Refund.Status, in its order. */
    static final List<String> STATUSES = List.of("DRAFT", "SUBMITTED", "REVIEWED", "PUBLISHED", "FUNDED", "FAILED", "CANCELLED", "DELIVERED");
    static final List<String> PLEDGE_STATUSES = List.of("PENDING", "PAID", "FAILED", "DROPPED", "REFUNDING", "REFUNDED");
    static final List<String> REFUND_STATUSES = List.of("REQUESTED", "SENT", "CONFIRMED");
    static final List<String> OWNER_KINDS = List.of("HOUSEHOLD", "COOPERATIVE");
    /** From publication on a project has pledges, a settlement's money and perhaps refunds. */
    static final Set<String> PUBLISHED_OR_LATER = Set.of("PUBLISHED", "FUNDED", "FAILED", "CANCELLED", "DELIVERED");

    private Crowdfunding() {
    }

    /** Basis points as a percentage, exactly and without a double: 2500 is "25", 3334 is "33.34". */
    static String percent(int basisPoints) {
        String whole = Integer.toString(basisPoints / 100);
        int hundredths = Math.abs(basisPoints % 100);
        return hundredths == 0 ? whole : whole + "." + (hundredths < 10 ? "0" : "") + hundredths;
    }

    /** @param lotCode the traced lot the reward ships from, once tied (null until then) */
    record Tier(UUID id, int position, String name, String product, String quantity, int weightGrams, long priceFen, int limit, int taken,
                int left, String lotCode, String lotProduct) {
    }

    /** @param basisPoints the household's share of the proceeds (10000 = all) */
    record Share(UUID household, int basisPoints) {

        public String percent() {
            return Crowdfunding.percent(basisPoints);
        }
    }

    /** @param percent paid against the goal, as the service rounds it (may pass 100) */
    record Progress(long paidFen, int paidPledges, long pendingFen, int pendingPledges, int backers, int percent) {

        /** The bar's value: a funded project past its goal shows a full bar, the figure says by how much. */
        public int bar() {
            return Math.min(Math.max(percent, 0), 100);
        }
    }

    record Project(UUID id, String county, String ownerKind, UUID household, String cooperative, String village, String title, String story,
                   List<String> photos, long goalFen, Instant startsAt, Instant deadline, LocalDate deliveryFrom, LocalDate deliveryTo,
                   String status, String createdBy, Instant createdAt, String submittedBy, String reviewedBy, String reviewNote,
                   String approvedBy, Instant publishedAt, Instant settledAt, String cancelledBy, String cancelReason, String deliveredBy,
                   Instant deliveredAt, List<Tier> tiers, List<Share> shares, Progress progress) {

        public boolean published() {
            return PUBLISHED_OR_LATER.contains(status);
        }
    }

    /** @param backerRef the partner's pseudonymous reference of the backer */
    record Pledge(UUID id, UUID tier, String client, String backerRef, int quantity, long amountFen, String paymentPartner, String status,
                  Instant createdAt, Instant paidAt) {
    }

    /** @param outcome FUNDED or FAILED */
    record Settlement(String outcome, long raisedFen, long goalFen, int paidPledges, int droppedPledges, int refunds, Instant settledAt) {
    }

    record Payout(UUID household, int basisPoints, long amountFen, LocalDate paidOn) {

        public String percent() {
            return Crowdfunding.percent(basisPoints);
        }
    }

    /** @param kind PLEDGE_PAID, REFUND_CONFIRMED or PAYOUT */
    record Entry(UUID id, String kind, long amountFen, UUID pledge, UUID refund, UUID household, Instant bookedAt) {
    }

    record Money(long inFen, long refundedFen, long paidOutFen, long balanceFen, long pendingRefundFen, int pendingRefunds, List<Entry> latest) {
    }

    /** @param settlement null until the deadline's settlement */
    record ProjectSettlement(UUID project, String status, Settlement settlement, List<Payout> payouts, Money money) {
    }

    /** @param reason GOAL_MISSED, PROJECT_CANCELLED, UNDELIVERED or LATE_PAYMENT; @param status REQUESTED, SENT or CONFIRMED */
    record Refund(UUID id, UUID pledge, UUID project, long amountFen, String reason, String note, String status, int attempts,
                  Instant nextAttemptAt, String lastError, Instant requestedAt, Instant confirmedAt, String paymentPartner) {
    }

    /** Projects whose rewards are on their way (FUNDED) or were delivered (DELIVERED, read only): the delivery section's. */
    static final Set<String> DELIVERING = Set.of("FUNDED", "DELIVERED");
    /** A booking in these states no longer carries its reward: dispatching again books it anew (the service's rule). */
    static final Set<String> NOT_CARRYING = Set.of("CANCELLED", "RETURNED");

    /** @param state logistics booking's shipment state (BOOKED … DELIVERED, FAILED, RETURNED, CANCELLED); @param updatedAt when it was reported */
    record Shipment(UUID booking, String state, Instant updatedAt) {
    }

    /** A paid reward on its way to its backer: the lot it ships from (with its public trace page) and its shipment, once booked. */
    record Reward(UUID pledge, String client, String backerRef, int quantity, UUID tier, String tierName, String lotCode, String traceUrl,
                  Shipment shipment) {

        /** Carried by a booking: what the service counts as dispatched (a cancelled or returned booking is booked again). */
        public boolean dispatched() {
            return shipment != null && !NOT_CARRYING.contains(shipment.state());
        }
    }

    record Booked(UUID pledge, UUID booking) {
    }

    /** A window with room that logistics booking proposed when the chosen one was full (same node). */
    record Alternative(UUID slot, LocalDate day, LocalTime windowStart, LocalTime windowEnd, BigDecimal freeKg, int freeParcels) {
    }

    /** @param remaining paid rewards still without a booking; @param alternatives when the window filled up, the next ones with room */
    record Dispatch(List<Booked> booked, int remaining, List<Alternative> alternatives) {
    }

    /** A logistics node, as far as the dispatch form needs it: the village's post (or its township's station) and its name. */
    record Node(UUID id, String level, String name, String township, String village) {
    }

    record Network(List<Node> nodes) {
    }

    /** A pickup window of logistics booking with its room. */
    record Window(UUID id, UUID node, LocalDate day, String kind, LocalTime windowStart, LocalTime windowEnd, BigDecimal freeKg, int freeParcels,
                  boolean cold) {
    }
}
