package org.povertyalleviation.training;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.povertyalleviation.platform.households.KnownHouseholds;
import org.povertyalleviation.platform.infra.Eventually;
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
    private KnownHouseholds knownHouseholds;
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

    /** A household the household registry registered in the village (its event published), once it is in the copy. */
    protected UUID registeredHousehold(String county, String village) {
        UUID household = UUID.randomUUID();
        publish("household.events", county, household.toString(), "household.registered.v1", "{\"county\":\"" + county + "\",\"household\":\""
                + household + "\",\"fileNumber\":\"F-" + household.toString().substring(0, 8) + "\",\"village\":\"" + village
                + "\",\"registrationYear\":2016,\"status\":\"REGISTERED\",\"members\":3,\"causes\":[\"ILLNESS\"],\"primaryCause\":\"ILLNESS\"}");
        Eventually.await("household " + household + " in the copy", Duration.ofSeconds(60),
                () -> tenantTransactions.inCounty(CountyCode.of(county), () -> knownHouseholds.find(county, household).hasElement())
                        .block(Duration.ofSeconds(10)),
                Boolean::booleanValue);
        return household;
    }

    protected UUID created(WebTestClient.ResponseSpec response) {
        return UUID.fromString(idOf(response.expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody()));
    }

    protected static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    /** The problem's body; for a field, it must name it (a 400's first invalid parameter, a 409's or 422's field). */
    protected static JsonNode problem(WebTestClient.ResponseSpec response, String field) {
        JsonNode problem = json(response.expectBody(String.class).returnResult().getResponseBody());
        if (field != null) {
            String named = problem.has("invalid-params") ? problem.path("invalid-params").path(0).path("name").asString() : problem.path("field").asString();
            assertThat(named).as("the field %s names, in %s", field, problem).isEqualTo(field);
        }
        return problem;
    }
}
