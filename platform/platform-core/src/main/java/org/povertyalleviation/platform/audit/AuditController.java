package org.povertyalleviation.platform.audit;

import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** Every service's audit trail, for auditors of the county (or of its city or province). */
@RestController
public class AuditController {

    private final AuditTrail auditTrail;
    private final CountyAccess countyAccess;

    public AuditController(AuditTrail auditTrail, CountyAccess countyAccess) {
        this.auditTrail = auditTrail;
        this.countyAccess = countyAccess;
    }

    @GetMapping("/audit/counties/{county}/entries")
    public Flux<AuditTrail.Entry> entries(@PathVariable String county,
                                          @RequestParam(required = false) Long before,
                                          @RequestParam(defaultValue = "50") int limit) {
        PageLimit.check(limit, 500);
        return countyAccess.requireReadAs(CountyCode.fromRequest("county", county), "auditor")
                .flatMapMany(code -> auditTrail.entries(code, before, limit));
    }
}
