package org.povertyalleviation.training;

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
 * Who may do what in this service: one row per endpoint (an endpoint without a row is refused, and the build fails on
 * it). docs/tenancy.md prints the table; the access matrix (ApiDocumentIT) proves it for every role and county.
 */
@Configuration(proxyBeanMethods = false)
class TrainingAccess {

    @Bean
    AccessTable serviceTemplateAccessTable() {
        return AccessTable.of(
                write("POST /counties/{county}/notices", "posts a notice to a village", ADMIN, CLERK, OPERATOR),
                write("POST /counties/{county}/notices/{id}/withdrawal", "withdraws it", ADMIN, OPERATOR),
                read("GET /counties/{county}/notices/{id}", "one notice", OPERATOR, PROVINCE_OFFICER, CITY_OFFICER, ADMIN, CLERK, CADRE, AUDITOR),
                read("GET /counties/{county}/villages/{village}/notices", "a village's notices",
                        OPERATOR, PROVINCE_OFFICER, CITY_OFFICER, ADMIN, CLERK, CADRE, AUDITOR));
    }
}
