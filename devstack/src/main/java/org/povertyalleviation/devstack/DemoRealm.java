package org.povertyalleviation.devstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The repository's realm plus demo accounts: a county admin and a clerk for each county (in a county group
 * carrying the county code as an attribute), a Longnan city officer and a platform operator.
 * Passwords are for a local machine only and are printed when the devstack starts.
 */
final class DemoRealm {

    record DemoUser(String username, String password, String role, String scope) {
    }

    static final String REALM = "poverty-platform";
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

    static String json(String baseRealm, DemoData.Dataset data, JsonMapper json) {
        ObjectNode realm = (ObjectNode) json.readTree(baseRealm);
        ArrayNode groups = (ArrayNode) realm.get("groups");
        ArrayNode countyGroups = (ArrayNode) groups.get(0).get("subGroups");
        for (DemoData.County county : data.counties()) {
            countyGroups.add(json.valueToTree(Map.of("name", county.code(),
                    "attributes", Map.of("county", List.of(county.code()), "name", List.of(county.nameZh())))));
        }
        ((ArrayNode) groups.get(1).get("subGroups")).add(json.valueToTree(Map.of("name", CITY,
                "attributes", Map.of("city", List.of(CITY), "name", List.of("陇南市")))));
        ArrayNode users = realm.putArray("users");
        for (DemoUser user : users(data)) {
            ObjectNode node = users.addObject();
            node.put("username", user.username());
            node.put("enabled", true);
            node.put("email", user.username() + "@demo.invalid");
            node.put("emailVerified", true);
            node.put("firstName", user.username());
            node.put("lastName", "Demo");
            node.set("credentials", json.valueToTree(List.of(Map.of("type", "password", "value", user.password(), "temporary", false))));
            node.set("realmRoles", json.valueToTree(List.of(user.role())));
            if (user.role().startsWith("county-")) {
                node.set("groups", json.valueToTree(List.of("/counties/" + user.scope())));
            } else if (user.role().equals("city-officer")) {
                node.set("groups", json.valueToTree(List.of("/cities/" + CITY)));
            }
        }
        return json.writeValueAsString(realm);
    }
}
