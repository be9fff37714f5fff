package org.povertyalleviation.householdregistry.household.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.povertyalleviation.householdregistry.household.domain.EcommerceSkill;
import org.povertyalleviation.householdregistry.household.domain.Education;
import org.povertyalleviation.householdregistry.household.domain.Guarantees;
import org.povertyalleviation.householdregistry.household.domain.Health;
import org.povertyalleviation.householdregistry.household.domain.Household;
import org.povertyalleviation.householdregistry.household.domain.HouseholdStatus;
import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.householdregistry.household.domain.LabourCapacity;
import org.povertyalleviation.householdregistry.household.domain.Member;
import org.povertyalleviation.householdregistry.household.domain.PhoneNumber;
import org.povertyalleviation.householdregistry.household.domain.PovertyCause;
import org.povertyalleviation.householdregistry.household.domain.Relation;
import org.povertyalleviation.householdregistry.household.domain.ResidentId;
import org.povertyalleviation.platform.domain.VillageCode;
import org.povertyalleviation.platform.problem.InvalidParam;
import org.povertyalleviation.platform.problem.InvalidRequestException;

/** The request bodies of the household API, and their translation into domain values with every bad field named. */
final class HouseholdRequests {

    private HouseholdRequests() {
    }

    record GuaranteesRequest(Boolean food, Boolean clothing, Boolean compulsoryEducation, Boolean basicMedicalCare, Boolean safeHousing) {
    }

    record MemberRequest(String name, Relation relation, String residentId, String phone, LabourCapacity labourCapacity,
                         Health health, Education education, Set<EcommerceSkill> ecommerceSkills) {
    }

    /** A new household with its head and, optionally, its other members. */
    record RegisterHouseholdRequest(String fileNumber, String village, Integer registrationYear, String helperCadre,
                                    GuaranteesRequest guarantees, Set<PovertyCause> causes, PovertyCause primaryCause,
                                    MemberRequest head, List<MemberRequest> members) {
    }

    /** The file's own fields, all of them (PUT replaces). */
    record UpdateHouseholdRequest(String village, Integer registrationYear, String helperCadre, GuaranteesRequest guarantees,
                                  Set<PovertyCause> causes, PovertyCause primaryCause) {
    }

    record StatusChangeRequest(HouseholdStatus status, Integer year, String reason) {
    }

    record LookupRequest(String residentId) {
    }

    /** Collects every invalid field before failing, so one answer names them all. */
    static final class Fields {

        private final List<InvalidParam> invalid = new ArrayList<>();

        <T> T parse(String field, Supplier<T> parser) {
            try {
                return parser.get();
            } catch (InvalidValueException e) {
                invalid.add(new InvalidParam(e.field() == null ? field : qualified(field, e.field()), e.getMessage()));
                return null;
            }
        }

        <T> T required(String field, T value) {
            if (value == null) {
                invalid.add(new InvalidParam(field, "is required"));
            }
            return value;
        }

        void check() {
            if (!invalid.isEmpty()) {
                throw new InvalidRequestException(List.copyOf(invalid));
            }
        }

        static String qualified(String prefix, String field) {
            return prefix.isEmpty() ? field : prefix + "." + field;
        }
    }

    static Household household(UUID id, String fileNumber, String village, Integer registrationYear, String helperCadre,
                               GuaranteesRequest guarantees, Set<PovertyCause> causes, PovertyCause primaryCause, Fields fields) {
        VillageCode villageCode = fields.parse("village", () -> new VillageCode(village));
        fields.required("registrationYear", registrationYear);
        fields.required("guarantees", guarantees);
        if (villageCode == null || registrationYear == null || guarantees == null) {
            // Still validate the rest, so the answer names every field.
            fields.parse("", () -> new Household(id, fileNumber, new VillageCode("000000000000"), 2020, helperCadre,
                    Guarantees.NONE_MET, causes, primaryCause));
            return null;
        }
        return fields.parse("", () -> new Household(id, fileNumber, villageCode, registrationYear,
                helperCadre == null || helperCadre.isBlank() ? null : helperCadre.strip(), guarantees(guarantees), causes, primaryCause));
    }

    private static Guarantees guarantees(GuaranteesRequest request) {
        return new Guarantees(Boolean.TRUE.equals(request.food()), Boolean.TRUE.equals(request.clothing()),
                Boolean.TRUE.equals(request.compulsoryEducation()), Boolean.TRUE.equals(request.basicMedicalCare()),
                Boolean.TRUE.equals(request.safeHousing()));
    }

    /** @param relation the relation to use (HEAD for the head), or null to take the request's */
    static Member member(UUID id, MemberRequest request, Relation relation, String prefix, Fields fields) {
        if (request == null) {
            fields.required(prefix.isEmpty() ? "body" : prefix, null);
            return null;
        }
        ResidentId residentId = fields.parse(Fields.qualified(prefix, "residentId"), () -> ResidentId.parse(request.residentId()));
        PhoneNumber phone = fields.parse(Fields.qualified(prefix, "phone"), () -> PhoneNumber.parseOptional(request.phone()));
        if (residentId == null) {
            return null;
        }
        return fields.parse(prefix, () -> new Member(id, request.name(), relation != null ? relation : request.relation(), residentId,
                phone, request.labourCapacity(), request.health(), request.education(), request.ecommerceSkills()));
    }
}
