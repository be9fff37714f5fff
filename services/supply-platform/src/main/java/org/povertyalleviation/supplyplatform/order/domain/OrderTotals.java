package org.povertyalleviation.supplyplatform.order.domain;

/** What an order's deliveries add up to (quantities in thousandths of the unit, money in fen). */
public record OrderTotals(long deliveries, long quantityMilli, long amountFen, long premiumFen, long paidFen) {
}
