package org.povertyalleviation.supplyplatform.order.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;

/**
 * One household's delivery under an order, with what it pays at the order's price and the premium above the month's
 * reference price (DeliveryPayment). Paying it puts the whole amount into the household's ledger; correcting a paid
 * delivery raises its revision so that the ledger replaces the amount.
 */
public record Delivery(UUID id, CountyCode county, UUID order, UUID household, LocalDate deliveredOn, long quantityMilli, String grade,
                       long referencePriceFen, DeliveryPayment payment, DeliveryStatus status, LocalDate paidOn, int revision,
                       String recordedBy, Instant recordedAt) {

    public static final int MAX_GRADE = 30;

    public static Delivery record(CountyCode county, PurchaseOrder order, UUID household, LocalDate deliveredOn, long quantityMilli,
                                  String grade, long referencePriceFen, String recordedBy, Instant now) {
        order.requireInSeason(deliveredOn);
        DeliveryPayment payment = DeliveryPayment.of(quantityMilli, order.priceFen(), referencePriceFen);
        return new Delivery(UUID.randomUUID(), county, order.id(), household, deliveredOn, quantityMilli, grade.strip(), referencePriceFen,
                payment, DeliveryStatus.RECORDED, null, 1, recordedBy, now);
    }

    public Delivery pay(LocalDate on, LocalDate today) {
        if (status == DeliveryStatus.PAID) {
            throw RuleRefusedException.stateConflict("already-paid", "Delivery " + id + " was paid on " + paidOn + ": correct it instead");
        }
        if (on.isBefore(deliveredOn) || on.isAfter(today)) {
            throw RuleRefusedException.violated("invalid-payment-date", "A delivery is paid on or after its delivery (" + deliveredOn
                    + ") and not after today", "paidOn");
        }
        return new Delivery(id, county, order, household, deliveredOn, quantityMilli, grade, referencePriceFen, payment, DeliveryStatus.PAID,
                on, revision, recordedBy, recordedAt);
    }

    /** A new quantity or grade; a paid delivery's next revision replaces the ledger entry of its first. */
    public Delivery correct(PurchaseOrder of, long newQuantityMilli, String newGrade) {
        DeliveryPayment corrected = DeliveryPayment.of(newQuantityMilli, of.priceFen(), referencePriceFen);
        return new Delivery(id, county, order, household, deliveredOn, newQuantityMilli, newGrade.strip(), referencePriceFen, corrected,
                status, paidOn, status == DeliveryStatus.PAID ? revision + 1 : revision, recordedBy, recordedAt);
    }
}
