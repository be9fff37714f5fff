package org.povertyalleviation.crowdfunding.delivery;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the rewards' lots and shipments are: called directly, inside the cluster, not through the gateway.
 *
 * @param supplyUri     the supply platform (its public trace, GET /trace/{code}); default its Kubernetes Service
 * @param logisticsUri  the logistics booking service (POST /counties/{county}/bookings); default its Kubernetes Service
 * @param tracePageBase the public base of the trace pages a backer opens (through the gateway): a reward shows
 *                      {@code <base>/<lotCode>}; default the devstack's gateway
 */
@ConfigurationProperties("crowdfunding")
public record DeliveryProperties(URI supplyUri, URI logisticsUri, String tracePageBase) {

    public DeliveryProperties {
        supplyUri = supplyUri == null ? URI.create("http://supply-platform:8084") : supplyUri;
        logisticsUri = logisticsUri == null ? URI.create("http://logistics-booking:8085") : logisticsUri;
        tracePageBase = tracePageBase == null || tracePageBase.isBlank() ? "http://localhost:8080/api/supply-platform/trace" : tracePageBase.strip();
    }
}
