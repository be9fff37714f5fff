package org.povertyalleviation.platform.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.povertyalleviation.platform.infra.KeycloakServer;
import org.povertyalleviation.platform.infra.PlatformRealm;
import org.povertyalleviation.platform.infra.SharedInfrastructure;

/**
 * The repository's realm with the principals every service's tests use, started once per test JVM. Each user's
 * password is {@value #PASSWORD}; each partner's secret {@value #PARTNER_SECRET}.
 * Each role holds only for the place it was granted for (docs/tenancy.md).
 * <ul>
 *   <li>{@code operator}: platform operator;</li>
 *   <li>Wen County 621222: {@code admin-621222}, {@code clerk-621222}, {@code cadre-621222} (the six villages of
 *       {@link ServiceIT#villages}), {@code cadre-621222-101201} (village 621222101201 only), {@code auditor-621222};</li>
 *   <li>{@code deputy-621222}: Wen's second county admin (four eyes: one submits, another approves);</li>
 *   <li>{@code clerk-621222-auditor-621224}: a clerk of Wen who audits Kang;</li>
 *   <li>Qinzhou District (Tianshui) 620502, the access matrix's county ({@code AccessMatrix}): {@code admin-620502}, {@code clerk-620502},
 *       {@code cadre-620502} (its six villages), {@code auditor-620502}, partner {@code partner-qinzhou};</li>
 *   <li>county admins of Kang 621224, Xihe 621225 (a county no test shares, for exact counts), Liangdang 621228 and
 *       Liancheng 350825; clerks of Kang and Xihe;</li>
 *   <li>{@code officer-621200}: Longnan's city officer; {@code officer-620000}: Gansu's province officer;</li>
 *   <li>partners {@code partner-wen} (granted 621222) and {@code partner-jd} (granted 621224);</li>
 *   <li>{@code partner-pay}: a payment partner granted Wen and Kang (crowdfunding's payments and refunds);</li>
 *   <li>the county registry's own client, with secret {@value #COUNTY_REGISTRY_SECRET}.</li>
 * </ul>
 */
public final class StandardRealm {

    public static final String PASSWORD = "test-password-2026";
    public static final String PARTNER_SECRET = "partner-secret";
    public static final String COUNTY_REGISTRY_SECRET = "county-registry-test-secret";

    private record Token(String value, long obtainedAt) {
    }

    private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();

    private StandardRealm() {
    }

    public static KeycloakServer keycloak() {
        return SharedInfrastructure.keycloak(List.of(PlatformRealm.fromRepository()
                .clientSecret("county-registry", COUNTY_REGISTRY_SECRET)
                .user("operator", PASSWORD, "platform-operator")
                .user("admin-621222", PASSWORD, "county-admin", PlatformRealm.county("621222"))
                .user("clerk-621222", PASSWORD, "county-clerk", PlatformRealm.county("621222"))
                .user("cadre-621222", PASSWORD, "village-cadre", villages("621222"))
                .user("cadre-621222-101201", PASSWORD, "village-cadre", PlatformRealm.village("621222101201"))
                .person("clerk-621222-auditor-621224", PASSWORD, List.of(PlatformRealm.grant("county-clerk", PlatformRealm.county("621222")),
                        PlatformRealm.grant("auditor", PlatformRealm.county("621224"))))
                .user("auditor-621222", PASSWORD, "auditor", PlatformRealm.county("621222"))
                .user("deputy-621222", PASSWORD, "county-admin", PlatformRealm.county("621222"))
                .user("admin-621224", PASSWORD, "county-admin", PlatformRealm.county("621224"))
                .user("clerk-621224", PASSWORD, "county-clerk", PlatformRealm.county("621224"))
                .user("admin-621225", PASSWORD, "county-admin", PlatformRealm.county("621225"))
                .user("clerk-621225", PASSWORD, "county-clerk", PlatformRealm.county("621225"))
                .user("admin-621228", PASSWORD, "county-admin", PlatformRealm.county("621228"))
                .user("admin-350825", PASSWORD, "county-admin", PlatformRealm.county("350825"))
                .user("officer-621200", PASSWORD, "city-officer", PlatformRealm.city("621200"))
                .user("officer-620000", PASSWORD, "province-officer", PlatformRealm.province("620000"))
                .user("admin-620502", PASSWORD, "county-admin", PlatformRealm.county("620502"))
                .user("clerk-620502", PASSWORD, "county-clerk", PlatformRealm.county("620502"))
                .user("cadre-620502", PASSWORD, "village-cadre", villages("620502"))
                .user("auditor-620502", PASSWORD, "auditor", PlatformRealm.county("620502"))
                .partner("partner-qinzhou", PARTNER_SECRET, "620502")
                .partner("partner-wen", PARTNER_SECRET, "621222")
                .partner("partner-jd", PARTNER_SECRET, "621224")
                .partner("partner-pay", PARTNER_SECRET, "621222", "621224")
                .json()));
    }

    /** The village groups of a county's six test villages ({@link ServiceIT#villages}). */
    private static String[] villages(String county) {
        return ServiceIT.villages(county).stream().map(PlatformRealm::village).toArray(String[]::new);
    }

    /**
     * A realm user's access token, or a partner's (client credentials) for a name starting with {@code partner-},
     * reused for up to a minute: each grant costs Keycloak a password hash, and tests ask for hundreds.
     */
    public static String tokenFor(String principal) {
        return TOKENS.compute(principal, (name, token) -> token != null && System.nanoTime() - token.obtainedAt() < Duration.ofMinutes(1).toNanos()
                ? token
                : new Token(name.startsWith("partner-")
                        ? keycloak().clientCredentialsGrant(PlatformRealm.NAME, name, PARTNER_SECRET)
                        : keycloak().passwordGrant(PlatformRealm.NAME, PlatformRealm.CLI_CLIENT, name, PASSWORD), System.nanoTime())).value();
    }
}
