package org.povertyalleviation.householdregistry.personaldata;

import java.util.UUID;

import org.povertyalleviation.householdregistry.household.domain.Member;
import org.povertyalleviation.householdregistry.household.domain.PhoneNumber;
import org.povertyalleviation.householdregistry.household.domain.ResidentId;
import org.povertyalleviation.householdregistry.household.persistence.HouseholdRepository.MemberRow;
import org.povertyalleviation.householdregistry.personaldata.PersonalDataCipher.Field;
import org.springframework.stereotype.Component;

/** Turns a member into what is stored (sealed, hashed, masked) and opens stored personal data for a revealed read. */
@Component
public class PersonalData {

    private final PersonalDataCipher cipher;

    public PersonalData(PersonalDataCipher cipher) {
        this.cipher = cipher;
    }

    public MemberRow seal(String county, UUID householdId, Member member) {
        PhoneNumber phone = member.phone();
        return new MemberRow(member.id(), householdId, member.name(), member.relation().name(),
                cipher.seal(county, Field.RESIDENT_ID, member.residentId().value()),
                residentIdHash(county, member.residentId()), member.residentId().masked(), cipher.activeKey(),
                member.residentId().birthDate().getYear(), member.residentId().sex().name(),
                phone == null ? null : cipher.seal(county, Field.PHONE, phone.value()),
                phone == null ? null : cipher.lookupHash(county, Field.PHONE, phone.value()),
                phone == null ? null : phone.masked(),
                member.labourCapacity().name(), member.health().name(), member.education().name(),
                member.ecommerceSkills().stream().map(Enum::name).sorted().toList());
    }

    public byte[] residentIdHash(String county, ResidentId residentId) {
        return cipher.lookupHash(county, Field.RESIDENT_ID, residentId.value());
    }

    public String residentId(String county, MemberRow member) {
        return cipher.open(county, Field.RESIDENT_ID, member.residentIdCipher());
    }

    public String phone(String county, MemberRow member) {
        return member.phoneCipher() == null ? null : cipher.open(county, Field.PHONE, member.phoneCipher());
    }
}
