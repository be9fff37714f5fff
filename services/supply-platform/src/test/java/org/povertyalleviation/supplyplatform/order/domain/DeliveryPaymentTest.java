package org.povertyalleviation.supplyplatform.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.domain.RuleRefusedException;

class DeliveryPaymentTest {

    @Test
    void the_whole_is_the_reference_part_plus_the_premium() {
        // 160.5 kg at 82.00 yuan against a reference of 80.00 yuan.
        DeliveryPayment payment = DeliveryPayment.of(160_500, 8_200, 8_000);
        assertThat(payment.amountFen()).isEqualTo(1_316_100);
        assertThat(payment.referenceFen()).isEqualTo(1_284_000);
        assertThat(payment.premiumFen()).isEqualTo(32_100);
    }

    @Test
    void each_part_is_rounded_half_up_once_and_they_still_add_up() {
        // 0.005 kg at 1.01 yuan: 0.505 fen rounds to 1; at the reference of 1.00 yuan, 0.5 fen rounds to 1; premium 0.
        DeliveryPayment payment = DeliveryPayment.of(5, 101, 100);
        assertThat(payment.amountFen()).isEqualTo(1);
        assertThat(payment.referenceFen() + payment.premiumFen()).isEqualTo(payment.amountFen());
        for (long quantity = 1; quantity < 3_000; quantity += 7) {
            DeliveryPayment each = DeliveryPayment.of(quantity, 8_333, 8_001);
            assertThat(each.referenceFen() + each.premiumFen()).isEqualTo(each.amountFen());
            assertThat(each.premiumFen()).isNotNegative();
        }
    }

    @Test
    void the_largest_delivery_at_the_highest_price_stays_exact() {
        DeliveryPayment payment = DeliveryPayment.of(DeliveryPayment.MAX_QUANTITY_MILLI, DeliveryPayment.MAX_PRICE_FEN, 1);
        assertThat(payment.amountFen()).isEqualTo(100_000_000_000_000L);
    }

    @Test
    void a_price_below_the_reference_or_a_quantity_out_of_range_is_refused() {
        assertThatThrownBy(() -> DeliveryPayment.of(1_000, 7_900, 8_000)).isInstanceOf(RuleRefusedException.class)
                .satisfies(e -> assertThat(((RuleRefusedException) e).rule()).isEqualTo("below-reference-price"));
        assertThatThrownBy(() -> DeliveryPayment.of(0, 8_000, 8_000)).isInstanceOf(RuleRefusedException.class)
                .satisfies(e -> assertThat(((RuleRefusedException) e).field()).isEqualTo("quantity"));
        assertThatThrownBy(() -> DeliveryPayment.of(DeliveryPayment.MAX_QUANTITY_MILLI + 1, 8_000, 8_000)).isInstanceOf(RuleRefusedException.class);
    }
}
