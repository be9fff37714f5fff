package org.povertyalleviation.bench.portal;

import java.util.Locale;

import com.google.gson.JsonObject;

/**
 * A link Chromium emulates (DevTools' network throttling): a latency added to every request and the bandwidth each
 * way, shared by all of the page's connections. Rates are in kbit/s of 1,000 bits, as the DevTools presets count.
 */
record NetworkProfile(String name, int latencyMs, int downloadKbps, int uploadKbps) {

    /** The parameters of {@code Network.emulateNetworkConditions}: throughputs in bytes per second. */
    JsonObject conditions() {
        JsonObject conditions = new JsonObject();
        conditions.addProperty("offline", false);
        conditions.addProperty("latency", latencyMs);
        conditions.addProperty("downloadThroughput", downloadKbps * 1000.0 / 8);
        conditions.addProperty("uploadThroughput", uploadKbps * 1000.0 / 8);
        conditions.addProperty("connectionType", "cellular3g");
        return conditions;
    }

    /** Bytes per second downstream: 750 kbit/s is 93,750 B/s, so 150 KB alone take 1.6 s before any latency. */
    double downloadBytesPerSecond() {
        return downloadKbps * 1000.0 / 8;
    }

    String describe() {
        return String.format(Locale.ROOT, "\"%s\": %d ms latency per request, %d kbit/s down, %d kbit/s up (Chromium's DevTools "
                + "network emulation, Network.emulateNetworkConditions)", name, latencyMs, downloadKbps, uploadKbps);
    }
}
