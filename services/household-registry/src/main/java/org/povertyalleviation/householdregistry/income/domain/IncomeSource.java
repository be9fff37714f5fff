package org.povertyalleviation.householdregistry.income.domain;

import java.util.Arrays;
import java.util.List;

/** Where a household's income came from; all but SUBSIDY and OTHER are the e-commerce mechanisms. */
public enum IncomeSource {
    SHOP_SHARE(true), ORDER_PREMIUM(true), WORKSHOP_WAGE(true), DIVIDEND(true), CROWDFUNDING(true),
    SUBSIDY(false), OTHER(false);

    private final boolean ecommerce;

    IncomeSource(boolean ecommerce) {
        this.ecommerce = ecommerce;
    }

    /** Income the platform's mechanisms produced, which the early warning watches. */
    public boolean ecommerce() {
        return ecommerce;
    }

    /** The e-commerce sources in declaration order, the order summaries list them in. */
    public static List<IncomeSource> ecommerceSources() {
        return Arrays.stream(values()).filter(IncomeSource::ecommerce).toList();
    }
}
