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
    /**
     * Who reads subsidies, budgets, a household's shops, the coverage and the county's statistics: everyone the county
     * gate lets read, except partners, who read the shops they report for and those reports, not the county's
     * administration.
     */
    public static final String[] COUNTY_READERS = {"county-admin", "county-clerk", "village-cadre", "auditor", "city-officer",
            "province-officer", "platform-operator"};

    private Roles() {
    }
}
