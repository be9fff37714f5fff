package org.povertyalleviation.countyregistry;

import static org.povertyalleviation.platform.access.AccessRule.OPERATOR;
import static org.povertyalleviation.platform.access.AccessRule.ROLES;
import static org.povertyalleviation.platform.access.AccessRule.read;
import static org.povertyalleviation.platform.access.AccessRule.write;

import org.povertyalleviation.platform.access.AccessTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may do what in the county registry (docs/tenancy.md prints it; the access matrix proves it). Counties, townships
 * and villages are the reference every principal of a county reads, partners included (their catalogues name the
 * villages); only the platform's operators onboard, suspend and reinstate counties.
 */
@Configuration(proxyBeanMethods = false)
class CountyRegistryAccess {

    static final String[] EVERYONE = ROLES.toArray(String[]::new);

    @Bean
    AccessTable countyRegistryAccessTable() {
        return AccessTable.of(
                read("GET /counties", "the counties the caller may read", EVERYONE),
                read("GET /counties/{county}", "one county", EVERYONE),
                write("PUT /counties/{county}", "onboards a county: its record, villages, groups and first administrator", OPERATOR),
                write("PUT /counties/{county}/suspension", "suspends a county (its data is kept)", OPERATOR),
                write("DELETE /counties/{county}/suspension", "reinstates it", OPERATOR),
                read("GET /counties/{county}/townships", "the county's townships", EVERYONE),
                read("GET /counties/{county}/villages", "the county's villages, filtered", EVERYONE),
                read("GET /counties/{county}/villages/{village}", "one village", EVERYONE));
    }
}
