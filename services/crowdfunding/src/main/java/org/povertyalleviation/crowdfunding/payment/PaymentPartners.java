package org.povertyalleviation.crowdfunding.payment;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The payment partners this deployment works with, by the client id they call the gateway with: the secret both sides
 * sign bodies with (HMAC-SHA256, hex, in {@value #SIGNATURE_HEADER}: {@code sha256=<hex>}) and where refunds are
 * sent. A callback must come from a configured partner's client and carry its signature over the exact bytes sent; a
 * refund request carries ours, so the partner knows it is the platform asking.
 *
 * @param paymentPartners client id → partner
 */
@ConfigurationProperties("crowdfunding")
public record PaymentPartners(Map<String, Partner> paymentPartners) {

    public static final String SIGNATURE_HEADER = "X-Payment-Signature";

    /**
     * @param secret    the shared signing secret (at least 32 characters)
     * @param refundUri where refunds are posted
     */
    public record Partner(String secret, URI refundUri) {

        public Partner {
            if (secret == null || secret.length() < 32) {
                throw new IllegalArgumentException("a payment partner's secret has at least 32 characters");
            }
            if (refundUri == null) {
                throw new IllegalArgumentException("a payment partner needs its refund-uri");
            }
        }
    }

    public PaymentPartners {
        paymentPartners = paymentPartners == null ? Map.of() : Map.copyOf(paymentPartners);
    }

    public Optional<Partner> partner(String client) {
        return Optional.ofNullable(client == null ? null : paymentPartners.get(client));
    }

    /** The signature header's value for a body. */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** Whether the header signs the body with the partner's secret (compared in constant time). */
    public static boolean verify(Partner partner, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(partner.secret(), body).getBytes(StandardCharsets.US_ASCII), header.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
