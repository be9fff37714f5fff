package org.povertyalleviation.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on the loopback interface, so parallel builds and a running devstack never collide.
 *
 * <p>A port is often bound minutes after it was chosen (the devstack picks the gateway's before Keycloak and five
 * services start). A port from the kernel's ephemeral range can be taken in between as the local end of any outgoing
 * connection, and the server then dies with "address in use". So ports come from below that range, where the kernel
 * never places a connection on its own, and no port is handed out twice by one JVM.
 */
public final class FreePorts {

    /** Below this live well-known and registered servers. */
    private static final int LOWEST = 10_000;
    private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int next() {
        int ceiling = ephemeralRangeStart();
        if (ceiling - LOWEST >= 1_000) {
            for (int attempt = 0; attempt < 200; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, ceiling);
                if (!handedOut.contains(port) && bindable(port) && handedOut.add(port)) {
                    return port;
                }
            }
        }
        // A kernel configured with (almost) no room below its ephemeral range: let it choose.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            handedOut.add(socket.getLocalPort());
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on loopback", e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port the kernel may give an outgoing connection (Linux's default, 32768, where that cannot be read). */
    static int ephemeralRangeStart() {
        try {
            // Not Files.readString: it trusts the size procfs reports and reads a single byte of this file.
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
