package org.povertyalleviation.training.attendance.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.povertyalleviation.platform.domain.RuleRefusedException;

/**
 * The code a lecturer's screen shows for a sitting, new every {@value #PERIOD_SECONDS} seconds: a QR code of a token
 * {@code <sitting>.<step>.<mac>} and a six-digit fallback for phones without a camera. Both are an HMAC-SHA256 of the
 * sitting and the step under the sitting's secret. A code is accepted in its own step and the next one: it lives 30 to
 * 60 seconds, so a photo sent to a friend is useless a minute later. A token names its sitting, so one of another
 * sitting is told apart from a forged one.
 */
public final class RotatingCode {

    public static final int PERIOD_SECONDS = 30;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    /** What a scanned token says, before it is checked. */
    public record Token(UUID sitting, long step, String mac) {
    }

    private RotatingCode() {
    }

    public static byte[] newSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return secret;
    }

    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), PERIOD_SECONDS);
    }

    public static Instant stepEnds(long step) {
        return Instant.ofEpochSecond((step + 1) * PERIOD_SECONDS);
    }

    public static String token(UUID sitting, byte[] secret, long step) {
        return sitting + "." + step + "." + mac(secret, sitting, step);
    }

    public static String fallback(UUID sitting, byte[] secret, long step) {
        byte[] digest = hmac(secret, ("code:" + sitting + ":" + step).getBytes(StandardCharsets.UTF_8));
        int offset = digest[digest.length - 1] & 0x0f;
        int binary = ByteBuffer.wrap(digest, offset, 4).getInt() & 0x7fffffff;
        return String.format("%06d", binary % 1_000_000);
    }

    /** The token's parts; a token that is not one is refused naming {@code token}. */
    public static Token parse(String token) {
        String[] parts = token == null ? new String[0] : token.strip().split("\\.");
        try {
            if (parts.length == 3) {
                return new Token(UUID.fromString(parts[0]), Long.parseLong(parts[1]), parts[2]);
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the refusal below.
        }
        throw RuleRefusedException.violated("token-invalid", "This is not a check-in code of this platform", "token");
    }

    /** Refused unless the token is this sitting's, genuine, and of the current or the previous step. */
    public static void check(Token token, UUID sitting, byte[] secret, Instant now) {
        if (!token.sitting().equals(sitting)) {
            throw RuleRefusedException.violated("token-of-another-sitting", "The code is of another sitting, not of this one", "token");
        }
        if (!MessageDigest.isEqual(mac(secret, sitting, token.step()).getBytes(StandardCharsets.US_ASCII),
                token.mac().getBytes(StandardCharsets.US_ASCII))) {
            throw RuleRefusedException.violated("token-invalid", "The code is not one this sitting's screen showed", "token");
        }
        long current = step(now);
        if (token.step() > current) {
            throw RuleRefusedException.violated("token-invalid", "The code is not one this sitting's screen showed yet", "token");
        }
        if (token.step() < current - 1) {
            throw RuleRefusedException.violated("token-expired", "The code was shown at " + Instant.ofEpochSecond(token.step() * PERIOD_SECONDS)
                    + " and has rotated out: scan the code on the screen now", "token");
        }
    }

    /** Refused unless the six digits are this sitting's for the current or the previous step. */
    public static void checkFallback(String code, UUID sitting, byte[] secret, Instant now) {
        long current = step(now);
        if (code != null && (code.equals(fallback(sitting, secret, current)) || code.equals(fallback(sitting, secret, current - 1)))) {
            return;
        }
        throw RuleRefusedException.violated("code-invalid", "The code is not the one on this sitting's screen now (it changes every "
                + PERIOD_SECONDS + " s)", "code");
    }

    private static String mac(byte[] secret, UUID sitting, long step) {
        byte[] digest = hmac(secret, ("token:" + sitting + ":" + step).getBytes(StandardCharsets.UTF_8));
        return URL.encodeToString(java.util.Arrays.copyOf(digest, 12));
    }

    private static byte[] hmac(byte[] secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
