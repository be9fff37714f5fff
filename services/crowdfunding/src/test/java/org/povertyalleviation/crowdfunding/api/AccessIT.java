package org.povertyalleviation.crowdfunding.api;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.crowdfunding.CrowdfundingIT;

/** The access table, proven on the running service for every endpoint, role and county, and printed in docs/tenancy.md. */
class AccessIT extends CrowdfundingIT {

    @Test
    void every_endpoint_answers_every_role_and_county_as_the_access_table_says() {
        assertAccessMatrix("crowdfunding");
    }
}
