package org.povertyalleviation.householdregistry.household;

import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.security.CountyAccess;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The access table's "a cadre their villages": a village cadre reads and keeps only the households of the villages
 * assigned to them (403 otherwise); everyone else the table let in is not limited to villages. The household is read
 * only when the caller is limited.
 */
@Component
public class VillageReach {

    private final CountyAccess access;
    private final HouseholdRegister register;

    public VillageReach(CountyAccess access, HouseholdRegister register) {
        this.access = access;
        this.register = register;
    }

    /** Completes if the caller may work on this village. */
    public Mono<Void> village(CountyCode county, String village) {
        return access.requireVillage(county, village);
    }

    /** Completes if the caller may work on this household (a 404 when it does not exist, for a limited caller). */
    public Mono<Void> household(CountyCode county, UUID household) {
        return access.requireVillageOf(county, () -> register.find(county, household, false).map(view -> view.household().villageCode()));
    }

    /**
     * The villages a listing is limited to: none for a caller not limited to villages; a village cadre's own, and a
     * 403 when they name a village that is not theirs.
     */
    public Mono<java.util.Optional<java.util.Set<String>>> listing(CountyCode county, String village) {
        return access.villageLimit(county).flatMap(limit -> limit.isPresent() && village != null && !limit.get().contains(village)
                ? Mono.error(new org.springframework.security.access.AccessDeniedException("Village " + village + " is not one of your villages"))
                : Mono.just(limit));
    }
}
