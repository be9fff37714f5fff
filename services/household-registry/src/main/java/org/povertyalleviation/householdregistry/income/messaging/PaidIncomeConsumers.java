package org.povertyalleviation.householdregistry.income.messaging;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

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
 * Payments a service makes to a household and publishes with their own source, origin and revision become ledger
 * entries under {@code <payer's prefix>:<origin>}, so a redelivered event is counted once and a correction (a higher
 * revision of the same origin) replaces the amount instead of adding to it: the supply platform's paid deliveries
 * (ORDER_PREMIUM), paydays (WORKSHOP_WAGE) and dividends (DIVIDEND), and a crowdfunding project's proceeds
 * (CROWDFUNDING). One row of the table per payer, one bean per binding. Shop shares and subsidies are not in it:
 * their events carry no origin, this service builds theirs.
 */
@Configuration(proxyBeanMethods = false)
class PaidIncomeConsumers {

    /**
     * A service that pays households: the event type it publishes, the sources it may pay and the form of its origins.
     * {@code consumer} names the idempotency records, so it must not change once events were handled under it.
     */
    record Payer(String type, String consumer, String service, String originPrefix, Set<IncomeSource> sources, Pattern origin) {
    }

    static final Payer SUPPLY = new Payer("supply.household-income-earned.v1", "supply-income-to-ledger", "supply-platform", "supply",
            Set.of(IncomeSource.ORDER_PREMIUM, IncomeSource.WORKSHOP_WAGE, IncomeSource.DIVIDEND),
            Pattern.compile("(delivery|payday|dividend):[0-9a-f:-]{36,80}"));
    static final Payer CROWDFUNDING = new Payer("crowdfunding.household-income-earned.v1", "crowdfunding-income-to-ledger", "crowdfunding",
            "crowdfunding", Set.of(IncomeSource.CROWDFUNDING), Pattern.compile("project:[0-9a-f-]{36}:[0-9a-f-]{36}"));

    /** The fields of a payer's household-income-earned event this service reads (the same in each payer's schema). */
    record HouseholdIncomeEarned(String county, String household, String source, String origin, String month, Long amountFen, Integer revision) {
    }

    @Bean
    Consumer<Message<byte[]>> supplyIncome(EventListeners listeners, EventCodec codec, IncomeLedger ledger) {
        return consumer(SUPPLY, listeners, codec, ledger);
    }

    @Bean
    Consumer<Message<byte[]>> crowdfundingIncome(EventListeners listeners, EventCodec codec, IncomeLedger ledger) {
        return consumer(CROWDFUNDING, listeners, codec, ledger);
    }

    private static Consumer<Message<byte[]>> consumer(Payer payer, EventListeners listeners, EventCodec codec, IncomeLedger ledger) {
        return listeners.idempotent(payer.consumer(), event -> {
            if (!event.type().equals(payer.type())) {
                return Mono.empty();
            }
            HouseholdIncomeEarned earned = codec.data(event, HouseholdIncomeEarned.class);
            // The envelope's county chose the transaction (and row-level security); data of another county would be
            // recorded under the wrong one.
            if (!event.county().equals(earned.county()) || earned.amountFen() == null || earned.amountFen() < 0 || earned.revision() == null
                    || earned.revision() < 1 || earned.origin() == null || !payer.origin().matcher(earned.origin()).matches()) {
                throw new MalformedEventException(payer.type() + " " + event.id() + " lacks county, origin, a non-negative amountFen or a revision", null);
            }
            UUID household;
            YearMonth month;
            IncomeSource source;
            try {
                household = UUID.fromString(earned.household());
                month = YearMonth.parse(earned.month());
                source = IncomeSource.valueOf(earned.source());
            } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
                throw new MalformedEventException(payer.type() + " " + event.id() + " has no valid household, month or source", e);
            }
            if (!payer.sources().contains(source)) {
                throw new MalformedEventException(payer.type() + " " + event.id() + " names source " + source + ", which " + payer.service()
                        + " does not pay", null);
            }
            // An unknown household is not retried: it would be unknown on every attempt; the dead letter keeps it.
            return ledger.record(earned.county(), new IncomeLedger.Entry(household, month, source, earned.amountFen(),
                            payer.originPrefix() + ":" + earned.origin(), earned.revision(), payer.service(), null))
                    .onErrorMap(NotFoundException.class, unknown -> new MalformedEventException(payer.type() + " " + event.id() + " names household "
                            + household + ", which county " + earned.county() + " does not have", unknown))
                    .then();
        });
    }
}
