package org.povertyalleviation.shopmanagement.web;

import static org.povertyalleviation.platform.access.AccessRule.PARTNER;
import static org.povertyalleviation.platform.access.AccessRule.read;
import static org.povertyalleviation.platform.access.AccessRule.write;

import java.util.Arrays;
import java.util.stream.Stream;

import org.povertyalleviation.platform.access.AccessTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may do what in shop management (docs/tenancy.md prints it; the access matrix proves it), from the roles of
 * {@link Roles}. A partner platform reports the monthly sales of the shops bound to it and reads those shops and their
 * reports; it reads nothing of the county's administration (subsidies, budgets, coverage, statistics). A village cadre
 * registers and keeps the shops of the villages assigned to them.
 */
@Configuration(proxyBeanMethods = false)
class ShopManagementAccess {

    /** Shops and their sales: the county's readers and the partners granted the county. */
    static final String[] SHOP_READERS = Stream.concat(Arrays.stream(Roles.COUNTY_READERS), Stream.of(PARTNER)).toArray(String[]::new);

    @Bean
    AccessTable shopManagementAccessTable() {
        return AccessTable.of(
                write("POST /counties/{county}/shops", "registers a shop", Roles.SHOP_STAFF).inTheirVillages(),
                read("GET /counties/{county}/shops", "the county's shops, filtered", SHOP_READERS),
                read("GET /counties/{county}/shops/{id}", "one shop", SHOP_READERS),
                write("PUT /counties/{county}/shops/{id}", "changes a shop", Roles.SHOP_STAFF).inTheirVillages(),
                write("POST /counties/{county}/shops/{id}/status", "opens, suspends or closes a shop", Roles.SHOP_STAFF).inTheirVillages(),
                write("DELETE /counties/{county}/shops/{id}", "removes a shop registered by mistake", Roles.SHOP_STAFF).inTheirVillages(),
                write("PUT /counties/{county}/shops/{id}/households/{household}", "links a household the shop lifts", Roles.SHOP_STAFF).inTheirVillages(),
                write("DELETE /counties/{county}/shops/{id}/households/{household}", "unlinks a household", Roles.SHOP_STAFF).inTheirVillages(),
                write("POST /counties/{county}/shops/{id}/sales-reports", "reports or corrects a month's sales", Roles.SALES_REPORTERS).boundPartnerOnly(),
                read("GET /counties/{county}/shops/{id}/sales-reports", "a shop's monthly reports", SHOP_READERS),
                read("GET /counties/{county}/shops/{id}/sales-reports/{month}", "one month's report", SHOP_READERS),
                write("POST /counties/{county}/shops/dormancy-check", "marks shops without sales dormant now", Roles.DORMANCY_CHECKERS),
                write("POST /counties/{county}/subsidies", "submits a subsidy application", Roles.SUBSIDY_CLERKS),
                read("GET /counties/{county}/subsidies", "the county's subsidies", Roles.COUNTY_READERS),
                read("GET /counties/{county}/subsidies/{id}", "one subsidy", Roles.COUNTY_READERS),
                write("POST /counties/{county}/subsidies/{id}/approval", "approves it (not by whoever submitted it)", Roles.SUBSIDY_DECIDERS),
                write("POST /counties/{county}/subsidies/{id}/rejection", "rejects it", Roles.SUBSIDY_DECIDERS),
                write("POST /counties/{county}/subsidies/{id}/payment", "records its payment", Roles.SUBSIDY_CLERKS),
                write("PUT /counties/{county}/subsidy-budgets/{year}", "sets the year's subsidy budget", Roles.SUBSIDY_DECIDERS),
                read("GET /counties/{county}/subsidy-budgets/{year}", "the year's budget and what is committed", Roles.COUNTY_READERS),
                read("GET /counties/{county}/households/{id}/shops", "the shops a household is linked to", Roles.COUNTY_READERS),
                read("GET /counties/{county}/coverage", "poor villages with and without a shop", Roles.COUNTY_READERS),
                read("GET /counties/{county}/coverage/uncovered", "poor villages without a shop", Roles.COUNTY_READERS),
                read("GET /counties/{county}/statistics", "the county's shop and subsidy figures", Roles.COUNTY_READERS));
    }
}
