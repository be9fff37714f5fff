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
 * A subsidy shop management paid to a household (subsidy.paid.v1) becomes a SUBSIDY entry in the month the payment
 * counts in. Its origin is the subsidy, so the payment counts once even when shop management publishes it again
 * under another event id; a subsidy is paid once, hence revision 1.
 */
@Configuration(proxyBeanMethods = false)
class SubsidyIncomeConsumer {

    static final String TYPE = "subsidy.paid.v1";

    /** The fields of subsidy.paid.v1 this service reads. */
    record SubsidyPaid(String county, String subsidy, String household, String month, Long amountFen, String paymentReference) {
    }

    @Bean
    Consumer<Message<byte[]>> subsidyIncome(EventListeners listeners, EventCodec codec, IncomeLedger ledger) {
        return listeners.idempotent("subsidy-to-ledger", event -> {
            if (!event.type().equals(TYPE)) {
                return Mono.empty();
            }
            SubsidyPaid paid = codec.data(event, SubsidyPaid.class);
            // The envelope's county chose the transaction (and row-level security); data of another county would be
            // recorded under the wrong one.
            if (!event.county().equals(paid.county()) || paid.amountFen() == null || paid.amountFen() < 1) {
                throw new MalformedEventException(TYPE + " " + event.id() + " lacks its county or a positive amountFen", null);
            }
            UUID subsidy;
            UUID household;
            YearMonth month;
            try {
                // Parsed, not taken as sent, so that one subsidy spelled in upper case is still one origin.
                subsidy = UUID.fromString(paid.subsidy());
                household = UUID.fromString(paid.household());
                month = YearMonth.parse(paid.month());
            } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
                throw new MalformedEventException(TYPE + " " + event.id() + " has no valid subsidy, household or month", e);
            }
            String origin = "subsidy:" + subsidy;
            // The note is what a clerk reading the ledger sees: the reference lets them find the payment at the bank.
            String note = paid.paymentReference() == null || paid.paymentReference().isBlank()
                    ? "Shop-opening subsidy"
                    : "Shop-opening subsidy, payment " + paid.paymentReference().strip();
            // An unknown household is not retried: it would be unknown on every attempt; the dead letter keeps it.
            return ledger.record(paid.county(), new IncomeLedger.Entry(household, month, IncomeSource.SUBSIDY,
                            paid.amountFen(), origin, 1, "shop-management", note))
                    .onErrorMap(NotFoundException.class, unknown -> new MalformedEventException(TYPE + " " + event.id() + " names household " + household
                            + ", which county " + paid.county() + " does not have", unknown))
                    .then();
        });
    }
}
