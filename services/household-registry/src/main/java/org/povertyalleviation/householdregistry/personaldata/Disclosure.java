package org.povertyalleviation.householdregistry.personaldata;

import org.povertyalleviation.platform.security.PlatformAuthorities;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Whether a caller sees personal data unmasked. Masked is the default for everyone; a caller whose realm role is
 * among {@code reveal-roles} may ask for it unmasked, and the read is audited by whoever shows it.
 */
@Component
public class Disclosure {

    private final PersonalDataProperties properties;

    public Disclosure(PersonalDataProperties properties) {
        this.properties = properties;
    }

    /** @return true when unmasked data was asked for and may be shown; a 403 when asked for without the role */
    public Mono<Boolean> unmasked(boolean asked) {
        if (!asked) {
            return Mono.just(false);
        }
        return ReactiveSecurityContextHolder.getContext()
                .map(context -> context.getAuthentication().getAuthorities().stream()
                        .anyMatch(authority -> properties.revealRoles().stream()
                                .anyMatch(role -> authority.getAuthority().equals(PlatformAuthorities.ROLE_PREFIX + role))))
                .defaultIfEmpty(false)
                .flatMap(allowed -> allowed ? Mono.just(true) : Mono.error(new AccessDeniedException(
                        "Only " + String.join(", ", properties.revealRoles()) + " may see resident ID numbers and phones unmasked")));
    }
}
