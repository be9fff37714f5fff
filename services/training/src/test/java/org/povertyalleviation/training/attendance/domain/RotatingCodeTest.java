package org.povertyalleviation.training.attendance.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;

class RotatingCodeTest {

    private final UUID sitting = UUID.randomUUID();
    private final byte[] secret = RotatingCode.newSecret();
    private final Instant now = Instant.parse("2026-12-10T01:00:10Z");

    private String rule(Runnable check) {
        Throwable refused = catchThrowable(check::run);
        assertThat(refused).isInstanceOf(RuleRefusedException.class);
        return ((RuleRefusedException) refused).rule();
    }

    @Test
    void a_token_lives_its_own_step_and_the_next_then_rotates_out() {
        long step = RotatingCode.step(now);
        RotatingCode.check(RotatingCode.parse(RotatingCode.token(sitting, secret, step)), sitting, secret, now);
        RotatingCode.check(RotatingCode.parse(RotatingCode.token(sitting, secret, step - 1)), sitting, secret, now);
        assertThat(rule(() -> RotatingCode.check(RotatingCode.parse(RotatingCode.token(sitting, secret, step - 2)), sitting, secret, now)))
                .isEqualTo("token-expired");
        assertThat(rule(() -> RotatingCode.check(RotatingCode.parse(RotatingCode.token(sitting, secret, step + 1)), sitting, secret, now)))
                .isEqualTo("token-invalid");
        assertThat(RotatingCode.stepEnds(step)).isEqualTo(Instant.parse("2026-12-10T01:00:30Z"));
    }

    @Test
    void another_sittings_token_a_forged_one_and_garbage_are_told_apart() {
        long step = RotatingCode.step(now);
        UUID other = UUID.randomUUID();
        assertThat(rule(() -> RotatingCode.check(RotatingCode.parse(RotatingCode.token(other, RotatingCode.newSecret(), step)), sitting, secret, now)))
                .isEqualTo("token-of-another-sitting");
        assertThat(rule(() -> RotatingCode.check(RotatingCode.parse(RotatingCode.token(sitting, RotatingCode.newSecret(), step)), sitting, secret, now)))
                .isEqualTo("token-invalid");
        assertThat(rule(() -> RotatingCode.parse("not a token"))).isEqualTo("token-invalid");
        assertThat(rule(() -> RotatingCode.parse(null))).isEqualTo("token-invalid");
    }

    @Test
    void the_fallback_is_six_digits_of_the_current_or_previous_step() {
        long step = RotatingCode.step(now);
        String code = RotatingCode.fallback(sitting, secret, step);
        assertThat(code).matches("\\d{6}");
        RotatingCode.checkFallback(code, sitting, secret, now);
        RotatingCode.checkFallback(code, sitting, secret, now.plusSeconds(30));
        assertThat(rule(() -> RotatingCode.checkFallback(code, sitting, secret, now.plusSeconds(60)))).isEqualTo("code-invalid");
        assertThat(RotatingCode.fallback(sitting, secret, step)).isEqualTo(code);
        assertThat(RotatingCode.fallback(UUID.randomUUID(), secret, step)).isNotEqualTo(code);
    }

    @Test
    void check_in_opens_half_an_hour_before_and_is_late_after_a_quarter() {
        Sitting sitting = new Sitting(this.sitting, CountyCode.of("621222"), UUID.randomUUID(), Instant.parse("2026-12-10T01:00:00Z"),
                Instant.parse("2026-12-10T04:00:00Z"), secret);
        assertThat(rule(() -> sitting.requireOpen(Instant.parse("2026-12-10T00:29:59Z"), "token"))).isEqualTo("outside-sitting");
        sitting.requireOpen(Instant.parse("2026-12-10T00:30:00Z"), "token");
        assertThat(rule(() -> sitting.requireOpen(Instant.parse("2026-12-10T04:00:00Z"), "token"))).isEqualTo("outside-sitting");
        assertThat(CheckIn.of(sitting.county(), sitting, UUID.randomUUID(), CheckIn.Method.QR, null, false, "x", Instant.parse("2026-12-10T01:15:00Z"))
                .flag()).isNull();
        CheckIn late = CheckIn.of(sitting.county(), sitting, UUID.randomUUID(), CheckIn.Method.QR, null, false, "x", Instant.parse("2026-12-10T01:15:01Z"));
        assertThat(late.flag()).isEqualTo(CheckIn.Flag.LATE);
        assertThat(late.counted()).isTrue();
        CheckIn again = CheckIn.of(sitting.county(), sitting, UUID.randomUUID(), CheckIn.Method.CODE, null, true, "x", Instant.parse("2026-12-10T01:20:00Z"));
        assertThat(again.flag()).isEqualTo(CheckIn.Flag.DUPLICATE);
        assertThat(again.counted()).isFalse();
    }
}
