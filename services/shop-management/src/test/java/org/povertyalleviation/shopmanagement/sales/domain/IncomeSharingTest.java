package org.povertyalleviation.shopmanagement.sales.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.shopmanagement.shop.domain.HouseholdRole;
import org.povertyalleviation.shopmanagement.shop.domain.IncomeLink;
import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.shopmanagement.shop.domain.SharingRule;

class IncomeSharingTest {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    @Test
    void a_share_of_the_net_is_rounded_down_to_the_fen_and_a_fixed_amount_is_paid_whatever_the_sales() {
        UUID supplier = UUID.randomUUID();
        UUID employee = UUID.randomUUID();
        List<IncomeLink> links = List.of(new IncomeLink(supplier, HouseholdRole.SUPPLIER, SharingRule.SALES_SHARE, 333, null),
                new IncomeLink(employee, HouseholdRole.EMPLOYEE, SharingRule.FIXED_MONTHLY, null, 80000L));

        assertThat(IncomeSharing.distribute(new MonthlySales(OCTOBER, 10, 100_001, 1), links))
                .containsEntry(supplier, 3330L).containsEntry(employee, 80000L);
        assertThat(IncomeSharing.distribute(new MonthlySales(OCTOBER, 10, 1000, 5000), links))
                .as("refunds above the gross take nothing from a household").containsEntry(supplier, 0L).containsEntry(employee, 80000L);
        assertThat(IncomeSharing.distribute(new MonthlySales(OCTOBER, 0, 0, 0), links)).containsEntry(supplier, 0L);
    }

    @Test
    void figures_are_checked_field_by_field() {
        assertThatThrownBy(() -> new MonthlySales(OCTOBER, -1, 0, 0)).isInstanceOf(InvalidValueException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> new MonthlySales(OCTOBER, 0, 500, 0)).isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("orders"));
        assertThatThrownBy(() -> new MonthlySales(OCTOBER, 1, 1, -1)).isInstanceOf(InvalidValueException.class);
        new MonthlySales(OCTOBER, 1, 1, 0).requireNotAfter(OCTOBER);
        assertThatThrownBy(() -> new MonthlySales(OCTOBER, 1, 1, 0).requireNotAfter(OCTOBER.minusMonths(1)))
                .isInstanceOf(InvalidValueException.class).satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("month"));
        assertThat(new MonthlySales(OCTOBER, 0, 0, 300).hadSales()).isFalse();
    }
}
