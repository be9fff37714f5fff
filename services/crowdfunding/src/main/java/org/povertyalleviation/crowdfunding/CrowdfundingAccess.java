package org.povertyalleviation.crowdfunding;

import static org.povertyalleviation.platform.access.AccessRule.ADMIN;
import static org.povertyalleviation.platform.access.AccessRule.AUDITOR;
import static org.povertyalleviation.platform.access.AccessRule.CADRE;
import static org.povertyalleviation.platform.access.AccessRule.CITY_OFFICER;
import static org.povertyalleviation.platform.access.AccessRule.CLERK;
import static org.povertyalleviation.platform.access.AccessRule.OPERATOR;
import static org.povertyalleviation.platform.access.AccessRule.PARTNER;
import static org.povertyalleviation.platform.access.AccessRule.PROVINCE_OFFICER;
import static org.povertyalleviation.platform.access.AccessRule.read;
import static org.povertyalleviation.platform.access.AccessRule.write;

import org.povertyalleviation.platform.access.AccessTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may do what in crowdfunding (docs/tenancy.md prints it; the access matrix proves it). County staff write
 * projects; a clerk (or an admin) reviews and another admin approves; only an admin cancels a project or confirms its
 * delivery (money moves). A partner is a platform that shows projects and posts backers' pledges, or a payment partner
 * that reports payments and refunds: it reads the catalogue, posts pledges, and reads only the pledges it posted or
 * takes the money for (the service checks). No personal data exists here to leave: backers are the partners' references.
 */
@Configuration(proxyBeanMethods = false)
class CrowdfundingAccess {

    private static final String[] STAFF = {OPERATOR, ADMIN, CLERK};
    private static final String[] APPROVERS = {OPERATOR, ADMIN};
    private static final String[] READERS = {OPERATOR, PROVINCE_OFFICER, CITY_OFFICER, ADMIN, CLERK, CADRE, AUDITOR};
    private static final String[] CATALOGUE_READERS = {OPERATOR, PROVINCE_OFFICER, CITY_OFFICER, ADMIN, CLERK, CADRE, AUDITOR, PARTNER};

    @Bean
    AccessTable crowdfundingAccessTable() {
        return AccessTable.of(
                write("POST /counties/{county}/projects", "drafts a project for a household or a cooperative", STAFF),
                write("PUT /counties/{county}/projects/{id}", "rewrites a draft", STAFF),
                read("GET /counties/{county}/projects", "the county's projects in every state", READERS),
                read("GET /counties/{county}/projects/{id}", "one project with tiers, shares and progress", READERS),
                write("POST /counties/{county}/projects/{id}/submission", "submits a draft for review", STAFF),
                write("POST /counties/{county}/projects/{id}/review", "a clerk's review: passed to an admin or returned", STAFF),
                write("POST /counties/{county}/projects/{id}/approval", "an admin other than the reviewer publishes it or returns it", APPROVERS),
                write("POST /counties/{county}/projects/{id}/cancellation", "cancels a published or funded project; every paid pledge is refunded",
                        APPROVERS),
                write("POST /counties/{county}/projects/{id}/delivery-confirmation", "confirms the delivery: the proceeds are paid out to the households",
                        APPROVERS),
                read("GET /counties/{county}/projects/{id}/settlement", "the settlement, the payouts and the project's money in and out", READERS),
                read("GET /counties/{county}/projects/{id}/refunds", "the project's refunds and their states", READERS),
                read("GET /counties/{county}/projects/{id}/pledges", "the project's pledges (a partner: those it posted or takes payment for)",
                        CATALOGUE_READERS).boundPartnerOnly(),
                write("POST /counties/{county}/projects/{id}/pledges", "a partner platform posts a backer's pledge (idempotent by its key)", PARTNER),
                read("GET /counties/{county}/pledges/{id}", "one pledge with its payment callbacks", CATALOGUE_READERS).boundPartnerOnly(),
                write("POST /counties/{county}/pledges/{id}/refund", "refunds a funded project's undelivered reward", STAFF),
                write("POST /counties/{county}/payment-callbacks", "a payment partner reports a payment or a refund (signed)", PARTNER),
                write("PUT /counties/{county}/tiers/{id}/lot", "ties a funded project's tier to the traceability lot its rewards ship from",
                        STAFF),
                write("POST /counties/{county}/projects/{id}/deliveries", "books the paid rewards' shipments with the logistics service (as the caller)",
                        STAFF),
                read("GET /counties/{county}/projects/{id}/deliveries", "the paid rewards: lot, trace page, booking and shipment", READERS),
                read("GET /counties/{county}/catalogue/projects", "published projects for backers: progress and rewards left, no personal data",
                        CATALOGUE_READERS),
                read("GET /counties/{county}/catalogue/projects/{id}", "one published project for backers", CATALOGUE_READERS));
    }
}
