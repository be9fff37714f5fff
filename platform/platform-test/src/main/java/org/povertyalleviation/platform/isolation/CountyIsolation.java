package org.povertyalleviation.platform.isolation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The isolation kit every service runs against each of its county-scoped endpoints (docs/tenancy.md).
 *
 * <p>Given a token of county A and a record of county B, it calls every endpoint as A: aimed at county B with
 * B's id, and aimed at county A with B's id. Every such call must be refused (403 or 404), and B's record must
 * read the same afterwards as before. Listing endpoints called as A for A must not mention B's id.
 *
 * <pre>{@code
 * CountyIsolation.of(baseUrl)
 *     .actingAs("621222", tokenOfWenAdmin)
 *     .foreignRecord("621224", kangShipmentId, tokenOfKangAdmin)
 *     .endpoint("GET", "/counties/{county}/shipments/{id}")
 *     .endpoint("PUT", "/counties/{county}/shipments/{id}", "{\"product\":\"stolen\"}")
 *     .endpoint("DELETE", "/counties/{county}/shipments/{id}")
 *     .listing("/counties/{county}/shipments")
 *     .assertIsolated();
 * }</pre>
 */
public final class CountyIsolation {

    private static final Set<Integer> REFUSED = Set.of(403, 404);

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final List<String> listings = new ArrayList<>();
    private String ownCounty;
    private String ownToken;
    private String foreignCounty;
    private String foreignId;
    private String foreignToken;
    private String foreignReadPath;

    private CountyIsolation(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static CountyIsolation of(String baseUrl) {
        return new CountyIsolation(baseUrl);
    }

    public CountyIsolation actingAs(String county, String token) {
        this.ownCounty = county;
        this.ownToken = token;
        return this;
    }

    /**
     * @param ownerToken a token of the foreign county, used to read the record before and after
     */
    public CountyIsolation foreignRecord(String county, String id, String ownerToken) {
        this.foreignCounty = county;
        this.foreignId = id;
        this.foreignToken = ownerToken;
        return this;
    }

    /** A path with {@code {county}} and {@code {id}} placeholders; the first GET one also reads the record. */
    public CountyIsolation endpoint(String method, String pathTemplate) {
        return endpoint(method, pathTemplate, null);
    }

    public CountyIsolation endpoint(String method, String pathTemplate, String jsonBody) {
        endpoints.add(new Endpoint(method, pathTemplate, jsonBody));
        if (foreignReadPath == null && method.equals("GET") && pathTemplate.contains("{id}")) {
            foreignReadPath = pathTemplate;
        }
        return this;
    }

    /** A listing path with a {@code {county}} placeholder. */
    public CountyIsolation listing(String pathTemplate) {
        listings.add(pathTemplate);
        return this;
    }

    /** @throws AssertionError naming every endpoint that let county A reach county B's record */
    public void assertIsolated() {
        if (ownToken == null || foreignId == null) {
            throw new IllegalStateException("Say actingAs(..) and foreignRecord(..) first");
        }
        if (foreignReadPath == null) {
            // Without it a write that answers 404 but still changed the record would go unnoticed.
            throw new IllegalStateException("Name a GET endpoint with {id}: the kit reads the foreign record before and after");
        }
        List<String> leaks = new ArrayList<>();
        String before = readForeign();
        for (Endpoint endpoint : endpoints) {
            // With B's id under A's own county only where the path names a record; A's own county record is A's.
            List<String> targets = endpoint.template().contains("{id}") ? List.of(foreignCounty, ownCounty) : List.of(foreignCounty);
            for (String targetCounty : targets) {
                String path = endpoint.path(targetCounty, foreignId);
                HttpResponse<String> response = send(endpoint.method(), path, endpoint.body(), ownToken);
                if (!REFUSED.contains(response.statusCode())) {
                    leaks.add(endpoint.method() + " " + path + " as county " + ownCounty + " answered " + response.statusCode());
                }
            }
        }
        for (String listing : listings) {
            String path = listing.replace("{county}", ownCounty);
            HttpResponse<String> response = send("GET", path, null, ownToken);
            if (response.statusCode() != 200) {
                leaks.add("GET " + path + " as its own county answered " + response.statusCode() + ", so it proves nothing");
            } else if (response.body().contains(foreignId)) {
                leaks.add("GET " + path + " lists county " + foreignCounty + "'s record " + foreignId);
            }
            String foreignPath = listing.replace("{county}", foreignCounty);
            HttpResponse<String> foreignListing = send("GET", foreignPath, null, ownToken);
            if (!REFUSED.contains(foreignListing.statusCode())) {
                leaks.add("GET " + foreignPath + " as county " + ownCounty + " answered " + foreignListing.statusCode());
            }
        }
        if (!before.equals(readForeign())) {
            leaks.add("county " + foreignCounty + "'s record " + foreignId + " changed");
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError("County isolation broken:\n  " + String.join("\n  ", leaks));
        }
    }

    /**
     * Checks that every table with a {@code county_code} column (other than the platform's own outbox, processed
     * events and suspended counties, and a table its migration declares "across counties:" in its comment, which says why
     * it holds nothing of a county's but the link to it), partitioned ones included, has row-level security enabled and forced with the platform's county
     * policies ({@code enable_county_isolation}), and that the connection (the service's own role, with no county
     * set) sees none of its rows. Run it with rows in the tables: an empty table proves nothing about reading.
     */
    public static void assertEveryTenantTableIsolated(Connection asServiceRole) throws SQLException {
        List<String> problems = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        try (Statement statement = asServiceRole.createStatement();
             ResultSet rows = statement.executeQuery("""
                     select c.relname, c.relrowsecurity, c.relforcerowsecurity,
                            (select count(*) from pg_policies p
                              where p.schemaname = 'public' and p.tablename = c.relname
                                and p.policyname in ('county_read', 'county_insert', 'county_update', 'county_delete')) = 4,
                            (select count(*) from pg_policies p
                              where p.schemaname = 'public' and p.tablename = c.relname
                                and p.policyname not in ('county_read', 'county_insert', 'county_update', 'county_delete')) = 0
                       from pg_class c join pg_namespace n on n.oid = c.relnamespace
                      where n.nspname = 'public' and c.relkind in ('r', 'p')
                        and c.relname not in ('outbox_event', 'processed_event', 'county_suspension')
                        and coalesce(obj_description(c.oid, 'pg_class'), '') not like 'across counties:%'
                        and exists (select 1 from pg_attribute a
                                     where a.attrelid = c.oid and a.attname = 'county_code' and not a.attisdropped)""")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
                if (!rows.getBoolean(2) || !rows.getBoolean(3)) {
                    problems.add(rows.getString(1) + " has no forced row-level security");
                } else if (!rows.getBoolean(4) || !rows.getBoolean(5)) {
                    // Policies are permissive and OR-ed: one extra "using (true)" opens the table.
                    problems.add(rows.getString(1) + " does not have exactly the county policies of enable_county_isolation");
                }
            }
        }
        for (String table : tables) {
            try (Statement statement = asServiceRole.createStatement();
                 ResultSet count = statement.executeQuery("select count(*) from " + table)) {
                count.next();
                if (count.getLong(1) > 0) {
                    problems.add(table + " shows " + count.getLong(1) + " rows with no county set");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("Tenant tables not isolated:\n  " + String.join("\n  ", problems));
        }
    }

    private String readForeign() {
        HttpResponse<String> response = send("GET", foreignReadPath.replace("{county}", foreignCounty).replace("{id}", foreignId),
                null, foreignToken);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The foreign county cannot read its own record: " + response.statusCode());
        }
        return response.body();
    }

    private HttpResponse<String> send(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Endpoint(String method, String template, String body) {
        String path(String county, String id) {
            return template.replace("{county}", county).replace("{id}", id);
        }
    }
}
