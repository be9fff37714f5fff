package org.povertyalleviation.countyregistry.county;


import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.events.EventEnvelope;
import org.povertyalleviation.platform.events.PublishedEvent;
import org.povertyalleviation.platform.outbox.Outbox;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.CountySuspensions;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Suspending a county closes it to its users everywhere (services and, through the event, the gateway) without
 * deleting anything; reinstating opens it again. Both are idempotent: a second call changes nothing and
 * publishes nothing.
 */
@Service
public class CountySuspension {

    private final CountyAccess countyAccess;
    private final CountyRepository counties;
    private final TenantTransactions tenantTransactions;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final CountySuspensions suspensions;

    public CountySuspension(CountyAccess countyAccess, CountyRepository counties, TenantTransactions tenantTransactions,
                            Outbox outbox, AuditTrail audit, CountySuspensions suspensions) {
        this.countyAccess = countyAccess;
        this.counties = counties;
        this.tenantTransactions = tenantTransactions;
        this.outbox = outbox;
        this.audit = audit;
        this.suspensions = suspensions;
    }

    public Mono<County> change(CountyCode code, County.Status status) {
        PublishedEvent changedTo = status == County.Status.SUSPENDED
                ? new CountyEvents.CountySuspended(code.value()) : new CountyEvents.CountyReinstated(code.value());
        return countyAccess.requireRole("platform-operator").then(tenantTransactions.inCounty(code, () -> counties.find(code)
                .switchIfEmpty(Mono.error(new NotFoundException("County", code)))
                .then(counties.changeStatus(code, status))
                .flatMap(changed -> {
                    if (!changed) {
                        return Mono.<Void>empty();
                    }
                    EventEnvelope event = outbox.envelope(changedTo);
                    // The registry's own list of suspended counties changes with the status, not when the event returns.
                    return outbox.append(CountyEvents.COUNTY_TOPIC, event)
                            .then(suspensions.apply(event))
                            .then(audit.write(status == County.Status.SUSPENDED ? "county.suspended" : "county.reinstated", "county", code.value()));
                })
                .then(counties.find(code))));
    }
}
