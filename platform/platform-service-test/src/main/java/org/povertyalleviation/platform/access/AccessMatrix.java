package org.povertyalleviation.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Proves a service's access table on the running service: every operation of its OpenAPI document has a row, and
 * every operation answers every principal of the standard realm (each realm role; the home county and a foreign one;
 * a partner in and out of its grant) as the row says: refused with 403, or let through (whatever the handler then
 * answers: 2xx, 400, 404, 409, 422, but never 401 or 403). A public row must also let a caller without a token through.
 *
 * <p>The home county is Qinzhou District (Tianshui) 620502, which only this matrix uses, so that the writes it lets through (with empty
 * bodies and random ids, they mostly end in 400 or 404) touch no other test's data; in the foreign county (Wen, 621222)
 * only refusals and reads are called.
 */
public final class AccessMatrix {

    public static final String HOME = "620502";
    public static final String FOREIGN = "621222";

    /** A principal of the standard realm and the roles it holds in the home and the foreign county. */
    public record Principal(String name, Set<String> home, Set<String> foreign) {
    }

    /** One per realm role in the home county, a foreign county's admin and partner (whose grant is the foreign county). */
    public static final List<Principal> PRINCIPALS = List.of(
            new Principal("operator", Set.of(AccessRule.OPERATOR), Set.of(AccessRule.OPERATOR)),
            new Principal("officer-620000", Set.of(AccessRule.PROVINCE_OFFICER), Set.of(AccessRule.PROVINCE_OFFICER)),
            // Longnan's officer: the foreign county (Wen) is in Longnan, the home county (Tianshui's) is not.
            new Principal("officer-621200", Set.of(), Set.of(AccessRule.CITY_OFFICER)),
            new Principal("admin-620502", Set.of(AccessRule.ADMIN), Set.of()),
            new Principal("clerk-620502", Set.of(AccessRule.CLERK), Set.of()),
            new Principal("cadre-620502", Set.of(AccessRule.CADRE), Set.of()),
            new Principal("auditor-620502", Set.of(AccessRule.AUDITOR), Set.of()),
            new Principal("partner-qinzhou", Set.of(AccessRule.PARTNER), Set.of()),
            new Principal("admin-621222", Set.of(), Set.of(AccessRule.ADMIN)),
            new Principal("partner-wen", Set.of(), Set.of(AccessRule.PARTNER)));

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    private AccessMatrix() {
    }

    /**
     * Checks the table against the document and the running service.
     *
     * @param tokens a principal's bearer token
     */
    public static void check(WebTestClient web, JsonNode document, AccessTable table, Function<String, String> tokens) {
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (var path : document.path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                String method = operation.getKey().toUpperCase();
                String endpoint = method + " " + path.getKey();
                var rule = table.rule(method, path.getKey());
                if (rule.isEmpty()) {
                    failures.add(endpoint + " has no row in the access table");
                    continue;
                }
                boolean countyScoped = path.getKey().contains("{county}");
                if (rule.get().isPublic()) {
                    int status = call(web, method, fill(path.getKey(), HOME), null);
                    calls++;
                    if (status == 401 || status == 403) {
                        failures.add(endpoint + " without a token: the table makes it public, the service answered " + status);
                    }
                }
                for (Principal principal : PRINCIPALS) {
                    for (String county : countyScoped ? List.of(HOME, FOREIGN) : List.of(HOME)) {
                        Set<String> held = county.equals(HOME) ? principal.home() : principal.foreign();
                        if (!countyScoped) {
                            held = union(principal.home(), principal.foreign());
                        }
                        boolean allowed = rule.get().isPublic() || rule.get().roles().stream().anyMatch(held::contains);
                        if (allowed && county.equals(FOREIGN) && rule.get().kind() == AccessRule.Kind.WRITE) {
                            continue; // never changes another test's county
                        }
                        int status = call(web, method, fill(path.getKey(), county), tokens.apply(principal.name()));
                        calls++;
                        boolean refused = status == 403;
                        if (allowed && (refused || status == 401)) {
                            failures.add(endpoint + " as " + principal.name() + " in " + county + ": the table lets " + held
                                    + " in, the service answered " + status);
                        } else if (!allowed && !refused) {
                            failures.add(endpoint + " as " + principal.name() + " in " + county + ": the table refuses "
                                    + (held.isEmpty() ? "a principal without a role there" : held) + ", the service answered " + status);
                        }
                    }
                }
            }
        }
        assertThat(calls).as("calls the matrix made").isPositive();
        assertThat(failures).as("the access table against the service's answers").isEmpty();
    }

    /**
     * The gateway checks a POST as a read only where services/services.yaml lists it under the service's
     * {@code gateway.readPosts}: those must be exactly the table's POSTs of kind READ (else auditors and officers are
     * refused at the edge, or a write passes the edge as a read). A service not in the list (the template) has none.
     */
    public static void assertReadPostsListed(String service, AccessTable table) {
        var listed = org.povertyalleviation.platform.infra.PlatformServices.list().stream()
                .filter(candidate -> candidate.name().equals(service)).findFirst();
        java.util.Set<String> reads = new java.util.TreeSet<>();
        table.rules().stream().filter(rule -> rule.method().equals("POST") && rule.kind() == AccessRule.Kind.READ)
                .forEach(rule -> reads.add(rule.path().replaceAll("\\{[^}]+}", "*")));
        if (listed.isEmpty()) {
            return;
        }
        assertThat(new java.util.TreeSet<>(listed.get().readPosts()))
                .as("services/services.yaml's %s.gateway.readPosts against the access table's POST reads", service)
                .isEqualTo(reads);
    }

    /** Where docs/tenancy.md's access tables end; a new service's table is written above it. */
    static final String TABLES_END = "<!-- access-tables:end -->";

    /**
     * The service's table must stand in docs/tenancy.md under {@code ### <service>}, as {@link AccessTable#markdown()}
     * prints it; with {@code -Daccess.write-docs=true} it is written there (a new service's section above
     * {@value #TABLES_END}).
     */
    public static void assertDocumented(String service, AccessTable table) {
        Path doc = org.povertyalleviation.platform.infra.Directories.repositoryFile("docs/tenancy.md");
        String heading = "### " + service + "\n\n";
        String expected = table.markdown();
        try {
            String text = Files.readString(doc);
            if (Boolean.getBoolean("access.write-docs") && !text.contains(heading + expected)) {
                Matcher section = Pattern.compile("(?s)" + Pattern.quote(heading) + "(\\|.*?\\n)(?=\\n|\\z)").matcher(text);
                String written = section.find()
                        ? text.substring(0, section.start(1)) + expected + text.substring(section.end(1))
                        : text.replace(TABLES_END, heading + expected + "\n" + TABLES_END);
                Files.writeString(doc, written);
                text = written;
            }
            assertThat(text).as("docs/tenancy.md has the access table of %s (rerun with -Daccess.write-docs=true)", service)
                    .contains(heading + expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** The path with its variables filled: the county, a village of it, random ids, a year and a month. */
    static String fill(String path, String county) {
        Matcher variable = VARIABLE.matcher(path);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            String value = switch (variable.group(1)) {
                case "county" -> county;
                case "village" -> county + "101201";
                case "year" -> "2026";
                case "month" -> "2026-01";
                case "code" -> county;
                default -> UUID.randomUUID().toString();
            };
            variable.appendReplacement(out, value);
        }
        variable.appendTail(out);
        return out.toString();
    }

    private static int call(WebTestClient web, String method, String uri, String token) {
        var request = web.method(HttpMethod.valueOf(method)).uri(uri);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        var exchange = Set.of("POST", "PUT", "PATCH").contains(method)
                ? request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                : request.exchange();
        return exchange.returnResult(byte[].class).getStatus().value();
    }
}
