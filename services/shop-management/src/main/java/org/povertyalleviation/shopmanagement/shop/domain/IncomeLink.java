package org.povertyalleviation.shopmanagement.shop.domain;

import org.povertyalleviation.platform.domain.RuleRefusedException;

import org.povertyalleviation.platform.domain.InvalidValueException;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.UUID;

/**
 * "One shop, many households": a household linked to a shop in a role, with how it shares the shop's income.
 * A sales share is kept in basis points (1/100 of a per cent); together the shares of one shop never exceed its
 * whole net sales.
 */
public record IncomeLink(UUID household, HouseholdRole role, SharingRule rule, Integer shareBasisPoints, Long fixedAmountFen) {

    public static final int WHOLE = 10_000;
    /** One million yuan a month: above any household's fixed share, low enough that sums cannot overflow. */
    public static final long MAX_FIXED_FEN = 100_000_000L;

    public IncomeLink {
        if (household == null) {
            throw new InvalidValueException("household", "is required");
        }
        if (role == null) {
            throw new InvalidValueException("role", "is required");
        }
        if (rule == null) {
            throw new InvalidValueException("rule", "is required");
        }
        if (rule == SharingRule.SALES_SHARE) {
            if (shareBasisPoints == null || shareBasisPoints < 1 || shareBasisPoints > WHOLE) {
                throw new InvalidValueException("sharePercent", "is required for SALES_SHARE: above 0 and at most 100");
            }
            if (fixedAmountFen != null) {
                throw new InvalidValueException("fixedAmountFen", "is given only for FIXED_MONTHLY");
            }
        } else {
            if (fixedAmountFen == null || fixedAmountFen <= 0 || fixedAmountFen > MAX_FIXED_FEN) {
                throw new InvalidValueException("fixedAmountFen", "is required for FIXED_MONTHLY: above 0 and at most " + MAX_FIXED_FEN);
            }
            if (shareBasisPoints != null) {
                throw new InvalidValueException("sharePercent", "is given only for SALES_SHARE");
            }
        }
    }

    /** A percentage with at most two decimals (12.5 %) as basis points; null stays null. */
    public static Integer basisPoints(BigDecimal percent) {
        if (percent == null) {
            return null;
        }
        try {
            return percent.movePointRight(2).intValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidValueException("sharePercent", "has at most two decimals");
        }
    }

    /** Basis points as the percentage people read: 1250 is 12.5, 10000 is 100 (never 1E+2). */
    public static BigDecimal percent(int basisPoints) {
        BigDecimal percent = BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros();
        return percent.scale() < 0 ? percent.setScale(0) : percent;
    }

    /** The shop's sales shares together stay within its whole net sales. */
    public static void requireSharesWithinWhole(Collection<IncomeLink> links) {
        long total = links.stream().filter(link -> link.rule() == SharingRule.SALES_SHARE).mapToLong(IncomeLink::shareBasisPoints).sum();
        if (total > WHOLE) {
            throw RuleRefusedException.violated("shares-exceed-sales", "The shop's sales shares would add up to "
                    + BigDecimal.valueOf(total, 2).stripTrailingZeros().toPlainString() + " %, more than its whole net sales", "sharePercent");
        }
    }
}
