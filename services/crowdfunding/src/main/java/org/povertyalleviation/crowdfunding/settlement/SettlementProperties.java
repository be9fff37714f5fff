package org.povertyalleviation.crowdfunding.settlement;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param paymentGrace      how long after a deadline payments still pending may complete before the project settles
 *                          and they are dropped (a backer who paid at 23:59 is counted)
 * @param refundBatch       refunds claimed per round of the refund sweep
 * @param refundConcurrency refund requests in flight to the payment partners at once
 */
@ConfigurationProperties("crowdfunding.settlement")
public record SettlementProperties(Duration paymentGrace, Integer refundBatch, Integer refundConcurrency) {

    public SettlementProperties {
        paymentGrace = paymentGrace == null ? Duration.ofMinutes(30) : paymentGrace;
        refundBatch = refundBatch == null ? 500 : refundBatch;
        refundConcurrency = refundConcurrency == null ? 32 : refundConcurrency;
        if (paymentGrace.isNegative() || refundBatch < 1 || refundConcurrency < 1) {
            throw new IllegalArgumentException("crowdfunding.settlement: a grace of zero or more, a batch and a concurrency of one or more");
        }
    }
}
