package org.povertyalleviation.devstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.povertyalleviation.platform.infra.PlatformRealm;

/**
 * The repository's realm plus demo accounts: a county admin and a clerk for each county, a Longnan city
 * officer, a platform operator and a partner platform, scoped through the realm's groups (see PlatformRealm). Passwords are for a
 * local machine only and are printed when the devstack starts.
 */
final class DemoRealm {

    record DemoUser(String username, String password, String role, String scope) {
    }

    static final String REALM = PlatformRealm.NAME;
    static final String CITY = "621200";

    private DemoRealm() {
    }

    static List<DemoUser> users(DemoData.Dataset data) {
        List<DemoUser> users = new ArrayList<>();
        users.add(new DemoUser("operator", "operator-demo", "platform-operator", "all counties"));
        users.add(new DemoUser("longnan-officer", "longnan-demo", "city-officer", "city " + CITY));
        for (DemoData.County county : data.counties()) {
            users.add(new DemoUser("admin-" + county.code(), "admin-" + county.code() + "-demo", "county-admin", county.code()));
            users.add(new DemoUser("clerk-" + county.code(), "clerk-" + county.code() + "-demo", "county-clerk", county.code()));
        }
        return users;
    }

    /** A demo user's password (as {@link #users} lists them). */
    static String passwordOf(String username) {
        return switch (username) {
            case "operator" -> "operator-demo";
            case "longnan-officer" -> "longnan-demo";
            default -> username + "-demo";
        };
    }

    /** A demo partner platform (client credentials), granted Wen County and Kang County; for this machine only. */
    static final String PARTNER = "partner-demo";
    static final String PARTNER_SECRET = "partner-demo-secret";
    static final List<String> PARTNER_COUNTIES = List.of("621222", "621224");

    /**
     * The demo payment partner (client credentials), granted the same counties: it takes the backers' money for the
     * partner platform's crowdfunding pledges and reports payments and refunds in callbacks signed with its signing
     * secret (HMAC-SHA256; a client of its own because the callbacks' signature binds them to this one partner). For this
     * machine only.
     */
    static final String PAYMENT_PARTNER = "pay-demo";
    static final String PAYMENT_PARTNER_SECRET = "pay-demo-secret";
    static final String PAYMENT_SIGNING_SECRET = "pay-demo-signing-secret-for-this-machine-only";

    /** A demo client's secret by its id, for a client-credentials token; empty for a demo user. */
    static Optional<String> clientSecretOf(String clientOrUser) {
        return switch (clientOrUser) {
            case PARTNER -> Optional.of(PARTNER_SECRET);
            case PAYMENT_PARTNER -> Optional.of(PAYMENT_PARTNER_SECRET);
            default -> Optional.empty();
        };
    }

    /** The county registry's client secret, for this machine only. */
    static final String COUNTY_REGISTRY_SECRET = "county-registry-devstack";

    static String json(DemoData.Dataset data, String portalOrigin) {
        PlatformRealm realm = PlatformRealm.fromRepository().clientSecret("county-registry", COUNTY_REGISTRY_SECRET)
                .portalAt(portalOrigin);
        for (DemoUser user : users(data)) {
            String group = switch (user.role()) {
                case "county-admin", "county-clerk" -> PlatformRealm.county(user.scope());
                case "city-officer" -> PlatformRealm.city(CITY);
                default -> null;
            };
            if (group == null) {
                realm.user(user.username(), user.password(), user.role());
            } else {
                realm.user(user.username(), user.password(), user.role(), group);
            }
        }
        realm.partner(PARTNER, PARTNER_SECRET, PARTNER_COUNTIES.toArray(String[]::new));
        realm.partner(PAYMENT_PARTNER, PAYMENT_PARTNER_SECRET, PARTNER_COUNTIES.toArray(String[]::new));
        return realm.json();
    }
}
