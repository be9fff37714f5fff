package org.povertyalleviation.householdregistry.household;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.povertyalleviation.householdregistry.household.domain.EcommerceSkill;
import org.povertyalleviation.householdregistry.household.persistence.HouseholdRepository;
import org.povertyalleviation.householdregistry.household.persistence.SkillCertificateRepository;
import org.povertyalleviation.householdregistry.household.persistence.SkillCertificateRepository.CertificateRow;
import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * A member's e-commerce skills from the training service's certificates. Each certificate is kept with the skill it
 * gives; a skill a certificate brings onto the file is the certificates' own, and a revocation takes off only such
 * a skill, once no issued and unrevoked certificate of the member gives it. A skill a clerk or an import recorded
 * (before the certificate, or again after a revocation took it off) stays. A revocation that arrives before its
 * certificate is kept, so the late certificate gives nothing.
 *
 * <p>Each call runs in the caller's county transaction and locks the household first, as every member edit does; a
 * change of the file moves the household's version on, publishes household.updated.v1 and is audited.
 */
@Service
public class SkillCertificates {

    /** A certificate issued to a member of a registered household. */
    public record Issued(UUID certificate, UUID household, UUID member, EcommerceSkill skill, LocalDate issuedOn, LocalDate expiresOn) {
    }

    /** A certificate revoked. */
    public record Revoked(UUID certificate, UUID household, UUID member, EcommerceSkill skill, Instant revokedAt) {
    }

    private final HouseholdRepository households;
    private final SkillCertificateRepository certificates;
    private final HouseholdRegister register;

    public SkillCertificates(HouseholdRepository households, SkillCertificateRepository certificates, HouseholdRegister register) {
        this.households = households;
        this.certificates = certificates;
        this.register = register;
    }

    /**
     * @throws NotFoundException (in the Mono) when the county has no such household or the household no such member
     * @throws ConflictException (in the Mono) when the certificate is recorded for another member
     */
    public Mono<Void> issued(String county, Issued issued) {
        return ofMember(county, issued.certificate(), issued.household(), issued.member(),
                () -> certificates.recordIssued(county, issued.certificate(), issued.member(), issued.skill().name(),
                        issued.issuedOn(), issued.expiresOn()),
                row -> row.revokedAt() != null ? Mono.just(false) : certificates.addCertifiedSkill(county, issued.member(), row.skill()),
                "household.member-skill-certified");
    }

    /** As {@link #issued}. */
    public Mono<Void> revoked(String county, Revoked revoked) {
        return ofMember(county, revoked.certificate(), revoked.household(), revoked.member(),
                () -> certificates.recordRevoked(county, revoked.certificate(), revoked.member(), revoked.skill().name(), revoked.revokedAt()),
                row -> certificates.removeCertifiedSkill(county, revoked.member(), row.skill()),
                "household.member-skill-revoked");
    }

    private Mono<Void> ofMember(String county, UUID certificate, UUID household, UUID member,
                                Supplier<Mono<CertificateRow>> record,
                                Function<CertificateRow, Mono<Boolean>> applyToFile, String action) {
        return households.findForUpdate(county, household)
                .switchIfEmpty(Mono.error(new NotFoundException("Household", household)))
                .flatMap(locked -> households.members(county, household).any(row -> row.id().equals(member)))
                .flatMap(known -> known ? record.get() : Mono.error(new NotFoundException("Member", member)))
                .switchIfEmpty(Mono.error(() -> new ConflictException("certificate-of-another-member",
                        "Certificate " + certificate + " is recorded for another member")))
                .flatMap(applyToFile)
                .flatMap(changed -> changed ? register.membersChanged(county, household, action, member) : Mono.empty());
    }
}
