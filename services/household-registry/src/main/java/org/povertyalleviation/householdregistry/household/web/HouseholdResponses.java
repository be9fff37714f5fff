package org.povertyalleviation.householdregistry.household.web;

import java.time.Instant;
import java.time.LocalDate;

import org.povertyalleviation.householdregistry.household.domain.ResidentId;
import java.util.List;
import java.util.UUID;

import org.povertyalleviation.householdregistry.household.HouseholdRegister.HouseholdView;
import org.povertyalleviation.householdregistry.household.persistence.HouseholdRepository.HouseholdListRow;
import org.povertyalleviation.householdregistry.household.persistence.HouseholdRepository.HouseholdRow;
import org.povertyalleviation.householdregistry.household.persistence.HouseholdRepository.MemberRow;
import org.povertyalleviation.householdregistry.personaldata.PersonalData;

/** What the household API answers; personal data masked unless the read was revealed (and audited). */
final class HouseholdResponses {

    private HouseholdResponses() {
    }

    record GuaranteesResponse(boolean food, boolean clothing, boolean compulsoryEducation, boolean basicMedicalCare,
                              boolean safeHousing, boolean allMet) {
    }

    /**
     * A member. {@code birthDate} is given only unmasked (it is read from the decrypted number): with the masked ID's
     * region and last four characters it would complete the number. {@code age} is always given: the age the member
     * reaches this year, from the birth year, the one part of the birth date that is stored readable.
     */
    record MemberResponse(UUID id, String name, String relation, String residentId, LocalDate birthDate, int age, String sex,
                          String phone, String labourCapacity, String health, String education, List<String> ecommerceSkills,
                          List<SkillCertificateResponse> skillCertificates) {
    }

    /** A training certificate that gives the member a skill (issued, not revoked). */
    record SkillCertificateResponse(UUID certificate, String skill, LocalDate issuedOn, LocalDate expiresOn) {
    }

    record HouseholdResponse(UUID id, String county, String fileNumber, String village, int registrationYear, String status,
                             String statusReason, Instant statusChangedAt, String helperCadre, GuaranteesResponse guarantees,
                             List<String> causes, String primaryCause, List<MemberResponse> members, boolean personalDataUnmasked,
                             int version, Instant createdAt, Instant updatedAt) {
    }

    record HouseholdSummary(UUID id, String fileNumber, String village, String status, int registrationYear, String primaryCause,
                            String headName, String headResidentId, int members) {
    }

    static HouseholdResponse household(HouseholdView view, boolean unmasked, PersonalData personalData, LocalDate today) {
        HouseholdRow row = view.household();
        var guarantees = row.guarantees();
        return new HouseholdResponse(row.id(), row.countyCode(), row.fileNumber(), row.villageCode(), row.registrationYear(),
                row.status().name(), row.statusReason(), row.statusChangedAt(), row.helperCadre(),
                new GuaranteesResponse(guarantees.food(), guarantees.clothing(), guarantees.compulsoryEducation(),
                        guarantees.basicMedicalCare(), guarantees.safeHousing(), guarantees.allMet()),
                row.causes(), row.primaryCause(),
                view.members().stream().map(member -> member(row.countyCode(), member, certificatesOf(view, member), unmasked,
                        personalData, today)).toList(),
                unmasked, row.version(), row.createdAt(), row.updatedAt());
    }

    static HouseholdSummary summary(HouseholdListRow row) {
        return new HouseholdSummary(row.id(), row.fileNumber(), row.villageCode(), row.status().name(), row.registrationYear(),
                row.primaryCause(), row.headName(), row.headResidentId(), row.members());
    }

    private static List<SkillCertificateResponse> certificatesOf(HouseholdView view, MemberRow member) {
        return view.skillCertificates().stream().filter(certificate -> certificate.member().equals(member.id()))
                .map(certificate -> new SkillCertificateResponse(certificate.certificate(), certificate.skill(), certificate.issuedOn(),
                        certificate.expiresOn()))
                .toList();
    }

    private static MemberResponse member(String county, MemberRow member, List<SkillCertificateResponse> skillCertificates, boolean unmasked,
                                         PersonalData personalData, LocalDate today) {
        String residentId = unmasked ? personalData.residentId(county, member) : null;
        return new MemberResponse(member.id(), member.name(), member.relation(),
                unmasked ? residentId : member.residentIdMasked(),
                unmasked ? ResidentId.parse(residentId).birthDate() : null, today.getYear() - member.birthYear(), member.sex(),
                unmasked ? personalData.phone(county, member) : member.phoneMasked(),
                member.labourCapacity(), member.health(), member.education(), member.ecommerceSkills(), skillCertificates);
    }
}
