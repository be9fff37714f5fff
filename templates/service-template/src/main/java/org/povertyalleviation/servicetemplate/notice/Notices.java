package org.povertyalleviation.servicetemplate.notice;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.outbox.Outbox;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.servicetemplate.notice.domain.Notice;
import org.povertyalleviation.servicetemplate.notice.messaging.NoticePosted;
import org.povertyalleviation.servicetemplate.notice.persistence.NoticeRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The notice use cases, each in one county transaction: the change, its event (outbox) and its audit entry commit
 * together or not at all.
 */
@Service
public class Notices {

    /** A notice with what the service knows of its village. */
    public record NoticeView(Notice notice, long householdsInVillage) {
    }

    private final NoticeRepository notices;
    private final TenantTransactions tenantTransactions;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    public Notices(NoticeRepository notices, TenantTransactions tenantTransactions, Outbox outbox, AuditTrail audit, Clock clock) {
        this.notices = notices;
        this.tenantTransactions = tenantTransactions;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    public Mono<NoticeView> post(CountyCode county, String village, String title, String body, String postedBy) {
        Notice notice = Notice.post(county, village, title, body, postedBy, clock.instant());
        return tenantTransactions.inCounty(county, () -> notices.villageExists(notice)
                .flatMap(known -> known ? Mono.<Void>empty() : Mono.error(RuleRefusedException.violated("unknown-village",
                        "County " + county + " has no village " + notice.village(), "village")))
                .then(notices.insert(notice))
                .then(outbox.publish(NoticePosted.of(notice)))
                .then(audit.write("notice.posted", "notice", notice.id().toString()))
                .then(view(notice)));
    }

    public Mono<NoticeView> withdraw(CountyCode county, UUID id) {
        return tenantTransactions.inCounty(county, () -> notices.findForUpdate(county, id)
                .switchIfEmpty(Mono.error(new NotFoundException("Notice", id)))
                .map(notice -> notice.withdraw(clock.instant()))
                .flatMap(withdrawn -> notices.withdrawn(withdrawn)
                        .then(audit.write("notice.withdrawn", "notice", id.toString()))
                        .then(view(withdrawn))));
    }

    public Mono<NoticeView> find(CountyCode county, UUID id) {
        return tenantTransactions.inCounty(county, () -> notices.find(county, id)
                .switchIfEmpty(Mono.error(new NotFoundException("Notice", id)))
                .flatMap(this::view));
    }

    public Mono<List<Notice>> ofVillage(CountyCode county, String village, int limit) {
        return tenantTransactions.inCounty(county, () -> notices.ofVillage(county, village, limit).collectList());
    }

    /** From the household registry's events (in the consumer's county transaction). */
    public Mono<Void> householdRegistered(String county, UUID household, String village) {
        return notices.householdRegistered(county, household, village);
    }

    private Mono<NoticeView> view(Notice notice) {
        return notices.householdsIn(notice.county(), notice.village()).map(households -> new NoticeView(notice, households));
    }
}
