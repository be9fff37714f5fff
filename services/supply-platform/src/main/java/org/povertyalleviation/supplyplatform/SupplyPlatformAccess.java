package org.povertyalleviation.supplyplatform;

import static org.povertyalleviation.platform.access.AccessRule.ADMIN;
import static org.povertyalleviation.platform.access.AccessRule.AUDITOR;
import static org.povertyalleviation.platform.access.AccessRule.CADRE;
import static org.povertyalleviation.platform.access.AccessRule.CITY_OFFICER;
import static org.povertyalleviation.platform.access.AccessRule.CLERK;
import static org.povertyalleviation.platform.access.AccessRule.OPERATOR;
import static org.povertyalleviation.platform.access.AccessRule.PARTNER;
import static org.povertyalleviation.platform.access.AccessRule.PROVINCE_OFFICER;
import static org.povertyalleviation.platform.access.AccessRule.open;
import static org.povertyalleviation.platform.access.AccessRule.read;
import static org.povertyalleviation.platform.access.AccessRule.write;

import org.povertyalleviation.platform.access.AccessTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may do what in the supply platform (docs/tenancy.md prints it; the access matrix proves it). County staff keep
 * the records; only a county admin declares a dividend and runs a payday (money leaves an organisation for many
 * households at once). A partner platform reads the catalogue it syncs (organisations, products, reference prices) and
 * posts its market price feed; it reads nothing that names households (members, orders, wages, stakes). A partner (a
 * marketplace, a carrier) records trace events on lots; a lot's households, its history and its labels stay with county
 * staff. Anyone may open a published lot's public page from its code.
 */
@Configuration(proxyBeanMethods = false)
class SupplyPlatformAccess {

    private static final String[] STAFF = {OPERATOR, ADMIN, CLERK};
    private static final String[] DECIDERS = {OPERATOR, ADMIN};
    private static final String[] READERS = {OPERATOR, PROVINCE_OFFICER, CITY_OFFICER, ADMIN, CLERK, CADRE, AUDITOR};
    private static final String[] CATALOGUE_READERS = {OPERATOR, PROVINCE_OFFICER, CITY_OFFICER, ADMIN, CLERK, CADRE, AUDITOR, PARTNER};

    @Bean
    AccessTable supplyPlatformAccessTable() {
        return AccessTable.of(
                write("POST /counties/{county}/organisations", "registers an enterprise, cooperative or association", STAFF),
                read("GET /counties/{county}/organisations", "the county's organisations", CATALOGUE_READERS),
                read("GET /counties/{county}/organisations/{id}", "one organisation", CATALOGUE_READERS),
                write("PUT /counties/{county}/organisations/{id}/members/{household}", "makes a household a member", STAFF),
                write("DELETE /counties/{county}/organisations/{id}/members/{household}", "ends a membership", STAFF),
                read("GET /counties/{county}/organisations/{id}/members", "the member households", READERS),
                write("POST /counties/{county}/products", "registers a product an organisation offers", STAFF),
                read("GET /counties/{county}/products", "the county's products", CATALOGUE_READERS),
                read("GET /counties/{county}/products/{id}", "one product", CATALOGUE_READERS),
                write("PUT /counties/{county}/products/{id}/reference-prices/{month}", "sets a month's market reference price (a partner's feed)",
                        OPERATOR, ADMIN, CLERK, PARTNER),
                read("GET /counties/{county}/products/{id}/reference-prices", "a product's reference prices", CATALOGUE_READERS),
                write("POST /counties/{county}/organisations/{id}/bases", "registers a supply base", STAFF),
                read("GET /counties/{county}/organisations/{id}/bases", "an organisation's supply bases", CATALOGUE_READERS),
                write("POST /counties/{county}/products/{id}/certifications", "records a certificate (the product may be listed again)", STAFF),
                read("GET /counties/{county}/products/{id}/certifications", "a product's certificates", CATALOGUE_READERS),
                read("GET /counties/{county}/certifications/expiring", "certificates that expire soon", READERS),
                write("POST /counties/{county}/products/{id}/inspections", "records an inspection (a failed one suspends the product)", STAFF),
                read("GET /counties/{county}/products/{id}/inspections", "a product's inspections", CATALOGUE_READERS),
                write("POST /counties/{county}/products/listing-check", "runs the day's listing sweep now", DECIDERS),
                write("POST /counties/{county}/purchase-orders", "agrees an order with registered households", STAFF),
                read("GET /counties/{county}/purchase-orders", "the county's purchase orders", READERS),
                read("GET /counties/{county}/purchase-orders/{id}", "one order with its totals", READERS),
                write("POST /counties/{county}/purchase-orders/{id}/deliveries", "records a household's delivery", STAFF),
                read("GET /counties/{county}/purchase-orders/{id}/deliveries", "an order's deliveries", READERS),
                write("POST /counties/{county}/purchase-orders/{id}/deliveries/{delivery}/payment", "pays a delivery (ledger: ORDER_PREMIUM)", STAFF),
                write("POST /counties/{county}/purchase-orders/{id}/deliveries/{delivery}/correction", "corrects a delivery (the ledger entry is replaced)", STAFF),
                write("POST /counties/{county}/workshops", "opens a workshop", STAFF),
                read("GET /counties/{county}/workshops", "the county's workshops", READERS),
                read("GET /counties/{county}/workshops/{id}", "one workshop with what it owes", READERS),
                write("POST /counties/{county}/workshops/{id}/wages", "records a day's wage", STAFF),
                read("GET /counties/{county}/workshops/{id}/wages", "a workshop's wage sheet", READERS),
                write("POST /counties/{county}/workshops/{id}/paydays", "pays the unpaid wages (ledger: WORKSHOP_WAGE)", DECIDERS),
                read("GET /counties/{county}/workshops/{id}/paydays", "a workshop's paydays", READERS),
                write("POST /counties/{county}/organisations/{id}/shareholdings", "records a household's stake", STAFF),
                read("GET /counties/{county}/organisations/{id}/shareholdings", "an organisation's shareholdings", READERS),
                write("POST /counties/{county}/organisations/{id}/dividends", "declares and pays a dividend (ledger: DIVIDEND)", DECIDERS),
                read("GET /counties/{county}/organisations/{id}/dividends", "an organisation's dividends", READERS),
                read("GET /counties/{county}/organisations/{id}/dividends/{dividend}", "one dividend with its parts", READERS),
                write("PUT /counties/{county}/products/{id}/gtin", "gives a product its GTIN (its codes use GS1 Digital Link)", STAFF),
                write("POST /counties/{county}/lots", "records a harvest lot of a product", STAFF),
                read("GET /counties/{county}/products/{id}/lots", "a product's lots", READERS),
                read("GET /counties/{county}/lots/{id}", "one lot with its parts and households", READERS),
                write("PUT /counties/{county}/lots/{id}/publication", "publishes a lot's page and chooses its public steps", STAFF),
                write("POST /counties/{county}/lots/{id}/split", "splits a lot into smaller ones", STAFF),
                write("POST /counties/{county}/lots/merge", "merges lots of a product into one", STAFF),
                write("POST /counties/{county}/lots/{id}/events", "records a trace event (idempotent by its event id)", OPERATOR, ADMIN, CLERK, PARTNER),
                read("GET /counties/{county}/lots/{id}/events", "a lot's trace events, private ones too", READERS),
                write("POST /counties/{county}/lots/{id}/print-runs", "prints a run of pack labels, a serial each", STAFF),
                read("GET /counties/{county}/lots/{id}/print-runs", "a lot's print runs", READERS),
                read("GET /counties/{county}/lots/{id}/print-runs/{run}/labels.pdf", "a print run's label sheet (its serials)", STAFF),
                read("GET /counties/{county}/lots/{id}/qr.svg", "the lot's QR code (SVG)", READERS),
                read("GET /counties/{county}/lots/{id}/qr.png", "the lot's QR code (PNG)", READERS),
                read("GET /counties/{county}/copy-suspicions", "serials scanned from too many places or too often", READERS),
                open("GET /trace/{code}", "a published lot's public page (HTML, or JSON on request)"),
                open("GET /trace/{code}/{serial}", "a pack's public page; the scan is counted"),
                open("GET /trace/01/{gtin}/10/{lot}", "a lot's public page at its GS1 Digital Link address"),
                open("GET /trace/01/{gtin}/10/{lot}/21/{serial}", "a pack's public page at its GS1 Digital Link address; the scan is counted"));
    }
}
