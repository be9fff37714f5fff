package org.povertyalleviation.householdregistry.earlywarning;

import org.povertyalleviation.platform.counties.CountyGate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Runs a county's early-warning sweep now (after a batch of corrections, say) instead of waiting for the monthly one. */
@RestController
class EarlyWarningController {

    private final CountyGate gate;
    private final ReturnToPovertyWatch watch;

    EarlyWarningController(CountyGate gate, ReturnToPovertyWatch watch) {
        this.gate = gate;
        this.watch = watch;
    }

    @PostMapping("/counties/{county}/early-warning/sweeps")
    Mono<ReturnToPovertyWatch.Sweep> sweep(@PathVariable String county) {
        return gate.act(county).flatMap(watch::sweep);
    }
}
