package org.povertyalleviation.training;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.service.ServiceIT;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.training.attendance.domain.Sitting;
import org.povertyalleviation.training.attendance.persistence.AttendanceRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service on the platform's test base (ServiceIT), with helpers that set up courses, sessions and sittings through the API. */
public abstract class TrainingIT extends ServiceIT {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Autowired
    private AttendanceRepository attendance;
    @Autowired
    private TenantTransactions tenantTransactions;

    protected UUID course(String county, String user, int attendancePercent, boolean assessment, Integer validMonths) {
        Map<String, Object> course = new HashMap<>(Map.of("title", "网店运营实操", "level", "SHOP_OPERATION", "hours", 24,
                "targetGroups", List.of("POOR_HOUSEHOLD_MEMBER", "RETURNING_YOUTH"), "skill", "SHOP_OPERATION", "attendancePercent", attendancePercent,
                "assessment", assessment));
        if (validMonths != null) {
            course.put("validMonths", validMonths);
        }
        return created(post("/counties/" + county + "/courses", user, course));
    }

    protected UUID session(String county, String user, UUID course, int capacity, String partnerClient) {
        Map<String, Object> session = new HashMap<>(Map.of("course", course, "placeKind", "VILLAGE", "village", county + "101201",
                "address", "村委会会议室", "lecturer", "李老师", "capacity", capacity, "startsOn", TODAY.toString(), "endsOn", TODAY.plusDays(2).toString()));
        if (partnerClient != null) {
            session.put("partnerClient", partnerClient);
        }
        return created(post("/counties/" + county + "/sessions", user, session));
    }

    /** A sitting under way: started ten minutes ago, ending in two hours. */
    protected UUID sittingNow(String county, String user, UUID session) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return created(post("/counties/" + county + "/sessions/" + session + "/sittings", user, Map.of("startsAt", now.minusSeconds(600).toString(),
                "endsAt", now.plusSeconds(7200).toString())));
    }

    protected UUID enrol(String county, String user, UUID session, String name, String appPerson) {
        Map<String, Object> person = new HashMap<>(Map.of("name", name, "phone", "13812345678", "targetGroup", "RETURNING_YOUTH",
                "village", county + "101202"));
        if (appPerson != null) {
            person.put("appPerson", appPerson);
        }
        return created(post("/counties/" + county + "/sessions/" + session + "/enrolments", user, person));
    }

    protected JsonNode screen(String county, UUID sitting) {
        return json(get("/counties/" + county + "/sittings/" + sitting + "/screen", CLERK).expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody());
    }

    /** The sitting as the service keeps it (its secret too), for a token the screen showed a minute or more ago. */
    protected Sitting sittingKept(String county, UUID id) {
        return tenantTransactions.inCounty(CountyCode.of(county), () -> attendance.sitting(CountyCode.of(county), id)).block(Duration.ofSeconds(10));
    }

    protected UUID created(WebTestClient.ResponseSpec response) {
        return UUID.fromString(idOf(response.expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody()));
    }

    protected static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
