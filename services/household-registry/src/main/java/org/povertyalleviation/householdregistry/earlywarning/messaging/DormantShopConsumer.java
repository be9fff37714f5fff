package org.povertyalleviation.householdregistry.earlywarning.messaging;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.povertyalleviation.householdregistry.earlywarning.ReturnToPovertyWatch;
import org.povertyalleviation.householdregistry.household.persistence.HouseholdRepository;
import org.povertyalleviation.platform.consuming.EventListeners;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.MalformedEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A shop that went DORMANT (shop.status-changed.v1) no longer brings its linked households income. Their ledger
 * shows that only once the months pass, and the monthly sweep would notice even later, so the early warning checks
 * each of them now; the check decides on the ledger as it stands, exactly as after an income entry.
 */
@Configuration(proxyBeanMethods = false)
class DormantShopConsumer {

    private static final Logger log = LoggerFactory.getLogger(DormantShopConsumer.class);

    static final String TYPE = "shop.status-changed.v1";
    static final String DORMANT = "DORMANT";

    /** The fields of shop.status-changed.v1 this service reads. */
    record ShopStatusChanged(String county, String shop, String to, List<String> households) {
    }

    @Bean
    Consumer<Message<byte[]>> dormantShops(EventListeners listeners, EventCodec codec, ReturnToPovertyWatch watch, HouseholdRepository households) {
        return listeners.idempotent("dormant-shop-early-warning", event -> {
            if (!event.type().equals(TYPE)) {
                return Mono.empty();
            }
            ShopStatusChanged changed = codec.data(event, ShopStatusChanged.class);
            if (!DORMANT.equals(changed.to())) {
                return Mono.empty();
            }
            // The envelope's county chose the transaction (and row-level security) the checks run in.
            if (!event.county().equals(changed.county()) || changed.households() == null) {
                throw new MalformedEventException(TYPE + " " + event.id() + " lacks its county or households", null);
            }
            List<UUID> ids;
            try {
                // In the sweep's order (PostgreSQL orders uuids as their lower-case text): both lock the rows they check,
                // and two transactions locking in one order cannot deadlock.
                ids = changed.households().stream().map(UUID::fromString).distinct()
                        .sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new MalformedEventException(TYPE + " " + event.id() + " names a household that is not a uuid", e);
            }
            String county = changed.county();
            // The idempotent consumer's transaction is the county's: every MONITORED change, its at-risk event and the
            // processed mark commit together, and a failure retries the whole event.
            return Flux.fromIterable(ids)
                    .concatMap(id -> households.findForUpdate(county, id)
                            // The shop's list may be older than the registry (a household removed since): skipped, not
                            // dead-lettered, because the rest of the event is still worth checking.
                            .switchIfEmpty(Mono.fromRunnable(() -> log.debug("{} {}: county {} has no household {}; skipped",
                                    TYPE, event.id(), county, id)))
                            .flatMap(watch::check))
                    .filter(Boolean::booleanValue)
                    .count()
                    .doOnNext(atRisk -> log.info("Shop {} of county {} went dormant: {} of the {} households it named now monitored",
                            changed.shop(), county, atRisk, ids.size()))
                    .then();
        });
    }
}
