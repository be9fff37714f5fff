package org.povertyalleviation.platform.web;

import java.util.function.Function;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A service's API called as a named user of the test realm, the way every integration test of a service does. */
public final class ApiCalls {

    private final WebTestClient web;
    private final Function<String, String> tokenFor;

    /** @param tokenFor a user name's access token */
    public ApiCalls(WebTestClient web, Function<String, String> tokenFor) {
        this.web = web;
        this.tokenFor = tokenFor;
    }

    public WebTestClient.ResponseSpec get(String path, String user) {
        return web.get().uri(path).header("Authorization", "Bearer " + tokenFor.apply(user)).exchange();
    }

    public WebTestClient.ResponseSpec delete(String path, String user) {
        return web.delete().uri(path).header("Authorization", "Bearer " + tokenFor.apply(user)).exchange();
    }

    public WebTestClient.ResponseSpec post(String path, String user, Object body) {
        return web.post().uri(path).header("Authorization", "Bearer " + tokenFor.apply(user)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    public WebTestClient.ResponseSpec put(String path, String user, Object body) {
        return web.put().uri(path).header("Authorization", "Bearer " + tokenFor.apply(user)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    /** The id at the start of a created resource's JSON ({"id":"…", …}). */
    public static String idOf(String body) {
        return body.replaceAll("(?s)^\\{\"id\":\"([0-9a-f-]{36})\".*", "$1");
    }
}
