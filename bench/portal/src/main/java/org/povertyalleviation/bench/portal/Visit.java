package org.povertyalleviation.bench.portal;

import java.util.Map;

/**
 * One navigation as the browser saw it.
 *
 * @param url                the page asked for
 * @param finalUrl           where the browser ended (a redirect to the login means the session was not reused)
 * @param status             the document's HTTP status
 * @param bytes              bytes on the wire: the sum of {@code encodedDataLength} of every request that finished
 *                           (headers and compressed bodies; 0 for what came from the browser's cache)
 * @param requests           requests that went to the network
 * @param fromCache          requests answered by the browser's cache
 * @param failed             requests that failed (not counted in bytes)
 * @param bytesByType        bytes per resource type (Document, Script, Stylesheet, …)
 * @param largest            the request that transferred the most: its URL's last path segment and its bytes
 * @param domContentLoadedMs navigation start to the end of DOMContentLoaded (Navigation Timing)
 * @param loadMs             navigation start to the end of the load event (Navigation Timing)
 */
record Visit(String url, String finalUrl, int status, long bytes, int requests, int fromCache, int failed, Map<String, Long> bytesByType,
             Map.Entry<String, Long> largest, double domContentLoadedMs, double loadMs) {

    boolean landed() {
        return status == 200 && finalUrl.equals(url) && failed == 0;
    }
}
