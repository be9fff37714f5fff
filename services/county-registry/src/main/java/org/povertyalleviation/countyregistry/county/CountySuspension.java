package org.povertyalleviation.countyregistry.county;

import java.util.Map;

import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
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
    private final EventCodec codec;
    private final AuditTrail audit;
    private final CountySuspensions suspensions;

    public CountySuspension(CountyAccess countyAccess, CountyRepository counties, TenantTransactions tenantTransactions,
                            Outbox outbox, EventCodec codec, AuditTrail audit, CountySuspensions suspensions) {
        this.countyAccess = countyAccess;
        this.counties = counties;
        this.tenantTransactions = tenantTransactions;
        this.outbox = outbox;
        this.codec = codec;
        this.audit = audit;
        this.suspensions = suspensions;
    }

    public Mono<County> change(CountyCode code, County.Status status) {
        String type = status == County.Status.SUSPENDED ? CountyEvents.SUSPENDED : CountyEvents.REINSTATED;
        return countyAccess.requireRole("platform-operator").then(tenantTransactions.inCounty(code, () -> counties.find(code)
                .switchIfEmpty(Mono.error(new NotFoundException("County", code)))
                .then(counties.changeStatus(code, status))
                .flatMap(changed -> {
                    if (!changed) {
                        return Mono.<Void>empty();
                    }
                    EventEnvelope event = EventEnvelope.create(CountyEvents.SOURCE, type, code, code.value(),
                            codec.toTree(Map.of("county", code.value())));
                    // The registry's own list of suspended counties changes with the status, not when the event returns.
                    return outbox.append(CountyEvents.COUNTY_TOPIC, event)
                            .then(suspensions.apply(event))
                            .then(audit.write(type.substring(0, type.lastIndexOf('.')), "county", code.value()));
                })
                .then(counties.find(code))));
    }
}
