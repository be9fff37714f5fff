package org.povertyalleviation.shopmanagement.sales.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.shopmanagement.shop.domain.IncomeLink;
import org.povertyalleviation.shopmanagement.shop.domain.SharingRule;

/**
 * How a month's sales become each linked household's income: a sales share is that part of the net (rounded down
 * to the fen, never below zero); a fixed monthly amount is paid for every month the shop reports, sales or not.
 */
public final class IncomeSharing {

    private IncomeSharing() {
    }

    /** @return each linked household's amount in fen, in the links' order */
    public static Map<UUID, Long> distribute(MonthlySales sales, List<IncomeLink> links) {
        Map<UUID, Long> amounts = new LinkedHashMap<>();
        long net = Math.max(0, sales.netFen());
        for (IncomeLink link : links) {
            long amount = link.rule() == SharingRule.SALES_SHARE
                    ? Math.multiplyExact(net, (long) link.shareBasisPoints()) / IncomeLink.WHOLE
                    : link.fixedAmountFen();
            amounts.put(link.household(), amount);
        }
        return amounts;
    }
}
