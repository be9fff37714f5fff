package org.povertyalleviation.platform.web;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The request helpers every service's integration-test base offers its tests (get, post, put, delete as a realm
 * user), written once: a base extends this and says how it calls its service.
 */
public abstract class ApiCallsSupport {

    protected abstract ApiCalls calls();

    /** The id at the start of a created resource's JSON. */
    protected static String idOf(String body) {
        return ApiCalls.idOf(body);
    }

    protected WebTestClient.ResponseSpec get(String path, String user) {
        return calls().get(path, user);
    }

    protected WebTestClient.ResponseSpec delete(String path, String user) {
        return calls().delete(path, user);
    }

    protected WebTestClient.ResponseSpec post(String path, String user, Object body) {
        return calls().post(path, user, body);
    }

    protected WebTestClient.ResponseSpec put(String path, String user, Object body) {
        return calls().put(path, user, body);
    }
}
