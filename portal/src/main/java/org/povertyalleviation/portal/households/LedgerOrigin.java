package org.povertyalleviation.portal.households;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a ledger line came from, in words: the registry keeps machine origins ({@code shop:<shop>:<household>:<month>}
 * for a shop's share, {@code subsidy:<subsidy>} for the opening subsidy, {@code supply:delivery:<delivery>},
 * {@code supply:payday:<payday>:<household>} and {@code supply:dividend:<dividend>:<household>} for the supply
 * platform's payments) so that a redelivered event counts once; a clerk reads the shop's name and the month,
 * "shop-opening subsidy" and the payment's note, or what the supply platform paid for.
 *
 * @param key  the message key of the words, with {@code argument} as its one parameter; null for a clerk's own origin
 * @param text a clerk's own origin (a manual entry), shown as typed
 */
public record LedgerOrigin(String key, String argument, String text) {

    /** Reads origins against the household's shops (their names); a shop it is no longer linked to is named generically. */
    public static Origins namedBy(List<Household.LinkedShop> shops) {
        Map<UUID, String> names = new HashMap<>();
        shops.forEach(shop -> names.put(shop.shop(), shop.name()));
        return new Origins(names);
    }

    /** The household's shop names, to read each of its ledger lines' origin. */
    public record Origins(Map<UUID, String> shopNames) {

        public LedgerOrigin of(Household.IncomeEntry entry) {
            String origin = entry.origin() == null ? "" : entry.origin();
            String[] parts = origin.split(":");
            if (parts.length == 4 && parts[0].equals("shop")) {
                String name = shopName(parts[1]);
                return name == null
                        ? new LedgerOrigin("income.origin.anotherShop", parts[3], null)
                        : new LedgerOrigin("income.origin.shop", name, null);
            }
            if (parts.length == 2 && parts[0].equals("subsidy")) {
                // The registry's note reads "Shop-opening subsidy, payment <reference>": the reference is what finds the
                // payment at the bank, the rest is said in the reader's language.
                String note = entry.note() == null ? "" : entry.note();
                int payment = note.lastIndexOf("payment ");
                return payment < 0
                        ? new LedgerOrigin("income.origin.subsidy", null, null)
                        : new LedgerOrigin("income.origin.subsidyPaid", note.substring(payment + "payment ".length()).strip(), null);
            }
            if (parts.length >= 3 && parts[0].equals("supply")) {
                switch (parts[1]) {
                    case "delivery" -> {
                        return new LedgerOrigin("income.origin.delivery", null, null);
                    }
                    case "payday" -> {
                        return new LedgerOrigin("income.origin.payday", null, null);
                    }
                    case "dividend" -> {
                        return new LedgerOrigin("income.origin.dividend", null, null);
                    }
                    default -> {
                    }
                }
            }
            return new LedgerOrigin(null, null, entry.note() != null ? entry.note() : origin);
        }

        private String shopName(String id) {
            try {
                return shopNames.get(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
