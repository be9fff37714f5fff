package org.povertyalleviation.training;

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
 * Who may do what in training (docs/tenancy.md prints it; the access matrix proves it). County staff plan courses,
 * sessions and sittings and issue certificates; a village cadre (often the lecturer's helper in a village class) enrols
 * people, runs the lecturer's screen and marks attendance. A partner is a learning app: it reads the catalogue, and
 * enrols and checks in people only in the sessions that run on it, each check-in the app's own signed-in person (the
 * service checks both); it sees names masked. Anyone may verify a certificate by its code.
 */
@Configuration(proxyBeanMethods = false)
class TrainingAccess {

    private static final String[] STAFF = {OPERATOR, ADMIN, CLERK};
    private static final String[] LECTURERS = {OPERATOR, ADMIN, CLERK, CADRE};
    private static final String[] READERS = {OPERATOR, PROVINCE_OFFICER, CITY_OFFICER, ADMIN, CLERK, CADRE, AUDITOR};
    private static final String[] CATALOGUE_READERS = {OPERATOR, PROVINCE_OFFICER, CITY_OFFICER, ADMIN, CLERK, CADRE, AUDITOR, PARTNER};
    private static final String[] ENROLLERS = {OPERATOR, ADMIN, CLERK, CADRE, PARTNER};

    @Bean
    AccessTable trainingAccessTable() {
        return AccessTable.of(
                write("POST /counties/{county}/courses", "offers a course", STAFF),
                read("GET /counties/{county}/courses", "the county's courses", CATALOGUE_READERS),
                read("GET /counties/{county}/courses/{id}", "one course", CATALOGUE_READERS),
                write("POST /counties/{county}/sessions", "schedules a session of a course", STAFF),
                read("GET /counties/{county}/sessions", "sessions by start (a learning app: those on it)", CATALOGUE_READERS).boundPartnerOnly(),
                read("GET /counties/{county}/sessions/{id}", "a session with its enrolments and waitlist (names masked but for staff)",
                        CATALOGUE_READERS).boundPartnerOnly(),
                write("POST /counties/{county}/sessions/{id}/enrolments", "enrols a person (a full session waitlists)", ENROLLERS).boundPartnerOnly(),
                read("GET /counties/{county}/enrolments/{id}", "one enrolment", CATALOGUE_READERS).boundPartnerOnly(),
                write("POST /counties/{county}/enrolments/{id}/cancellation", "cancels an enrolment (the first waiting takes the place)", ENROLLERS)
                        .boundPartnerOnly(),
                write("PUT /counties/{county}/enrolments/{id}/assessment", "records the assessment", STAFF),
                write("POST /counties/{county}/sessions/{id}/sittings", "plans a sitting", STAFF),
                read("GET /counties/{county}/sessions/{id}/sittings", "a session's sittings", CATALOGUE_READERS).boundPartnerOnly(),
                read("GET /counties/{county}/sittings/{id}/screen", "the lecturer's screen: the rotating code and the room's figures", LECTURERS),
                read("GET /counties/{county}/sittings/{id}/qr.svg", "the rotating code as a QR image", LECTURERS),
                write("POST /counties/{county}/sittings/{id}/check-ins", "checks a person in with the screen's code", ENROLLERS).boundPartnerOnly(),
                write("POST /counties/{county}/sittings/{id}/attendance-marks", "a lecturer marks a person present, with the reason", LECTURERS),
                read("GET /counties/{county}/sittings/{id}/attendance", "a sitting's check-ins and figures", CATALOGUE_READERS).boundPartnerOnly(),
                write("POST /counties/{county}/enrolments/{id}/certificate", "issues the certificate (attendance and assessment checked)", STAFF),
                read("GET /counties/{county}/certificates/{id}", "one certificate", READERS),
                read("GET /counties/{county}/certificates/{id}/certificate.pdf", "the certificate as a PDF with the full name (audited)", STAFF),
                write("POST /counties/{county}/certificates/{id}/revocation", "revokes a certificate, with the reason", OPERATOR, ADMIN),
                read("GET /counties/{county}/sessions/{id}/certificates", "a session's certificates", READERS),
                read("GET /counties/{county}/certificates/expiring", "valid certificates that expire soon: whom to remind", READERS),
                read("GET /counties/{county}/coverage", "trained people and person-times per village, and the villages with none", READERS),
                open("GET /verify/{code}", "a certificate's verification by its code"),
                open("GET /verify/{code}/page", "the same as a page for a phone"));
    }
}
