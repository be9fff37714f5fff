package org.povertyalleviation.platform.security;

import java.util.List;
import java.util.function.Function;

import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import reactor.core.publisher.Mono;

/**
 * The "may act for county X" checks every service makes, even though the gateway checked first. A refusal is
 * a 403 problem; the county is not revealed to exist or not.
 */
public class CountyAccess {

    private final Function<CountyCode, Mono<Boolean>> suspended;

    /** @param suspended whether a county is suspended (closed to all but operators); services without a database pass none */
    public CountyAccess(Function<CountyCode, Mono<Boolean>> suspended) {
        this.suspended = suspended;
    }

    public CountyAccess() {
        this(county -> Mono.just(false));
    }

    /** The county, if the caller may write its records. */
    public Mono<CountyCode> requireActFor(CountyCode county) {
        return scope().flatMap(scope -> scope.mayActFor(county)
                ? open(county, scope)
                : Mono.error(new AccessDeniedException("You may not act for county " + county)));
    }

    /** The county, if the caller may read its records. */
    public Mono<CountyCode> requireRead(CountyCode county) {
        return scope().flatMap(scope -> scope.mayRead(county)
                ? open(county, scope)
                : Mono.error(new AccessDeniedException("You may not read county " + county)));
    }

    /** A suspended county is closed to everyone but the platform's operators; its data is kept. */
    private Mono<CountyCode> open(CountyCode county, CountyScope scope) {
        return scope.operator() ? Mono.just(county) : suspended.apply(county).flatMap(isSuspended -> isSuspended
                ? Mono.error(new AccessDeniedException("County " + county + " is suspended"))
                : Mono.just(county));
    }

    /** The county, if the caller holds the role for it (e.g. an auditor of that county) and may read it. */
    public Mono<CountyCode> requireReadAs(CountyCode county, String role) {
        return requireAnyRoleFor(county, role).then(requireRead(county));
    }

    /** Completes if the caller holds one of the roles for this county (a role holds only where it was granted). */
    public Mono<Void> requireAnyRoleFor(CountyCode county, String... roles) {
        return scope().flatMap(scope -> java.util.Arrays.stream(roles).anyMatch(scope.rolesFor(county)::contains)
                ? Mono.<Void>empty()
                : Mono.error(new AccessDeniedException("Only a " + String.join(" or a ", roles) + " of county " + county + " may do this")));
    }

    /** Completes if the caller has the role, e.g. {@code platform-operator} for onboarding a county. */
    public Mono<Void> requireRole(String role) {
        return requireAnyRole(role);
    }

    /**
     * Completes if the caller holds one of the roles for some county: the county check says whose records, this says
     * which work. The access table ({@code platform.access}) checks the role for the county in the path.
     */
    public Mono<Void> requireAnyRole(String... roles) {
        return scope().flatMap(scope -> java.util.Arrays.stream(roles).anyMatch(scope::holdsAnywhere)
                ? Mono.<Void>empty()
                : Mono.error(new AccessDeniedException("Only a " + String.join(" or a ", roles) + " may do this")));
    }

    /**
     * The villages the caller is limited to in this county: present when the caller's only role there is the village
     * cadre's (its assigned villages), empty when the caller is not limited to villages.
     */
    public Mono<java.util.Optional<java.util.Set<String>>> villageLimit(CountyCode county) {
        return scope().map(scope -> {
            java.util.Set<String> roles = scope.rolesFor(county);
            boolean cadreOnly = roles.equals(java.util.Set.of("village-cadre"));
            return cadreOnly
                    ? java.util.Optional.of(scope.villages().stream().filter(village -> village.startsWith(county.value()))
                            .collect(java.util.stream.Collectors.toUnmodifiableSet()))
                    : java.util.Optional.<java.util.Set<String>>empty();
        });
    }

    /**
     * Completes if the caller may work on this village's records: a village cadre only on the villages assigned to them.
     * No village (a request the service then refuses as incomplete) is nothing to check.
     */
    public Mono<Void> requireVillage(CountyCode county, String village) {
        return village == null ? Mono.empty() : villageLimit(county).flatMap(limit -> limit.isEmpty() || limit.get().contains(village)
                ? Mono.<Void>empty()
                : Mono.error(new AccessDeniedException("Village " + village + " is not one of your villages")));
    }

    /**
     * As {@link #requireVillage}, for a record whose village is looked up (a household, a shop): the lookup runs only
     * when the caller is limited to villages.
     */
    public Mono<Void> requireVillageOf(CountyCode county, java.util.function.Supplier<Mono<String>> village) {
        return villageLimit(county).flatMap(limit -> limit.isEmpty()
                ? Mono.<Void>empty()
                : village.get().flatMap(found -> requireVillage(county, found)));
    }

    /** Of the given counties, those the caller may read. */
    public Mono<List<CountyCode>> readable(List<CountyCode> counties) {
        return scope().map(scope -> counties.stream().filter(scope::mayRead).toList());
    }

    public Mono<CountyScope> scope() {
        return ReactiveSecurityContextHolder.getContext()
                .map(context -> context.getAuthentication())
                .filter(Authentication::isAuthenticated)
                .map(CountyScope::of)
                .switchIfEmpty(Mono.error(new AccessDeniedException("Not authenticated")));
    }
}
