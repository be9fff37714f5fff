package org.povertyalleviation.crowdfunding.settlement;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.povertyalleviation.crowdfunding.payment.Payments;
import org.povertyalleviation.crowdfunding.payment.RefundRequests;
import org.povertyalleviation.crowdfunding.settlement.domain.Refund;
import org.povertyalleviation.crowdfunding.settlement.persistence.SettlementRepository;
import org.povertyalleviation.platform.counties.CountyJobs;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends the refunds due to their payment partners until each is confirmed. A round claims a batch in a short
 * transaction (skipping rows another replica holds) and moves each one's next attempt on by its backoff, then sends
 * them outside any transaction; a partner's answer is booked in a transaction of its own. A replica that dies after
 * claiming leaves its refunds to the next attempt; the partner is idempotent by the refund's id, so a second send of a
 * refund whose answer was lost gives the money back once.
 */
@Component
class RefundSweep {

    private static final Logger log = LoggerFactory.getLogger(RefundSweep.class);

    private final SettlementRepository settlements;
    private final RefundRequests requests;
    private final Payments payments;
    private final CountyJobs countyJobs;
    private final TenantTransactions tenantTransactions;
    private final SettlementProperties properties;
    private final Clock clock;

    RefundSweep(SettlementRepository settlements, RefundRequests requests, Payments payments, CountyJobs countyJobs, TenantTransactions tenantTransactions,
                SettlementProperties properties, Clock clock) {
        this.settlements = settlements;
        this.requests = requests;
        this.payments = payments;
        this.countyJobs = countyJobs;
        this.tenantTransactions = tenantTransactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${crowdfunding.refunds.every:PT5S}", initialDelayString = "${crowdfunding.refunds.first:PT10S}")
    void sendDue() {
        countyJobs.forEachCounty("crowdfunding-refunds", null, this::sendDue)
                .onErrorResume(e -> {
                    log.error("The refund sweep failed; it runs again shortly", e);
                    return Mono.empty();
                })
                .block();
    }

    /** Rounds of claimed refunds until a round finds fewer than a batch; answers how many were sent. */
    Mono<Long> sendDue(CountyCode county) {
        return round(county).expand(sent -> sent.size() < properties.refundBatch() ? Mono.empty() : round(county))
                .map(List::size).reduce(0L, Long::sum)
                .filter(sent -> sent > 0)
                .doOnNext(sent -> log.info("Sent {} refunds of county {} to their payment partners", sent, county))
                .defaultIfEmpty(0L);
    }

    private Mono<List<Refund>> round(CountyCode county) {
        Instant now = clock.instant();
        return tenantTransactions.inCounty(county, () -> settlements.claimDue(county, now, properties.refundBatch()).collectList())
                .flatMap(claimed -> Flux.fromIterable(claimed).flatMap(refund -> send(county, refund), properties.refundConcurrency())
                        .then(Mono.just(claimed)));
    }

    private Mono<Void> send(CountyCode county, Refund refund) {
        return requests.send(refund.paymentPartner(), new RefundRequests.RefundRequest(refund.id(), refund.paymentRef(), refund.amountFen(),
                        refund.reason().name()))
                .flatMap(answer -> answer.confirmed() ? payments.confirmRefund(county, refund.id()).then()
                        : tenantTransactions.inCounty(county, () -> settlements.refundSent(county, refund.id())))
                .onErrorResume(e -> {
                    log.warn("Refund {} of county {} (attempt {}) was not taken by {}: {}; it is sent again later", refund.id(), county, refund.attempts(),
                            refund.paymentPartner(), e.toString());
                    return tenantTransactions.inCounty(county, () -> settlements.refundFailed(county, refund.id(), e.toString()))
                            .onErrorResume(again -> Mono.empty());
                });
    }
}
