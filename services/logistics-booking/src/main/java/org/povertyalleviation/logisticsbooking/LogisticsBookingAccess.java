package org.povertyalleviation.logisticsbooking;

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
 * Who may do what in logistics bookings (docs/tenancy.md prints it; the access matrix proves it). County staff build
 * the network, register carriers and open slots. A village cadre books for the villages assigned to them and posts
 * what their village post sees. A partner is a carrier (or a marketplace that books deliveries): it reads the network
 * and the slots, books, and reads and tracks only the bookings it made or was assigned (the service checks both); the
 * recipient's name reaches it masked.
 */
@Configuration(proxyBeanMethods = false)
class LogisticsBookingAccess {

    private static final String[] STAFF = {OPERATOR, ADMIN, CLERK};
    private static final String[] READERS = {OPERATOR, PROVINCE_OFFICER, CITY_OFFICER, ADMIN, CLERK, CADRE, AUDITOR};
    private static final String[] NETWORK_READERS = {OPERATOR, PROVINCE_OFFICER, CITY_OFFICER, ADMIN, CLERK, CADRE, AUDITOR, PARTNER};
    private static final String[] BOOKERS = {OPERATOR, ADMIN, CLERK, CADRE, PARTNER};
    private static final String[] TRACKERS = {OPERATOR, ADMIN, CLERK, CADRE, PARTNER};

    @Bean
    AccessTable logisticsBookingAccessTable() {
        return AccessTable.of(
                write("POST /counties/{county}/nodes", "adds a logistics park, township station or village post", STAFF),
                read("GET /counties/{county}/nodes", "the network: its nodes and legs", NETWORK_READERS),
                read("GET /counties/{county}/nodes/{id}", "one node", NETWORK_READERS),
                write("POST /counties/{county}/legs", "adds a road between two nodes", STAFF),
                read("GET /counties/{county}/coverage", "which villages have a post within a drive time, and the gaps", READERS),
                write("POST /counties/{county}/carriers", "registers a logistics company (and its partner client)", OPERATOR, ADMIN),
                read("GET /counties/{county}/carriers", "the carriers and their vehicles", NETWORK_READERS),
                read("GET /counties/{county}/carriers/{id}", "one carrier with its vehicles", NETWORK_READERS),
                write("POST /counties/{county}/carriers/{id}/vehicles", "registers a carrier's vehicle", STAFF),
                write("PUT /counties/{county}/tariffs", "sets the tariff per kg and leg level and the poor households' subsidy", OPERATOR, ADMIN),
                read("GET /counties/{county}/tariffs", "the tariff and the subsidy", NETWORK_READERS),
                write("POST /counties/{county}/slots", "opens a pickup or delivery window at a node", STAFF),
                read("GET /counties/{county}/slots", "a day's windows with what is booked and free", NETWORK_READERS),
                read("GET /counties/{county}/slots/next-free", "the next windows with room for a shipment", NETWORK_READERS),
                read("GET /counties/{county}/slots/{id}", "one window with what is booked and free", NETWORK_READERS),
                write("POST /counties/{county}/bookings", "books a pickup or delivery into a window", BOOKERS).inTheirVillages(),
                read("GET /counties/{county}/bookings", "a day's bookings (a partner: its own and those assigned to it)", NETWORK_READERS)
                        .boundPartnerOnly(),
                read("GET /counties/{county}/bookings/{id}", "one booking with its timeline", NETWORK_READERS).boundPartnerOnly(),
                write("POST /counties/{county}/bookings/{id}/cancellation", "cancels a booking (its room is free again)", BOOKERS)
                        .boundPartnerOnly(),
                write("POST /counties/{county}/bookings/{id}/rebooking", "moves a booking to another window", BOOKERS).boundPartnerOnly(),
                write("PUT /counties/{county}/bookings/{id}/carrier", "assigns the carrier", STAFF),
                write("POST /counties/{county}/bookings/{id}/tracking", "reports where the shipment is (idempotent by the report's id)",
                        TRACKERS).boundPartnerOnly(),
                read("GET /counties/{county}/backhaul", "uplink pickups matched to the day's downlink runs, and the empty kilometres saved", READERS));
    }
}
