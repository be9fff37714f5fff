package org.povertyalleviation.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers the tokens the real decoder accepted, until they expire, so that a partner or a portal user who sends
 * the same access token with every request pays for its signature check and claim parsing once rather than on
 * every request (a tenth of the gateway's CPU under load). Only accepted tokens are kept, never refusals; a token
 * is served from memory only while it is unexpired by this clock, with none of the validator's leeway, and at
 * most {@code retention} after it was first accepted. Revocation is no property of a JWT anyway: access tokens
 * are short-lived.
 */
public final class CachedJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final Cache<String, Jwt> accepted;
    private final Clock clock;

    public CachedJwtDecoder(ReactiveJwtDecoder delegate, int maximumTokens, Duration retention, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
        this.accepted = Caffeine.newBuilder().maximumSize(maximumTokens).expireAfterWrite(retention).build();
    }

    public CachedJwtDecoder(ReactiveJwtDecoder delegate) {
        this(delegate, 10_000, Duration.ofMinutes(5), Clock.systemUTC());
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = accepted.getIfPresent(token);
        if (known != null && unexpired(known)) {
            return Mono.just(known);
        }
        return delegate.decode(token).doOnNext(jwt -> {
            if (jwt.getExpiresAt() != null) {
                accepted.put(token, jwt);
            }
        });
    }

    private boolean unexpired(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt != null && clock.instant().isBefore(expiresAt);
    }
}
