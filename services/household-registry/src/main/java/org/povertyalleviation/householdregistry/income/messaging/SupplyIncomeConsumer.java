package org.povertyalleviation.householdregistry.income.messaging;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Set;
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
 * The supply platform's payments to a household (supply.household-income-earned.v1): an order's paid delivery
 * (ORDER_PREMIUM), a workshop's payday (WORKSHOP_WAGE) or a dividend (DIVIDEND) becomes a ledger entry under the
 * event's own origin, so a redelivered event is counted once and a correction (a higher revision of the same origin)
 * replaces the amount instead of adding to it.
 */
@Configuration(proxyBeanMethods = false)
class SupplyIncomeConsumer {

    static final String TYPE = "supply.household-income-earned.v1";
    private static final Set<IncomeSource> SOURCES = Set.of(IncomeSource.ORDER_PREMIUM, IncomeSource.WORKSHOP_WAGE, IncomeSource.DIVIDEND);

    /** The fields of supply.household-income-earned.v1 this service reads. */
    record SupplyIncomeEarned(String county, String household, String source, String origin, String month, Long amountFen, Integer revision) {
    }

    @Bean
    Consumer<Message<byte[]>> supplyIncome(EventListeners listeners, EventCodec codec, IncomeLedger ledger) {
        return listeners.idempotent("supply-income-to-ledger", event -> {
            if (!event.type().equals(TYPE)) {
                return Mono.empty();
            }
            SupplyIncomeEarned earned = codec.data(event, SupplyIncomeEarned.class);
            if (!event.county().equals(earned.county()) || earned.amountFen() == null || earned.amountFen() < 0 || earned.revision() == null
                    || earned.revision() < 1 || earned.origin() == null || !earned.origin().matches("(delivery|payday|dividend):[0-9a-f:-]{36,80}")) {
                throw new MalformedEventException(TYPE + " " + event.id() + " lacks county, origin, a non-negative amountFen or a revision", null);
            }
            UUID household;
            YearMonth month;
            IncomeSource source;
            try {
                household = UUID.fromString(earned.household());
                month = YearMonth.parse(earned.month());
                source = IncomeSource.valueOf(earned.source());
            } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
                throw new MalformedEventException(TYPE + " " + event.id() + " has no valid household, month or source", e);
            }
            if (!SOURCES.contains(source)) {
                throw new MalformedEventException(TYPE + " " + event.id() + " names source " + source + ", which the supply platform does not pay", null);
            }
            // An unknown household is not retried: it would be unknown on every attempt; the dead letter keeps it.
            return ledger.record(earned.county(), new IncomeLedger.Entry(household, month, source, earned.amountFen(),
                            "supply:" + earned.origin(), earned.revision(), "supply-platform", null))
                    .onErrorMap(NotFoundException.class, unknown -> new MalformedEventException(TYPE + " " + event.id() + " names household " + household
                            + ", which county " + earned.county() + " does not have", unknown))
                    .then();
        });
    }
}
