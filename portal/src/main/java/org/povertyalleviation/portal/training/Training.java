package org.povertyalleviation.portal.training;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The training service's answers, as the training pages use them (its CourseController, SessionController,
 * AttendanceController and CertificateController). Names and phones are as the service gives them: in full for county
 * staff, masked (王**, 138****5678) for everyone else.
 */
final class Training {

    /** The service's CourseLevel, TargetGroup, Skill and PlaceKind, in its order. */
    static final List<String> LEVELS = List.of("BASICS", "SHOP_OPERATION", "LIVE_STREAMING", "PRODUCT_PHOTOGRAPHY", "PACKAGING_AND_LOGISTICS",
            "CUSTOMER_SERVICE", "CADRE");
    static final List<String> TARGET_GROUPS = List.of("POOR_HOUSEHOLD_MEMBER", "VILLAGE_CADRE", "RETURNING_YOUTH", "GRADUATE",
            "PERSON_WITH_DISABILITY", "OTHER");
    static final List<String> SKILLS = List.of("SHOP_OPERATION", "LIVE_STREAMING", "PRODUCT_PHOTOGRAPHY", "CUSTOMER_SERVICE", "PACKING_AND_SHIPPING");
    static final List<String> PLACES = List.of("COUNTY_COLLEGE", "TOWNSHIP", "VILLAGE", "ONLINE");

    private Training() {
    }

    /** @param validMonths how long a certificate lasts; null: it does not expire */
    record Course(UUID id, String county, String title, String level, BigDecimal hours, List<String> targetGroups, String skill,
                  int attendancePercent, boolean assessment, Integer validMonths, Instant createdAt) {
    }

    /** @param status ENROLLED, WAITLISTED or CANCELLED; @param assessmentPassed null until assessed */
    record Enrolment(UUID id, UUID session, UUID household, UUID member, String village, String name, String phone, String targetGroup,
                     String status, String appPerson, Boolean assessmentPassed, Instant enrolledAt) {
    }

    /** A cancellation: the enrolment cancelled, and the first of the waitlist who took the place (if any). */
    record Cancellation(Enrolment cancelled, Enrolment promoted) {
    }

    /**
     * A session with how many wait. The list answers no enrolments; one session answers its enrolments in order (enrolled,
     * then the waitlist in the order it was joined).
     */
    record Session(UUID id, String county, UUID course, String placeKind, String township, String village, String address, String lecturer,
                   int capacity, int enrolled, long waitlisted, LocalDate startsOn, LocalDate endsOn, String partnerClient,
                   List<Enrolment> enrolments) {

        public List<Enrolment> enrolledPeople() {
            return withStatus("ENROLLED");
        }

        public List<Enrolment> waitlist() {
            return withStatus("WAITLISTED");
        }

        public List<Enrolment> cancelled() {
            return withStatus("CANCELLED");
        }

        public Enrolment enrolment(UUID id) {
            return enrolments == null || id == null ? null : enrolments.stream().filter(enrolment -> enrolment.id().equals(id)).findFirst().orElse(null);
        }

        private List<Enrolment> withStatus(String status) {
            return enrolments == null ? List.of() : enrolments.stream().filter(enrolment -> status.equals(enrolment.status())).toList();
        }
    }

    record Sitting(UUID id, UUID session, Instant startsAt, Instant endsAt) {
    }

    /** The lecturer's screen: the code now (as a QR token and six digits), until when, and the room's figures. */
    record Screen(UUID sitting, String token, String fallbackCode, Instant validUntil, int refreshSeconds, long enrolled, long checkedIn, long late,
                  long duplicates, long manual) {
    }

    /** @param method QR, CODE or MANUAL; @param flag LATE, DUPLICATE or null; @param counted whether it counts for attendance */
    record CheckIn(UUID id, UUID sitting, UUID enrolment, String method, Instant at, boolean counted, String flag, String reason, String recordedBy) {
    }

    record PersonCheckIn(CheckIn checkIn, String name) {
    }

    record Attendance(Sitting sitting, long enrolled, long checkedIn, long late, long duplicates, long manual, List<PersonCheckIn> checkIns) {
    }

    /** @param standing VALID, EXPIRED or REVOKED; @param holder masked but for county staff */
    record Certificate(UUID id, String county, String code, String verifyPage, UUID enrolment, UUID session, UUID course, String courseTitle,
                       String skill, String holder, UUID household, UUID member, String village, LocalDate issuedOn, LocalDate expiresOn,
                       String standing, String revokedReason, Instant revokedAt, String issuedBy) {
    }

    record VillageFigures(String village, String township, String nameZh, boolean poor, long certifiedPeople, long personTimes) {
    }

    record Coverage(String county, int year, long personTimes, long certifiedPeople, int villages, int villagesWithCertified, long poorVillagesWithout,
                    List<VillageFigures> gaps, List<VillageFigures> all) {
    }
}
