package org.povertyalleviation.training.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.training.TrainingIT;
import tools.jackson.databind.JsonNode;

/** Enrolment never exceeds the capacity; the waitlist is promoted in order, also under concurrent cancellations. */
class EnrolmentIT extends TrainingIT {

    private static final String WEN = "621222";

    @Test
    void a_full_session_waitlists_and_a_cancellation_promotes_the_first_waiting() {
        UUID session = session(WEN, CLERK, course(WEN, CLERK, 50, false, null), 2, null);
        UUID first = enrol(WEN, CLERK, session, "甲", null);
        enrol(WEN, CLERK, session, "乙", null);
        UUID third = enrol(WEN, CLERK, session, "丙", null);
        UUID fourth = enrol(WEN, CLERK, session, "丁", null);
        assertThat(status(third)).isEqualTo("WAITLISTED");
        JsonNode listed = null;
        for (JsonNode candidate : json(get("/counties/" + WEN + "/sessions?from=" + TODAY, CLERK).expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody())) {
            if (candidate.path("id").asString().equals(session.toString())) {
                listed = candidate;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.path("enrolled").asInt()).isEqualTo(2);
        assertThat(listed.path("waitlisted").asLong()).isEqualTo(2);

        JsonNode cancelled = json(post("/counties/" + WEN + "/enrolments/" + first + "/cancellation", CLERK, Map.of()).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(cancelled.path("promoted").path("id").asString()).isEqualTo(third.toString());
        assertThat(status(third)).isEqualTo("ENROLLED");
        assertThat(status(fourth)).isEqualTo("WAITLISTED");
        problem(post("/counties/" + WEN + "/enrolments/" + first + "/cancellation", CLERK, Map.of()).expectStatus().isEqualTo(409), null);
        // Cancelling a waiting person frees no place.
        post("/counties/" + WEN + "/enrolments/" + fourth + "/cancellation", CLERK, Map.of()).expectStatus().isOk();
        assertThat(session(session).path("enrolled").asInt()).isEqualTo(2);
    }

    @Test
    void concurrent_cancellations_promote_each_waiting_person_once_and_never_overfill() throws Exception {
        UUID session = session(WEN, CLERK, course(WEN, CLERK, 50, false, null), 10, null);
        List<UUID> enrolled = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            enrolled.add(enrol(WEN, CLERK, session, "学员" + i, null));
        }
        List<UUID> waiting = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            waiting.add(enrol(WEN, CLERK, session, "候补" + i, null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (UUID leaving : enrolled.subList(0, 8)) {
                answers.add(pool.submit(() -> post("/counties/" + WEN + "/enrolments/" + leaving + "/cancellation", CLERK, Map.of())
                        .returnResult(String.class).getStatus().value()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode after = session(session);
        long enrolledNow = count(after, "ENROLLED");
        // Eight left, six waited: all six took places, two places are free.
        assertThat(enrolledNow).isEqualTo(8);
        assertThat(after.path("enrolled").asInt()).isEqualTo(8);
        assertThat(count(after, "WAITLISTED")).isZero();
        for (UUID promoted : waiting) {
            assertThat(status(promoted)).isEqualTo("ENROLLED");
        }
    }

    @Test
    void a_registered_member_enrols_once_and_bad_people_are_refused_naming_the_field() {
        UUID session = session(WEN, CLERK, course(WEN, CLERK, 50, false, null), 10, null);
        UUID household = registeredHousehold(WEN, "621222101201");
        UUID member = UUID.randomUUID();
        Map<String, Object> registered = Map.of("household", household, "member", member, "name", "王秀兰", "targetGroup", "POOR_HOUSEHOLD_MEMBER");
        JsonNode enrolled = json(post("/counties/" + WEN + "/sessions/" + session + "/enrolments", CLERK, registered).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(enrolled.path("village").asString()).isEqualTo("621222101201");
        problem(post("/counties/" + WEN + "/sessions/" + session + "/enrolments", CLERK, registered).expectStatus().isEqualTo(409), "member");
        problem(post("/counties/" + WEN + "/sessions/" + session + "/enrolments", CLERK, Map.of("household", UUID.randomUUID(), "member", member,
                "name", "某", "targetGroup", "POOR_HOUSEHOLD_MEMBER")).expectStatus().isEqualTo(422), "household");
        problem(post("/counties/" + WEN + "/sessions/" + session + "/enrolments", CLERK, Map.of("household", household, "name", "某",
                "targetGroup", "POOR_HOUSEHOLD_MEMBER")).expectStatus().isBadRequest(), "member");
        problem(post("/counties/" + WEN + "/sessions/" + session + "/enrolments", CLERK, Map.of("name", "某", "phone", "12345",
                "targetGroup", "OTHER")).expectStatus().isBadRequest(), "phone");
        problem(post("/counties/" + WEN + "/sessions", CLERK, Map.of("course", UUID.randomUUID(), "placeKind", "ONLINE", "address", "线上",
                "lecturer", "李", "capacity", 5, "startsOn", TODAY.toString(), "endsOn", TODAY.toString())).expectStatus().isEqualTo(422), "course");
        problem(post("/counties/" + WEN + "/sessions", CLERK, Map.of("course", UUID.randomUUID(), "placeKind", "ONLINE", "address", "线上",
                "lecturer", "李", "capacity", 5, "startsOn", TODAY.minusDays(1).toString(), "endsOn", TODAY.toString())).expectStatus().isBadRequest(),
                "startsOn");
        // The clerk sees the phone; an auditor a masked one.
        UUID other = enrol(WEN, CLERK, session, "陈晨", null);
        assertThat(json(get("/counties/" + WEN + "/enrolments/" + other, AUDITOR).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody()).path("phone").asString()).isEqualTo("138****5678");
        assertThat(json(get("/counties/" + WEN + "/enrolments/" + other, CLERK).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody()).path("phone").asString()).isEqualTo("13812345678");
    }

    private String status(UUID enrolment) {
        return json(get("/counties/" + WEN + "/enrolments/" + enrolment, CLERK).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody()).path("status").asString();
    }

    private JsonNode session(UUID session) {
        return json(get("/counties/" + WEN + "/sessions/" + session, CLERK).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    private static long count(JsonNode session, String status) {
        long count = 0;
        for (JsonNode enrolment : session.path("enrolments")) {
            if (enrolment.path("status").asString().equals(status)) {
                count++;
            }
        }
        return count;
    }
}
