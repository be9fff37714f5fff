package org.povertyalleviation.gateway.edge;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.web.server.ServerWebExchange;

/**
 * The address of the machine that called, for the budgets of anonymous callers. Behind the cluster's ingress every
 * connection comes from the ingress, so the peer's address would put every anonymous caller in one budget; the
 * ingress names the caller in {@code X-Forwarded-For}. That header is believed only when the peer is a trusted
 * proxy (the same {@code trusted-proxies} pattern Spring Cloud Gateway uses for its X-Forwarded headers), and only
 * from the right: the nearest entry not itself a trusted proxy, since a caller can write anything to the left.
 */
public final class ClientAddress {

    private final Pattern trustedProxies;

    public ClientAddress(String trustedProxies) {
        this.trustedProxies = trustedProxies == null || trustedProxies.isBlank() ? null : Pattern.compile(trustedProxies);
    }

    public String of(ServerWebExchange exchange) {
        String peer = peer(exchange);
        if (!trusted(peer)) {
            return peer;
        }
        List<String> forwarded = exchange.getRequest().getHeaders().getOrEmpty("X-Forwarded-For").stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .toList();
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            if (!trusted(forwarded.get(i))) {
                return forwarded.get(i);
            }
        }
        return forwarded.isEmpty() ? peer : forwarded.get(0);
    }

    /** The address at the other end of the connection. */
    static String peer(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    private boolean trusted(String address) {
        return trustedProxies != null && trustedProxies.matcher(address).matches();
    }
}
