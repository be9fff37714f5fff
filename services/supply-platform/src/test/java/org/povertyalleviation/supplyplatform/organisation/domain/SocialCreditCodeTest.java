package org.povertyalleviation.supplyplatform.organisation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.domain.RuleRefusedException;

class SocialCreditCodeTest {

    @Test
    void published_codes_pass_the_check() {
        // The standard's example and codes printed on registered companies' licences.
        for (String code : new String[] {"91350100M000100Y43", "91110000600037341L", "914403001922038216"}) {
            assertThat(new SocialCreditCode(code).value()).isEqualTo(code);
        }
    }

    @Test
    void a_mistyped_character_or_two_swapped_neighbours_fail_the_check() {
        assertThatThrownBy(() -> new SocialCreditCode("91350100M000100Y44")).isInstanceOf(RuleRefusedException.class)
                .satisfies(e -> assertThat(((RuleRefusedException) e).field()).isEqualTo("legalId"));
        assertThatThrownBy(() -> new SocialCreditCode("91351000M000100Y43")).isInstanceOf(RuleRefusedException.class);
    }

    @Test
    void letters_the_code_does_not_use_and_wrong_lengths_are_refused() {
        assertThatThrownBy(() -> new SocialCreditCode("91350100M000100I43")).hasMessageContaining("Character 16");
        assertThatThrownBy(() -> new SocialCreditCode("91350100M000100Y4")).hasMessageContaining("18 characters");
        assertThatThrownBy(() -> new SocialCreditCode(null)).isInstanceOf(RuleRefusedException.class);
    }
}
