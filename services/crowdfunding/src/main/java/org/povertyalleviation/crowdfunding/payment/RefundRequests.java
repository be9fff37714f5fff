package org.povertyalleviation.crowdfunding.payment;

import java.time.Duration;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks a payment partner to give a pledge's money back. The partner is idempotent by the refund's id, so the same
 * refund may be sent again after a timeout or a restart. It answers CONFIRMED (done) or ACCEPTED (its callback
 * confirms later); anything else is an error and the refund is sent again later.
 */
@Component
public class RefundRequests {

    /** What is sent. */
    public record RefundRequest(UUID refund, String paymentRef, long amountFen, String reason) {
    }

    /** The partner's answer. */
    public record RefundAnswer(String status) {
        public boolean confirmed() {
            return "CONFIRMED".equals(status);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PaymentPartners partners;
    private final JsonMapper json;
    private final WebClient http = WebClient.builder().build();

    public RefundRequests(PaymentPartners partners, JsonMapper json) {
        this.partners = partners;
        this.json = json;
    }

    public Mono<RefundAnswer> send(String paymentPartner, RefundRequest request) {
        PaymentPartners.Partner partner = partners.partner(paymentPartner)
                .orElseThrow(() -> new IllegalStateException("Payment partner " + paymentPartner + " is not configured (crowdfunding.payment-partners)"));
        byte[] body = json.writeValueAsBytes(request);
        return http.post().uri(partner.refundUri()).contentType(MediaType.APPLICATION_JSON)
                .header(PaymentPartners.SIGNATURE_HEADER, PaymentPartners.sign(partner.secret(), body))
                .header("Idempotency-Key", request.refund().toString())
                .bodyValue(body)
                .retrieve()
                .bodyToMono(RefundAnswer.class)
                .timeout(TIMEOUT)
                .flatMap(answer -> answer.confirmed() || "ACCEPTED".equals(answer.status()) ? Mono.just(answer)
                        : Mono.error(new IllegalStateException("Payment partner " + paymentPartner + " answered " + answer.status())));
    }
}
