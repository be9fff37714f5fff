package org.povertyalleviation.shopmanagement.shop.domain;

import org.povertyalleviation.platform.domain.RuleRefusedException;

import org.povertyalleviation.platform.domain.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ShopRulesTest {

    private static final UUID HOUSEHOLD = UUID.randomUUID();

    @Test
    void the_lifecycle_has_its_steps_and_no_others() {
        ShopStatus.PLANNED.requireStepTo(ShopStatus.OPEN);
        ShopStatus.OPEN.requireStepTo(ShopStatus.DORMANT);
        ShopStatus.DORMANT.requireStepTo(ShopStatus.OPEN);
        ShopStatus.DORMANT.requireStepTo(ShopStatus.CLOSED);
        ShopStatus.PLANNED.requireStepTo(ShopStatus.CLOSED);
        assertThatThrownBy(() -> ShopStatus.PLANNED.requireStepTo(ShopStatus.DORMANT)).isInstanceOf(RuleRefusedException.class);
        assertThatThrownBy(() -> ShopStatus.OPEN.requireStepTo(ShopStatus.PLANNED)).isInstanceOf(RuleRefusedException.class);
        for (ShopStatus target : ShopStatus.values()) {
            assertThatThrownBy(() -> ShopStatus.CLOSED.requireStepTo(target)).isInstanceOf(RuleRefusedException.class)
                    .satisfies(e -> assertThat(((RuleRefusedException) e).isStateConflict()).isTrue());
        }
    }

    @Test
    void a_poor_households_shop_names_the_household_and_only_it_does() {
        assertThatThrownBy(() -> shop(OwnerCategory.POOR_HOUSEHOLD, null)).isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("ownerHousehold"));
        assertThatThrownBy(() -> shop(OwnerCategory.ENTERPRISE, HOUSEHOLD)).isInstanceOf(InvalidValueException.class);
        assertThat(shop(OwnerCategory.POOR_HOUSEHOLD, HOUSEHOLD).ownerHousehold()).isEqualTo(HOUSEHOLD);
    }

    @Test
    void a_shop_keeps_its_fields_tidy() {
        Shop shop = new Shop(UUID.randomUUID(), "621222101201", "  店  ", SalesPlatform.JD, " ", OwnerCategory.GRADUATE, null,
                java.util.Arrays.asList("花椒", " 花椒 ", null, ""));
        assertThat(shop.name()).isEqualTo("店");
        assertThat(shop.url()).isNull();
        assertThat(shop.productCategories()).containsExactly("花椒");
        assertThat(shop.inCounty("621222")).isTrue();
        assertThat(shop.inCounty("621224")).isFalse();
        assertThatThrownBy(() -> new Shop(UUID.randomUUID(), "62122210120", "x", SalesPlatform.JD, null, OwnerCategory.GRADUATE, null, null))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("12-digit");
    }

    @Test
    void shares_are_basis_points_and_together_stay_within_the_whole() {
        assertThat(IncomeLink.basisPoints(new BigDecimal("12.5"))).isEqualTo(1250);
        assertThat(IncomeLink.basisPoints(new BigDecimal("100"))).isEqualTo(10000);
        assertThat(IncomeLink.percent(10000).toString()).isEqualTo("100");
        assertThat(IncomeLink.percent(1250).toString()).isEqualTo("12.5");
        assertThatThrownBy(() -> IncomeLink.basisPoints(new BigDecimal("0.001"))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new IncomeLink(HOUSEHOLD, HouseholdRole.SUPPLIER, SharingRule.SALES_SHARE, 10001, null))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new IncomeLink(HOUSEHOLD, HouseholdRole.SUPPLIER, SharingRule.SALES_SHARE, 100, 5L))
                .isInstanceOf(InvalidValueException.class).satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("fixedAmountFen"));
        List<IncomeLink> whole = List.of(share(6000), share(4000), new IncomeLink(UUID.randomUUID(), HouseholdRole.EMPLOYEE,
                SharingRule.FIXED_MONTHLY, null, 100000L));
        IncomeLink.requireSharesWithinWhole(whole);
        assertThatThrownBy(() -> IncomeLink.requireSharesWithinWhole(List.of(share(6000), share(4001))))
                .isInstanceOf(RuleRefusedException.class).hasMessageContaining("100.01 %")
                .satisfies(e -> assertThat(((RuleRefusedException) e).isStateConflict()).isFalse());
    }

    private static IncomeLink share(int basisPoints) {
        return new IncomeLink(UUID.randomUUID(), HouseholdRole.SUPPLIER, SharingRule.SALES_SHARE, basisPoints, null);
    }

    private static Shop shop(OwnerCategory category, UUID household) {
        return new Shop(UUID.randomUUID(), "621222101201", "上坝村店", SalesPlatform.TAOBAO, "https://shop.example.cn/1", category, household, List.of());
    }
}
