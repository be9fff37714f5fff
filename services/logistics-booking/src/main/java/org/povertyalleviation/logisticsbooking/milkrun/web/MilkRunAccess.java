package org.povertyalleviation.logisticsbooking.milkrun.web;

import static org.povertyalleviation.platform.access.AccessRule.ADMIN;
import static org.povertyalleviation.platform.access.AccessRule.AUDITOR;
import static org.povertyalleviation.platform.access.AccessRule.CADRE;
import static org.povertyalleviation.platform.access.AccessRule.CITY_OFFICER;
import static org.povertyalleviation.platform.access.AccessRule.CLERK;
import static org.povertyalleviation.platform.access.AccessRule.OPERATOR;
import static org.povertyalleviation.platform.access.AccessRule.PROVINCE_OFFICER;
import static org.povertyalleviation.platform.access.AccessRule.read;
import static org.povertyalleviation.platform.access.AccessRule.write;

import org.povertyalleviation.platform.access.AccessTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may plan and read milk runs (the platform merges this table with the service's own). County staff plan, lock
 * and replan; whoever reads the county's logistics reads the plans.
 */
@Configuration(proxyBeanMethods = false)
class MilkRunAccess {

    private static final String[] PLANNERS = {OPERATOR, ADMIN, CLERK};
    private static final String[] READERS = {OPERATOR, PROVINCE_OFFICER, CITY_OFFICER, ADMIN, CLERK, CADRE, AUDITOR};

    @Bean
    AccessTable milkRunAccessTable() {
        return AccessTable.of(
                write("POST /counties/{county}/milk-runs", "plans a township's pickup routes for a day", PLANNERS),
                read("GET /counties/{county}/milk-runs", "the latest milk run plans, of a township and a day", READERS),
                read("GET /counties/{county}/milk-runs/{id}", "a milk run plan: its routes, what is left out and why, the baseline", READERS),
                write("PUT /counties/{county}/milk-runs/{id}/locks/{booking}", "locks a pickup to a vehicle for the next replan", PLANNERS),
                write("DELETE /counties/{county}/milk-runs/{id}/locks/{booking}", "unlocks a pickup", PLANNERS),
                write("POST /counties/{county}/milk-runs/{id}/replan", "plans again, keeping the locked pickups on their vehicles", PLANNERS));
    }
}
