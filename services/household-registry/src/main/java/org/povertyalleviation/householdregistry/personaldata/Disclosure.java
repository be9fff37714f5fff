package org.povertyalleviation.householdregistry.personaldata;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.security.CountyAccess;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Whether a caller sees personal data unmasked. Masked is the default for everyone; a caller who holds one of the
 * {@code reveal-roles} for the county (a role holds only where it was granted: an admin of one county who is also a
 * city officer unmasks nothing in the city's other counties) may ask for it unmasked, and the read is audited by
 * whoever shows it.
 */
@Component
public class Disclosure {

    private final PersonalDataProperties properties;
    private final CountyAccess access;

    public Disclosure(PersonalDataProperties properties, CountyAccess access) {
        this.properties = properties;
        this.access = access;
    }

    /** @return true when unmasked data was asked for and may be shown; a 403 when asked for without the role there */
    public Mono<Boolean> unmasked(CountyCode county, boolean asked) {
        if (!asked) {
            return Mono.just(false);
        }
        return access.scope().flatMap(scope -> properties.revealRoles().stream().anyMatch(scope.rolesFor(county)::contains)
                ? Mono.just(true)
                : Mono.error(new AccessDeniedException("Only a " + String.join(" or a ", properties.revealRoles()) + " of county "
                        + county + " may see resident ID numbers and phones unmasked")));
    }
}
