package org.povertyalleviation.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

class CachedJwtDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    private final AtomicInteger decoded = new AtomicInteger();
    private final MutableClock clock = new MutableClock(NOW);

    @Test
    void an_accepted_token_is_decoded_once_while_it_is_valid() {
        CachedJwtDecoder decoder = new CachedJwtDecoder(token -> accept(token, NOW.plusSeconds(300)), 100, Duration.ofMinutes(5), clock);

        Jwt first = decoder.decode("token-a").block();
        Jwt second = decoder.decode("token-a").block();

        assertThat(second).isSameAs(first);
        assertThat(decoded).hasValue(1);
        decoder.decode("token-b").block();
        assertThat(decoded).as("another token is decoded on its own").hasValue(2);
    }

    @Test
    void an_expired_token_goes_back_to_the_real_decoder() {
        CachedJwtDecoder decoder = new CachedJwtDecoder(token -> accept(token, NOW.plusSeconds(60)), 100, Duration.ofMinutes(5), clock);
        decoder.decode("token-a").block();

        clock.now = NOW.plusSeconds(60);
        decoder.decode("token-a").block();

        assertThat(decoded).hasValue(2);
    }

    @Test
    void a_refused_token_is_never_remembered() {
        CachedJwtDecoder decoder = new CachedJwtDecoder(token -> {
            decoded.incrementAndGet();
            return Mono.error(new BadJwtException("bad signature"));
        }, 100, Duration.ofMinutes(5), clock);

        assertThatThrownBy(() -> decoder.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThat(decoded).hasValue(2);
    }

    private Mono<Jwt> accept(String token, Instant expiresAt) {
        decoded.incrementAndGet();
        return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject("someone")
                .issuedAt(NOW.minusSeconds(10)).expiresAt(expiresAt).build());
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
