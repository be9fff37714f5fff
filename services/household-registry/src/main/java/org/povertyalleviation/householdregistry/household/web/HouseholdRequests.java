package org.povertyalleviation.householdregistry.household.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

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

/**
 * The request bodies of the household API, and their translation into domain values with every bad field named.
 * Unlike the template's requests, they carry {@code @Schema} only and no bean validation: the controller checks the
 * caller's county first and validates after (through the domain), so that a caller of another county learns nothing
 * about what is wrong with a body. The constraints documented here are the ones the domain enforces.
 */
final class HouseholdRequests {

    private HouseholdRequests() {
    }

    /** What the domain enforces of a resident ID number before its check character and birth date (ResidentId). */
    static final String RESIDENT_ID = "^\\d{17}[\\dXx]$";
    static final String VILLAGE = "^\\d{12}$";

    @Schema(description = "The \"two no-worries, three guarantees\" (两不愁三保障) the household has: true where met. A household "
            + "exits poverty only when all five are met; a guarantee left out is not met.")
    record GuaranteesRequest(
            @Schema(description = "Enough food (不愁吃)", example = "true", defaultValue = "false") Boolean food,
            @Schema(description = "Enough clothing (不愁穿)", example = "true", defaultValue = "false") Boolean clothing,
            @Schema(description = "Compulsory education for its children (义务教育有保障)", example = "true", defaultValue = "false")
            Boolean compulsoryEducation,
            @Schema(description = "Basic medical care (基本医疗有保障)", example = "true", defaultValue = "false") Boolean basicMedicalCare,
            @Schema(description = "Safe housing (住房安全有保障)", example = "false", defaultValue = "false") Boolean safeHousing) {
    }

    @Schema(description = "A person of the household, with the personal data the file requires.")
    record MemberRequest(
            @Schema(description = "Full name, 1 to 50 characters, not blank", example = "李秀英", requiredMode = REQUIRED, minLength = 1,
                    maxLength = 50) String name,
            @Schema(description = "Relation to the head of household (与户主关系): required for every member but the head, whose "
                    + "relation is always HEAD (a household has one head)", example = "SPOUSE") Relation relation,
            @Schema(description = "Resident identity card number (GB 11643): 17 digits and a check character (0-9 or X, a lower-case x "
                    + "is taken as X); the check character must match and characters 7 to 14 be a plausible birth date. Birth date "
                    + "and sex are derived from it. Unique in the county (409 otherwise).", example = "621222197008220268",
                    requiredMode = REQUIRED, pattern = RESIDENT_ID) String residentId,
            @Schema(description = "A mobile number (11 digits starting 13 to 19) or a landline with its area code (0939-5521234); "
                    + "spaces and a +86 prefix are removed before the check. Left out or blank: no phone.", example = "13993912345",
                    pattern = "^(1[3-9]\\d{9}|0\\d{2,3}-\\d{7,8})$") String phone,
            @Schema(description = "Whether the member can work (劳动能力)", example = "FULL", requiredMode = REQUIRED)
            LabourCapacity labourCapacity,
            @Schema(description = "State of health", example = "HEALTHY", requiredMode = REQUIRED) Health health,
            @Schema(description = "Highest education reached, or being followed", example = "JUNIOR_SECONDARY", requiredMode = REQUIRED)
            Education education,
            @Schema(description = "E-commerce skills the member has (from training or experience); left out: none",
                    example = "[\"LIVE_STREAMING\", \"PACKING_AND_SHIPPING\"]") Set<EcommerceSkill> ecommerceSkills) {
    }

    /** A new household with its head and, optionally, its other members. */
    @Schema(description = "A poor household's file (建档立卡) as the county registers it, with its head and other members.")
    record RegisterHouseholdRequest(
            @Schema(description = "The county's file number of the household: 1 to 40 characters, no commas, no surrounding spaces "
                    + "or control characters. Unique in the county (409 otherwise) and never changed.", example = "621222-00158",
                    requiredMode = REQUIRED, minLength = 1, maxLength = 40, pattern = FILE_NUMBER) String fileNumber,
            @Schema(description = VILLAGE_DESCRIPTION, example = "621222101201", requiredMode = REQUIRED, pattern = VILLAGE) String village,
            @Schema(description = REGISTRATION_YEAR_DESCRIPTION, example = "2016", requiredMode = REQUIRED, minimum = "2013",
                    maximum = "2100") Integer registrationYear,
            @Schema(description = HELPER_DESCRIPTION, example = "王建军", maxLength = 100) String helperCadre,
            @Schema(description = "Which guarantees the household has", requiredMode = REQUIRED) GuaranteesRequest guarantees,
            @ArraySchema(minItems = 1, uniqueItems = true) @Schema(description = CAUSES_DESCRIPTION,
                    example = "[\"ILLNESS\", \"LACK_OF_SKILLS\"]", requiredMode = REQUIRED) Set<PovertyCause> causes,
            @Schema(description = PRIMARY_CAUSE_DESCRIPTION, example = "ILLNESS", requiredMode = REQUIRED) PovertyCause primaryCause,
            @Schema(description = "The head of household (户主); the relation is always HEAD, whatever is sent", requiredMode = REQUIRED,
                    example = "{\"name\": \"张建国\", \"relation\": \"HEAD\", \"residentId\": \"621222196803140158\", "
                            + "\"phone\": \"13893912345\", \"labourCapacity\": \"PARTIAL\", \"health\": \"CHRONIC_ILLNESS\", "
                            + "\"education\": \"PRIMARY\", \"ecommerceSkills\": []}") MemberRequest head,
            @Schema(description = "The other members; left out: none yet", example = "[{\"name\": \"李秀英\", "
                    + "\"relation\": \"SPOUSE\", \"residentId\": \"621222197008220268\", \"phone\": \"13993912345\", "
                    + "\"labourCapacity\": \"FULL\", \"health\": \"HEALTHY\", \"education\": \"JUNIOR_SECONDARY\", "
                    + "\"ecommerceSkills\": [\"LIVE_STREAMING\", \"PACKING_AND_SHIPPING\"]}]") List<MemberRequest> members) {
    }

    /** The file's own fields, all of them (PUT replaces). */
    @Schema(description = "The file's own fields, all of them (PUT replaces); the file number never changes and members have their own endpoints.")
    record UpdateHouseholdRequest(
            @Schema(description = VILLAGE_DESCRIPTION, example = "621222101201", requiredMode = REQUIRED, pattern = VILLAGE) String village,
            @Schema(description = REGISTRATION_YEAR_DESCRIPTION, example = "2016", requiredMode = REQUIRED, minimum = "2013",
                    maximum = "2100") Integer registrationYear,
            @Schema(description = HELPER_DESCRIPTION, example = "王建军", maxLength = 100) String helperCadre,
            @Schema(description = "Which guarantees the household has", requiredMode = REQUIRED) GuaranteesRequest guarantees,
            @ArraySchema(minItems = 1, uniqueItems = true) @Schema(description = CAUSES_DESCRIPTION,
                    example = "[\"ILLNESS\", \"LACK_OF_SKILLS\"]", requiredMode = REQUIRED) Set<PovertyCause> causes,
            @Schema(description = PRIMARY_CAUSE_DESCRIPTION, example = "ILLNESS", requiredMode = REQUIRED) PovertyCause primaryCause) {
    }

    @Schema(description = "A status change of the household's poverty-exit lifecycle (REGISTERED, LIFTED, MONITORED, RETURNED).")
    record StatusChangeRequest(
            @Schema(description = "The new status: LIFTED (exit verified against the year's income and the guarantees), MONITORED "
                    + "(at risk of returning) or RETURNED (返贫); no household becomes REGISTERED again", example = "MONITORED",
                    requiredMode = REQUIRED, allowableValues = {"LIFTED", "MONITORED", "RETURNED"}) HouseholdStatus status,
            @Schema(description = "For LIFTED: the year whose recorded income the exit is verified against; left out: the current "
                    + "year. Not used for the other statuses.", example = "2026") Integer year,
            @Schema(description = "Why: required (not blank) for MONITORED and RETURNED, and kept with the status; not used for "
                    + "LIFTED, whose reason is the verified income", example = "主要劳动力务工受伤，家庭收入明显下降") String reason) {
    }

    @Schema(description = "A household looked up by a member's resident ID number, in the body to keep it out of URLs and logs.")
    record LookupRequest(
            @Schema(description = "A member's resident identity card number (GB 11643): 17 digits and a check character (0-9 or X, "
                    + "a lower-case x is taken as X) that must match", example = "621222196803140158", requiredMode = REQUIRED,
                    pattern = RESIDENT_ID) String residentId) {
    }

    static final String FILE_NUMBER = "^[^,\\s\\x00-\\x1f\\x7f-\\x9f]([^,\\x00-\\x1f\\x7f-\\x9f]*[^,\\s\\x00-\\x1f\\x7f-\\x9f])?$";
    static final String VILLAGE_DESCRIPTION = "The household's village: its 12-digit code (the county's 6 digits, the township's 3, its own 3), "
            + "a village of this county (422 unknown-village otherwise)";
    static final String REGISTRATION_YEAR_DESCRIPTION = "The year the household was registered (建档立卡), 2013 (the pilot files) to 2100";
    static final String HELPER_DESCRIPTION = "The cadre who helps the household (帮扶干部), at most 100 characters; blank: none";
    static final String CAUSES_DESCRIPTION = "The causes of its poverty (致贫原因), at least one";
    static final String PRIMARY_CAUSE_DESCRIPTION = "The main cause of its poverty: one of causes (400 otherwise)";

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
