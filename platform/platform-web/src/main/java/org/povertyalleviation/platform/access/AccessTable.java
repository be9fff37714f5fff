package org.povertyalleviation.platform.access;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A service's access table: who may call which endpoint, declared once (a bean the service defines), enforced by
 * {@link AccessTableAuthorization} for every request (an endpoint without a row is refused), printed in the service's
 * documentation ({@link #markdown()}) and proven by platform-service-test's access matrix for every endpoint of the
 * service's OpenAPI document, every realm role, the home and a foreign county, and partners in and out of grant.
 */
public final class AccessTable {

    /** A request matched to its rule, with the path's variables ({@code county}, {@code id}, …). */
    public record Match(AccessRule rule, Map<String, String> variables) {
    }

    private final List<AccessRule> rules;
    private final List<PathPattern> patterns = new ArrayList<>();

    private AccessTable(List<AccessRule> rules) {
        this.rules = List.copyOf(rules);
        Set<String> endpoints = new HashSet<>();
        PathPatternParser parser = new PathPatternParser();
        for (AccessRule rule : rules) {
            PathPattern pattern = parser.parse(rule.path());
            if (!endpoints.add(rule.method() + " " + pattern.getPatternString())) {
                throw new IllegalArgumentException("two rows for " + rule.method() + " " + rule.path());
            }
            patterns.add(pattern);
        }
    }

    public static AccessTable of(AccessRule... rules) {
        return new AccessTable(List.of(rules));
    }

    /** One table of several: the service's own and the platform's (the audit trail's row). */
    public static AccessTable merge(List<AccessTable> tables) {
        return new AccessTable(tables.stream().flatMap(table -> table.rules.stream()).toList());
    }

    public List<AccessRule> rules() {
        return rules;
    }

    /**
     * The rule of a request. Of several matching patterns the most specific wins ({@code /households/lookup} over
     * {@code /households/{id}}), as in Spring's own handler mapping.
     */
    public Optional<Match> match(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        AccessRule best = null;
        PathPattern bestPattern = null;
        for (int i = 0; i < rules.size(); i++) {
            AccessRule rule = rules.get(i);
            PathPattern pattern = patterns.get(i);
            if (rule.method().equals(method) && pattern.matches(container)
                    && (bestPattern == null || PathPattern.SPECIFICITY_COMPARATOR.compare(pattern, bestPattern) < 0)) {
                best = rule;
                bestPattern = pattern;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(new Match(best, bestPattern.matchAndExtract(container).getUriVariables()));
    }

    /** The rule of an endpoint as the OpenAPI document names it ({@code GET /counties/{county}/households/{id}}). */
    public Optional<AccessRule> rule(String method, String path) {
        String normalised = path.replaceAll("\\{[^}]+}", "{}");
        return rules.stream().filter(rule -> rule.method().equals(method)
                && rule.path().replaceAll("\\{[^}]+}", "{}").equals(normalised)).findFirst();
    }

    /** The table as Markdown, for the service's documentation page (docs/tenancy.md). */
    public String markdown() {
        StringBuilder out = new StringBuilder("| endpoint | kind | roles | reach | what |\n|---|---|---|---|---|\n");
        for (AccessRule rule : rules) {
            out.append("| `").append(rule.method()).append(' ').append(rule.path()).append("` | ")
                    .append(rule.kind().name().toLowerCase()).append(" | ").append(rule.rolesInOrder()).append(" | ")
                    .append(switch (rule.reach()) {
                        case COUNTY -> "county";
                        case VILLAGES -> "county; a cadre their villages";
                        case PARTNER_BINDING -> "county; a partner what is bound to it";
                        case PLATFORM -> "platform";
                        case PUBLIC -> "public";
                    }).append(" | ").append(rule.what()).append(" |\n");
        }
        return out.toString();
    }
}
