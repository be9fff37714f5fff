package org.povertyalleviation.householdregistry;

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
 * Who may do what in the household registry (docs/tenancy.md prints it; the access matrix proves it). The household
 * file is the county administration's: partners neither read nor write it. Clerks and admins keep it; a village cadre
 * keeps the households of the villages assigned to them; lifting a household out of poverty and removing one are the
 * admin's and the clerk's; reading is open to the county's staff, its auditors and the officers above it.
 */
@Configuration(proxyBeanMethods = false)
class HouseholdRegistryAccess {

    static final String[] STAFF_READERS = {OPERATOR, PROVINCE_OFFICER, CITY_OFFICER, ADMIN, CLERK, CADRE, AUDITOR};
    static final String[] KEEPERS = {ADMIN, CLERK, CADRE};

    @Bean
    AccessTable householdRegistryAccessTable() {
        return AccessTable.of(
                write("POST /counties/{county}/households", "registers a household with its members", KEEPERS).inTheirVillages(),
                read("GET /counties/{county}/households", "the households, a page at a time (names, masked ID numbers)", STAFF_READERS).inTheirVillages(),
                read("GET /counties/{county}/households/{id}", "one household; unmasked only for the reveal roles of the county, audited", STAFF_READERS).inTheirVillages(),
                read("POST /counties/{county}/households/lookup", "one household by resident ID number (a read: the number travels in the body)", STAFF_READERS).inTheirVillages(),
                write("PUT /counties/{county}/households/{id}", "changes a household's record", KEEPERS).inTheirVillages(),
                write("POST /counties/{county}/households/{id}/status", "lifts, monitors or returns a household", ADMIN, CLERK),
                write("DELETE /counties/{county}/households/{id}", "removes a household registered by mistake", ADMIN, CLERK),
                write("POST /counties/{county}/households/{id}/members", "adds a member", KEEPERS).inTheirVillages(),
                write("PUT /counties/{county}/households/{id}/members/{member}", "changes a member", KEEPERS).inTheirVillages(),
                write("DELETE /counties/{county}/households/{id}/members/{member}", "removes a member", KEEPERS).inTheirVillages(),
                write("POST /counties/{county}/households/{id}/income", "records income typed in by hand", KEEPERS).inTheirVillages(),
                read("GET /counties/{county}/households/{id}/income", "a household's income ledger", STAFF_READERS).inTheirVillages(),
                read("GET /counties/{county}/households/{id}/income/summary", "a household's income by source and month", STAFF_READERS).inTheirVillages(),
                read("GET /counties/{county}/villages/{village}/income/summary", "a village's income by source", STAFF_READERS).inTheirVillages(),
                write("POST /counties/{county}/imports", "imports the county's household file (CSV or XLSX)", ADMIN, CLERK),
                read("GET /counties/{county}/imports", "the county's recent imports", ADMIN, CLERK, AUDITOR),
                read("GET /counties/{county}/imports/{id}", "one import's state", ADMIN, CLERK, AUDITOR),
                read("GET /counties/{county}/imports/{id}/progress", "one import's progress as server-sent events", ADMIN, CLERK, AUDITOR),
                read("GET /counties/{county}/imports/{id}/rejections", "the rows an import refused, and why", ADMIN, CLERK, AUDITOR),
                read("GET /counties/{county}/imports/{id}/rejections.csv", "the same as a CSV file to correct", ADMIN, CLERK, AUDITOR),
                read("GET /counties/{county}/exports/households.csv", "the household file as CSV; unmasked only for the reveal roles, audited", ADMIN, CLERK, AUDITOR),
                read("GET /counties/{county}/exports/households.xlsx", "the household file as XLSX; unmasked only for the reveal roles, audited", ADMIN, CLERK, AUDITOR),
                write("POST /counties/{county}/early-warning/sweeps", "looks for households at risk of returning to poverty now", OPERATOR, ADMIN, CLERK),
                read("GET /counties/{county}/statistics", "the county's dashboard figures", STAFF_READERS),
                write("POST /personal-data/reseal", "re-encrypts personal data under the active key", OPERATOR));
    }
}
