package org.povertyalleviation.householdregistry.personaldata;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys for personal data at rest (docs/services/household-registry.md#personal-data), from a Kubernetes Secret
 * in production. There is deliberately no default: the service refuses to start without keys.
 *
 * @param keys         earlier AES-256 keys by id, each 32 bytes in Base64, kept until rotation re-sealed their rows
 * @param activeKey    the id of the key new data is sealed with
 * @param activeKeySecret the active key itself (32 bytes in Base64); may instead be listed under {@code keys}
 * @param lookupKey    HMAC-SHA256 key (Base64, at least 32 bytes) for the keyed hashes that find a resident ID exactly;
 *                     changing it makes every stored hash unfindable, so it is not rotated with the keys
 * @param revealRoles  realm roles that may ask for personal data unmasked (every such read is audited)
 */
@ConfigurationProperties("household-registry.personal-data")
public record PersonalDataProperties(Map<String, String> keys, String activeKey, String activeKeySecret, String lookupKey,
                                     List<String> revealRoles) {

    public PersonalDataProperties {
        java.util.Map<String, String> all = new java.util.HashMap<>(keys == null ? Map.of() : keys);
        if (activeKey != null && activeKeySecret != null && !activeKeySecret.isBlank()) {
            all.put(activeKey, activeKeySecret);
        }
        keys = Map.copyOf(all);
        revealRoles = revealRoles == null ? List.of("county-admin", "county-clerk") : List.copyOf(revealRoles);
    }
}
