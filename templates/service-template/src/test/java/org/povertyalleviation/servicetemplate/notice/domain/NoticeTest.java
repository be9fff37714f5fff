package org.povertyalleviation.servicetemplate.notice.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.platform.domain.RuleRefusedException;

class NoticeTest {

    private static final CountyCode WEN = CountyCode.of("621222");
    private static final Instant NOW = Instant.parse("2026-12-04T02:00:00Z");

    @Test
    void a_notice_goes_up_in_a_village_of_its_county() {
        Notice notice = NoticeMother.posted(WEN, "621222101201");

        assertThat(notice.status()).isEqualTo(NoticeStatus.POSTED);
        assertThat(notice.village().value()).isEqualTo("621222101201");
    }

    @Test
    void a_village_of_another_county_or_a_bad_code_is_refused_naming_the_field() {
        assertThatThrownBy(() -> NoticeMother.posted(WEN, "621224101201"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("village"));
        assertThatThrownBy(() -> NoticeMother.posted(WEN, "6212221012"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("village"));
    }

    @Test
    void a_blank_or_overlong_title_is_refused_naming_the_field() {
        assertThatThrownBy(() -> Notice.post(WEN, "621222101201", " ", "body", "clerk", NOW))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("title"));
        assertThatThrownBy(() -> Notice.post(WEN, "621222101201", "x".repeat(Notice.MAX_TITLE + 1), "body", "clerk", NOW))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("title"));
    }

    @Test
    void a_notice_is_withdrawn_once() {
        Notice withdrawn = NoticeMother.posted(WEN, "621222101201").withdraw(NOW);

        assertThat(withdrawn.status()).isEqualTo(NoticeStatus.WITHDRAWN);
        assertThatThrownBy(() -> withdrawn.withdraw(NOW)).isInstanceOfSatisfying(RuleRefusedException.class, e -> {
            assertThat(e.rule()).isEqualTo("already-withdrawn");
            assertThat(e.isStateConflict()).isTrue();
        });
    }
}
