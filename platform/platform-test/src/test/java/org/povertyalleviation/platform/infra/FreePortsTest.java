package org.povertyalleviation.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void ports_come_from_below_the_range_the_kernel_gives_outgoing_connections_and_never_twice() throws Exception {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePorts.next();
            assertThat(port).isBetween(10_000, FreePorts.ephemeralRangeStart() - 1);
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
        }
        int port = FreePorts.next();
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void a_port_in_use_is_not_handed_out() throws Exception {
        try (ServerSocket taken = new ServerSocket(FreePorts.next(), 1, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 200; i++) {
                assertThat(FreePorts.next()).isNotEqualTo(taken.getLocalPort());
            }
        }
    }
}
