package org.povertyalleviation.countyregistry.onboarding;

import java.util.List;

import org.povertyalleviation.countyregistry.county.County;
import org.povertyalleviation.countyregistry.county.CountyEvents;
import org.povertyalleviation.countyregistry.county.CountyRepository;
import org.povertyalleviation.countyregistry.village.VillageList;
import org.povertyalleviation.countyregistry.village.VillageRepository;
import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.outbox.Outbox;
import org.povertyalleviation.platform.problem.InvalidParam;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A county joins in one call: its record, its townships and villages (the whole file checked before anything
 * is written), its Keycloak group and first administrator, and {@code county.joined.v1} plus one
 * {@code village.registered.v1} per new village. Running it again with the same input changes nothing and
 * publishes nothing; a village added to the file later is added and announced.
 */
@Service
public class Onboarding {

    public record Result(County county, boolean joinedNow, int newVillages, KeycloakAccounts.Administrator administrator) {
    }

    private final CountyAccess countyAccess;
    private final TenantTransactions tenantTransactions;
    private final CountyRepository counties;
    private final VillageRepository villages;
    private final KeycloakAccounts accounts;
    private final Outbox outbox;
    private final AuditTrail audit;

    public Onboarding(CountyAccess countyAccess, TenantTransactions tenantTransactions, CountyRepository counties,
                      VillageRepository villages, KeycloakAccounts accounts, Outbox outbox, AuditTrail audit) {
        this.countyAccess = countyAccess;
        this.tenantTransactions = tenantTransactions;
        this.counties = counties;
        this.villages = villages;
        this.accounts = accounts;
        this.outbox = outbox;
        this.audit = audit;
    }

    public Mono<Result> onboard(CountyCode code, String nameZh, String nameEn, String adminUsername, String adminEmail, String villagesCsv) {
        VillageList.Parsed parsed = VillageList.parse(code.value(), villagesCsv);
        return countyAccess.requireRole("platform-operator")
                .then(parsed.accepted() ? Mono.empty() : Mono.error(new InvalidRequestException(parsed.rejections().stream()
                        .map(rejection -> new InvalidParam("villagesCsv", "line " + rejection.line() + ": " + rejection.reason()))
                        .toList())))
                // Checked before anything is written, so that a clash leaves no county half-onboarded.
                .then(accounts.requireUsernameAvailable(code.value(), adminUsername))
                .then(tenantTransactions.inCounty(code, () -> counties.upsert(code, nameZh, nameEn)
                        .flatMap(joinedNow -> Flux.fromIterable(parsed.townships())
                                .concatMap(township -> villages.saveTownship(code.value(), township))
                                .thenMany(Flux.fromIterable(parsed.villages()).concatMap(village -> villages.saveVillage(code.value(), village)
                                        .flatMap(isNew -> isNew ? announce(code, village).thenReturn(1) : Mono.just(0))))
                                .reduce(0, Integer::sum)
                                .flatMap(newVillages -> (joinedNow ? announceJoined(code, nameZh, nameEn, parsed) : Mono.<Void>empty())
                                        .then(newVillages > 0 || joinedNow
                                                ? audit.write(joinedNow ? "county.joined" : "county.villages-added", "county", code.value())
                                                : Mono.empty())
                                        .thenReturn(new int[] {joinedNow ? 1 : 0, newVillages})))))
                // Keycloak after the commit: if it is unreachable the call fails and running it again completes it.
                .flatMap(outcome -> accounts.ensureCountyAndAdministrator(code.value(), adminUsername, adminEmail)
                        .flatMap(administrator -> counties.find(code).map(county ->
                                new Result(county, outcome[0] == 1, outcome[1], administrator))));
    }

    private Mono<Void> announce(CountyCode county, VillageList.Village village) {
        return outbox.publish(new CountyEvents.VillageRegistered(county.value(), village.code(), village.townshipCode(), village.nameZh(),
                village.poor(), village.latitude(), village.longitude()));
    }

    private Mono<Void> announceJoined(CountyCode county, String nameZh, String nameEn, VillageList.Parsed parsed) {
        return outbox.publish(new CountyEvents.CountyJoined(county.value(), nameZh, nameEn, County.cityOf(county), County.provinceOf(county),
                parsed.townships().size(), parsed.villages().size()));
    }

}
