package org.povertyalleviation.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class ClientAddressTest {

    private final ClientAddress address = new ClientAddress("10\\.\\d+\\.\\d+\\.\\d+|127\\.0\\.0\\.1");

    @Test
    void behind_the_ingress_the_caller_is_the_nearest_untrusted_forwarded_address() {
        assertThat(address.of(request("10.0.3.7", "203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(address.of(request("10.0.3.7", "198.51.100.1, 203.0.113.9, 10.0.1.2"))).isEqualTo("203.0.113.9");
    }

    @Test
    void a_caller_cannot_choose_its_address_by_writing_the_header_itself() {
        assertThat(address.of(request("203.0.113.9", "198.51.100.77"))).isEqualTo("203.0.113.9");
    }

    @Test
    void without_the_header_it_is_the_peer() {
        assertThat(address.of(request("10.0.3.7", null))).isEqualTo("10.0.3.7");
        assertThat(new ClientAddress("").of(request("10.0.3.7", "203.0.113.9"))).isEqualTo("10.0.3.7");
    }

    private static MockServerWebExchange request(String peer, String forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/lookup/x")
                .remoteAddress(new InetSocketAddress(peer, 40000));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return MockServerWebExchange.from(request);
    }
}
