package org.povertyalleviation.supplyplatform.trace;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where a scan came from, coarsely: the caller's IPv4 /16 or IPv6 /32 network. Counting places needs no more, and the
 * address itself (personal data under PIPL when it leads to a person) is never stored.
 */
final class ScanPlace {

    private ScanPlace() {
    }

    static String of(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        String literal = address.strip();
        // Only literals: a host name here would send the service to DNS on every scan.
        if (!literal.matches("[0-9a-fA-F:.]+")) {
            return "unknown";
        }
        try {
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            if (bytes.length == 4) {
                return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + ".0.0/16";
            }
            return String.format("%02x%02x:%02x%02x::/32", bytes[0] & 0xff, bytes[1] & 0xff, bytes[2] & 0xff, bytes[3] & 0xff);
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
