package org.povertyalleviation.householdregistry.income.messaging;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.Consumer;

import org.povertyalleviation.householdregistry.income.IncomeLedger;
import org.povertyalleviation.householdregistry.income.domain.IncomeSource;
import org.povertyalleviation.platform.consuming.EventListeners;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.MalformedEventException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import reactor.core.publisher.Mono;

/**
 * A shop's monthly income share for a linked household (shop.household-income-earned.v1) becomes a SHOP_SHARE
 * entry. Its origin is the shop, household and month, so a redelivered event is counted once and a corrected
 * report (higher revision) replaces the amount instead of adding to it.
 */
@Configuration(proxyBeanMethods = false)
class ShopIncomeConsumer {

    static final String TYPE = "shop.household-income-earned.v1";

    /** The fields of shop.household-income-earned.v1 this service reads. */
    record HouseholdIncomeEarned(String county, String shop, String household, String month, Long amountFen, Integer revision) {
    }

    @Bean
    Consumer<Message<byte[]>> shopIncome(EventListeners listeners, EventCodec codec, IncomeLedger ledger) {
        return listeners.idempotent("shop-income-to-ledger", event -> {
            if (!event.type().equals(TYPE)) {
                return Mono.empty();
            }
            HouseholdIncomeEarned earned = codec.data(event, HouseholdIncomeEarned.class);
            if (!event.county().equals(earned.county()) || earned.amountFen() == null || earned.revision() == null || earned.shop() == null) {
                throw new MalformedEventException(TYPE + " " + event.id() + " lacks county, shop, amountFen or revision", null);
            }
            UUID household;
            YearMonth month;
            try {
                household = UUID.fromString(earned.household());
                month = YearMonth.parse(earned.month());
            } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
                throw new MalformedEventException(TYPE + " " + event.id() + " has no valid household or month", e);
            }
            String origin = "shop:" + earned.shop() + ":" + household + ":" + month;
            // An unknown household is not retried: it would be unknown on every attempt; the dead letter keeps it.
            return ledger.record(earned.county(), new IncomeLedger.Entry(household, month, IncomeSource.SHOP_SHARE,
                            earned.amountFen(), origin, earned.revision(), "shop-management", null))
                    .onErrorMap(NotFoundException.class, unknown -> new MalformedEventException(TYPE + " " + event.id() + " names household " + household
                            + ", which county " + earned.county() + " does not have", unknown))
                    .then();
        });
    }
}
