package org.povertyalleviation.devstack;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.povertyalleviation.platform.domain.ChinaTime;
import tools.jackson.databind.JsonNode;

/**
 * A county's training through the training API, as its e-commerce college would run it: two courses (online shop
 * operation; live-streaming sales, refreshed every two years), a session of each at the county college, members of
 * registered households enrolled, a sitting under way in which most checked in with the lecturer's code, the
 * assessments, and the certificates of those who passed; so the portal shows courses, attendance, certificates and
 * the villages' coverage at once.
 */
final class DemoTraining {

    /** What was seeded, for the start-up banner. */
    record Seeded(int sessions, int enrolments, int certificates) {

        Seeded plus(Seeded other) {
            return new Seeded(sessions + other.sessions, enrolments + other.enrolments, certificates + other.certificates);
        }
    }

    private final String training;
    private final String householdRegistry;
    private final DemoApi api;

    DemoTraining(String training, String householdRegistry, DemoApi api) {
        this.training = training;
        this.householdRegistry = householdRegistry;
        this.api = api;
    }

    /** The county's courses and sessions for the members of its villages' households; nothing when it has courses. */
    Seeded seed(DemoData.County county, Map<String, List<JsonNode>> householdsByVillage) {
        String code = county.code();
        String base = training + "/counties/" + code;
        String clerk = "clerk-" + code;
        if (!api.send("GET", base + "/courses", clerk, null).equals("[]")) {
            return new Seeded(0, 0, 0);
        }
        String shop = id(api.send("POST", base + "/courses", clerk, Map.of("title", "网店运营实操", "level", "SHOP_OPERATION", "hours", 24,
                "targetGroups", List.of("POOR_HOUSEHOLD_MEMBER", "RETURNING_YOUTH"), "skill", "SHOP_OPERATION", "attendancePercent", 80,
                "assessment", true)));
        String live = id(api.send("POST", base + "/courses", clerk, Map.of("title", "直播带货入门", "level", "LIVE_STREAMING", "hours", 16,
                "targetGroups", List.of("POOR_HOUSEHOLD_MEMBER", "GRADUATE"), "skill", "LIVE_STREAMING", "attendancePercent", 80,
                "assessment", false, "validMonths", 24)));
        LocalDate today = LocalDate.now(ChinaTime.ZONE);
        int enrolments = 0;
        int certificates = 0;
        // Households of every other village: the villages in between are the coverage map's gaps.
        List<List<JsonNode>> villages = householdsByVillage.values().stream().filter(households -> !households.isEmpty()).toList();
        for (String course : List.of(shop, live)) {
            String session = id(api.send("POST", base + "/sessions", clerk, Map.of("course", course, "placeKind", "COUNTY_COLLEGE",
                    "address", county.nameZh() + "电商学院", "lecturer", "县电商学院讲师", "capacity", 12, "startsOn", today.toString(),
                    "endsOn", today.plusDays(1).toString())));
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String sitting = id(api.send("POST", base + "/sessions/" + session + "/sittings", clerk, Map.of("startsAt", now.minusSeconds(1800).toString(),
                    "endsAt", now.plusSeconds(3 * 3600).toString())));
            int taken = 0;
            for (int v = course.equals(shop) ? 0 : 1; v < villages.size() && taken < 10; v += 2) {
                JsonNode household = villages.get(v).get(0);
                JsonNode members = DemoApi.JSON.readTree(api.send("GET", householdRegistry + "/counties/" + code + "/households/"
                        + household.path("id").asString(), clerk, null)).path("members");
                if (members.isEmpty()) {
                    continue;
                }
                JsonNode member = members.get(0);
                String enrolment = id(api.sendOnceKnown("POST", base + "/sessions/" + session + "/enrolments", clerk, Map.of(
                        "household", household.path("id").asString(), "member", member.path("id").asString(), "name", member.path("name").asString(),
                        "targetGroup", "POOR_HOUSEHOLD_MEMBER")));
                enrolments++;
                taken++;
                if (taken % 5 == 0) {
                    continue; // One in five did not come: no certificate.
                }
                String token = DemoApi.JSON.readTree(api.send("GET", base + "/sittings/" + sitting + "/screen", clerk, null)).path("token").asString();
                api.send("POST", base + "/sittings/" + sitting + "/check-ins", clerk, Map.of("enrolment", enrolment, "token", token));
                if (course.equals(shop)) {
                    api.send("PUT", base + "/enrolments/" + enrolment + "/assessment", clerk, Map.of("passed", true));
                }
                api.send("POST", base + "/enrolments/" + enrolment + "/certificate", clerk, Map.of());
                certificates++;
            }
        }
        return new Seeded(2, enrolments, certificates);
    }

    private static String id(String body) {
        return DemoApi.JSON.readTree(body).path("id").asString();
    }
}
