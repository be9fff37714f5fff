package org.povertyalleviation.shopmanagement.web;

/**
 * Which realm roles do which work here; the county gate decides whose records. Partners report sales for their
 * counties and nothing else; only a county admin decides subsidies and budgets.
 */
public final class Roles {

    public static final String[] SHOP_STAFF = {"county-admin", "county-clerk", "village-cadre", "platform-operator"};
    public static final String[] SUBSIDY_CLERKS = {"county-admin", "county-clerk"};
    public static final String[] SUBSIDY_DECIDERS = {"county-admin"};
    public static final String[] SALES_REPORTERS = {"partner", "county-admin", "county-clerk", "platform-operator"};
    public static final String[] DORMANCY_CHECKERS = {"county-admin", "platform-operator"};

    private Roles() {
    }
}
