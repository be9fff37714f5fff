package org.povertyalleviation.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.povertyalleviation.platform.infra.PlatformRealm;
import org.povertyalleviation.platform.infra.PostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What the benchmarks that seed a service through its API share: a realm with a county's admin, and waiting for events to land. */
public final class BenchData {

    private static final Logger log = LoggerFactory.getLogger(BenchData.class);

    private BenchData() {
    }

    /** The repository's realm with a county admin for the benchmark, and tokens that outlast any run (one token serves the whole setup). */
    public static String realmWithCountyAdmin(String county, String username, String password) {
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode realm = (ObjectNode) json.readTree(PlatformRealm.fromRepository()
                .user(username, password, "county-admin", PlatformRealm.county(county)).json());
        realm.put("accessTokenLifespan", 24 * 3600);
        return json.writeValueAsString(realm);
    }

    /**
     * Imports a county's household file into the registry the way a county does (the multipart upload, 202 with the
     * job) and waits until the job is COMPLETED: how a benchmark gives the registry, and through its events every copy,
     * real households.
     */
    public static void importHouseholds(ServiceInstance registry, String token, String county, HouseholdFile.Written file, Duration timeout) {
        JsonMapper json = JsonMapper.builder().build();
        var accepted = registry.upload("/counties/" + county + "/imports", token, file.csv(), "households.csv", "text/csv");
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("The import answered " + accepted.statusCode() + " " + accepted.body());
        }
        String job = json.readTree(accepted.body()).path("id").asString();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!json.readTree(registry.get("/counties/" + county + "/imports/" + job, token).body()).path("status").asString().equals("COMPLETED")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The import did not complete within " + timeout);
            }
            Machine.pause(Duration.ofMillis(500));
        }
        log.info("Imported {} households into the registry", file.households());
    }

    /**
     * Waits until {@code sql} (one count, as the superuser) reaches {@code expected}: a county's events reach a service's
     * copy asynchronously, through Kafka.
     */
    public static void awaitCount(PostgresServer postgres, String database, String sql, long expected, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long count = -1;
        while (System.nanoTime() < deadline) {
            try (Connection superuser = postgres.connect(database); Statement statement = superuser.createStatement();
                 ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                count = rows.getLong(1);
                if (count >= expected) {
                    log.info("{}: {}", what, count);
                    return;
                }
            } catch (SQLException e) {
                // The table appears with the service's migrations.
            }
            Machine.pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException(what + ": " + count + " of " + expected + " after " + timeout);
    }
}
