package org.povertyalleviation.portal.households;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class LedgerOriginTest {

    private static final UUID SHOP = UUID.fromString("e4b7c2d9-5a1f-4c8e-9b36-7d0a2f5e8c14");
    private static final LedgerOrigin.Origins ORIGINS = LedgerOrigin.namedBy(
            List.of(new Household.LinkedShop(SHOP, "上坝村花椒小店", "OPEN", "LINKED", "SUPPLIER")));

    @Test
    void a_shops_share_is_named_by_the_shop() {
        assertThat(ORIGINS.of(entry("shop:" + SHOP + ":7c1e9b52-8f3a-4d6b-a0e4-2b5d9c8f1a37:2026-10", null)))
                .isEqualTo(new LedgerOrigin("income.origin.shop", "上坝村花椒小店", null));
    }

    @Test
    void a_share_of_a_shop_the_household_left_names_the_month_instead() {
        assertThat(ORIGINS.of(entry("shop:" + UUID.randomUUID() + ":7c1e9b52-8f3a-4d6b-a0e4-2b5d9c8f1a37:2026-10", null)))
                .isEqualTo(new LedgerOrigin("income.origin.anotherShop", "2026-10", null));
    }

    @Test
    void a_subsidy_shows_its_payment_reference_in_the_readers_words() {
        assertThat(ORIGINS.of(entry("subsidy:" + UUID.randomUUID(), "Shop-opening subsidy, payment WXCZ-2026-0417")))
                .isEqualTo(new LedgerOrigin("income.origin.subsidyPaid", "WXCZ-2026-0417", null));
        assertThat(ORIGINS.of(entry("subsidy:" + UUID.randomUUID(), "Shop-opening subsidy")))
                .isEqualTo(new LedgerOrigin("income.origin.subsidy", null, null));
    }

    @Test
    void the_supply_platforms_payments_say_what_was_paid_for() {
        assertThat(ORIGINS.of(entry("supply:delivery:" + UUID.randomUUID(), null))).isEqualTo(new LedgerOrigin("income.origin.delivery", null, null));
        assertThat(ORIGINS.of(entry("supply:payday:" + UUID.randomUUID() + ":" + UUID.randomUUID(), null)))
                .isEqualTo(new LedgerOrigin("income.origin.payday", null, null));
        assertThat(ORIGINS.of(entry("supply:dividend:" + UUID.randomUUID() + ":" + UUID.randomUUID(), null)))
                .isEqualTo(new LedgerOrigin("income.origin.dividend", null, null));
        assertThat(ORIGINS.of(entry("supply:unknown:x", null))).isEqualTo(new LedgerOrigin(null, null, "supply:unknown:x"));
    }

    @Test
    void a_clerks_own_entry_shows_what_the_clerk_wrote() {
        assertThat(ORIGINS.of(entry("receipt 2026-031", "Sold walnuts at the market"))).isEqualTo(new LedgerOrigin(null, null, "Sold walnuts at the market"));
        assertThat(ORIGINS.of(entry("receipt 2026-031", null))).isEqualTo(new LedgerOrigin(null, null, "receipt 2026-031"));
    }

    private static Household.IncomeEntry entry(String origin, String note) {
        return new Household.IncomeEntry(UUID.randomUUID(), "2026-10", "SHOP_SHARE", 12_300, origin, 1, "shop-management", note, null);
    }
}
