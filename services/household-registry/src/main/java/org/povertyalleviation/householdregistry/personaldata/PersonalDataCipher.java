package org.povertyalleviation.householdregistry.personaldata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for resident ID numbers and phones at rest, and HMAC-SHA256 keyed hashes to find and compare them
 * without decrypting. A sealed value is {@code [key id length][key id][12-byte nonce][ciphertext + 16-byte tag]},
 * so any configured key opens what it sealed and rotation only adds a key and re-encrypts in the background.
 * The county and the field are bound as associated data: a value copied to another county's row or another
 * column does not open.
 */
public class PersonalDataCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKey;
    private final SecretKeySpec lookupKey;
    private final SecureRandom random = new SecureRandom();
    // Cipher.getInstance and Mac.getInstance look the provider up on every call: an import seals two values and hashes
    // two per person, so each thread keeps its own (neither is thread-safe; both are re-initialised per use).
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    });
    private final ThreadLocal<Mac> macs;

    public PersonalDataCipher(PersonalDataProperties properties) {
        if (properties.keys().isEmpty() || properties.activeKey() == null) {
            throw new IllegalStateException("household-registry.personal-data.keys and active-key are required "
                    + "(the service never stores resident ID numbers or phones unencrypted)");
        }
        properties.keys().forEach((id, base64) -> {
            byte[] key = decode("household-registry.personal-data.keys." + id, base64);
            if (key.length != 32) {
                throw new IllegalStateException("household-registry.personal-data.keys." + id + " must be 32 bytes (AES-256), is " + key.length);
            }
            if (id.isEmpty() || id.length() > 32) {
                throw new IllegalStateException("key ids must be 1 to 32 characters: " + id);
            }
            keys.put(id, new SecretKeySpec(key, "AES"));
        });
        if (!keys.containsKey(properties.activeKey())) {
            throw new IllegalStateException("household-registry.personal-data.active-key " + properties.activeKey() + " is not among the keys");
        }
        this.activeKey = properties.activeKey();
        byte[] lookup = decode("household-registry.personal-data.lookup-key", properties.lookupKey());
        if (lookup.length < 32) {
            throw new IllegalStateException("household-registry.personal-data.lookup-key must be at least 32 bytes");
        }
        this.lookupKey = new SecretKeySpec(lookup, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(lookupKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
            }
        });
    }

    public String activeKey() {
        return activeKey;
    }

    public byte[] seal(String county, Field field, String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKey), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(county, field));
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] id = activeKey.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(1 + id.length + NONCE_BYTES + ciphertext.length)
                    .put((byte) id.length).put(id).put(nonce).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    public String open(String county, Field field, byte[] sealed) {
        ByteBuffer buffer = ByteBuffer.wrap(sealed);
        byte[] id = new byte[buffer.get()];
        buffer.get(id);
        String keyId = new String(id, StandardCharsets.UTF_8);
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("Personal data sealed with key " + keyId + ", which is no longer configured");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        buffer.get(nonce);
        byte[] ciphertext = new byte[buffer.remaining()];
        buffer.get(ciphertext);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(county, field));
            return new String(cipher.doFinal(ciphertext), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Personal data of county " + county + " does not open with key " + keyId, e);
        }
    }

    /** The id of the key that sealed a value. */
    public static String keyOf(byte[] sealed) {
        return new String(sealed, 1, sealed[0], StandardCharsets.UTF_8);
    }

    /** The keyed hash of a value (normalised by its value type), per county and field: equal values, equal hashes. */
    public byte[] lookupHash(String county, Field field, String value) {
        Mac mac = macs.get();
        mac.update(associatedData(county, field));
        // doFinal also resets the Mac for the next value.
        return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] associatedData(String county, Field field) {
        return (county + "|" + field.name() + "|").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] decode(String property, String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException(property + " is required");
        }
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not Base64", e);
        }
    }

    public enum Field { RESIDENT_ID, PHONE }
}
