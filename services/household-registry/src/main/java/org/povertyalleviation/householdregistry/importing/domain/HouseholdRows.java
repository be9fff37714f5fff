package org.povertyalleviation.householdregistry.importing.domain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.povertyalleviation.householdregistry.household.domain.NationalFileLabels;
import org.povertyalleviation.householdregistry.household.domain.EcommerceSkill;
import org.povertyalleviation.householdregistry.household.domain.Education;
import org.povertyalleviation.householdregistry.household.domain.Guarantees;
import org.povertyalleviation.householdregistry.household.domain.Health;
import org.povertyalleviation.householdregistry.household.domain.Household;
import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.householdregistry.household.domain.LabourCapacity;
import org.povertyalleviation.householdregistry.household.domain.Member;
import org.povertyalleviation.householdregistry.household.domain.PhoneNumber;
import org.povertyalleviation.householdregistry.household.domain.PovertyCause;
import org.povertyalleviation.householdregistry.household.domain.Relation;
import org.povertyalleviation.householdregistry.household.domain.ResidentId;
import org.povertyalleviation.platform.domain.VillageCode;

/**
 * Turns a household file's rows into households, one household (its consecutive rows with one file number) at a
 * time. A household is taken whole or not at all: one bad row rejects its household, and every row of it is
 * reported (the bad ones with their reasons, the others as rejected with it). Remembers what the file said
 * before, so that a resident ID twice in the file or a household's rows split apart are caught.
 */
public final class HouseholdRows {

    /** A household ready to write, with the lines it came from. */
    public record ImportedHousehold(Household household, List<Member> members, int firstLine) {
    }

    /**
     * What one household's rows gave: the household, or the rejections.
     *
     * @param droppedRows rows of a rejected household beyond those its rejections name (more than the import holds)
     */
    public record Outcome(ImportedHousehold household, List<Rejection> rejections, int droppedRows) {

        public Outcome(ImportedHousehold household, List<Rejection> rejections) {
            this(household, rejections, 0);
        }
    }

    private static final int MAX_MEMBERS = 30;

    private final String county;
    private final Set<String> villages;
    // Held for the whole file (a household's rows must be together; a resident ID is on one row): compact.
    private final LineIndex householdLines = new LineIndex();
    private final LineIndex residentIdLines = new LineIndex();

    /** @param villages the county's village codes: a household of another village is rejected */
    public HouseholdRows(String county, Set<String> villages) {
        this.county = county;
        this.villages = villages;
    }

    public Outcome household(List<ImportRow> rows) {
        List<Rejection> problems = new ArrayList<>();
        ImportRow head = rows.get(0);
        String fileNumber = head.get(Column.FILE_NUMBER);
        int earlier = fileNumber == null ? 0 : householdLines.putIfAbsent(LineIndex.key(fileNumber), head.line());
        if (earlier != 0) {
            return rejectAll(rows, fileNumber, List.of(new Rejection(head.line(), fileNumber, Column.FILE_NUMBER.heading(),
                    "the rows of household " + fileNumber + " must be together; it began on line " + earlier)));
        }
        if (rows.size() > MAX_MEMBERS) {
            return rejectAll(rows, fileNumber, List.of(new Rejection(head.line(), fileNumber, Column.FILE_NUMBER.heading(),
                    "more than " + MAX_MEMBERS + " members")));
        }
        if (!"HEAD".equalsIgnoreCase(head.get(Column.RELATION)) && !"户主".equals(head.get(Column.RELATION))) {
            problems.add(new Rejection(head.line(), fileNumber, Column.RELATION.heading(), "the first row of a household is its head (HEAD)"));
        }
        Household household = household(head, fileNumber, problems);
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Member member = member(rows.get(i), fileNumber, i == 0, problems);
            if (member != null) {
                members.add(member);
            }
        }
        if (!problems.isEmpty() || household == null) {
            // Free the resident IDs this household claimed: a corrected row later in the file may use them.
            members.forEach(member -> residentIdLines.remove(key(member.residentId())));
            return rejectAll(rows, fileNumber, problems);
        }
        return new Outcome(new ImportedHousehold(household, List.copyOf(members), head.line()), List.of());
    }

    private Household household(ImportRow head, String fileNumber, List<Rejection> problems) {
        int before = problems.size();
        String village = cell(head, Column.VILLAGE_CODE, fileNumber, problems, VillageCode::new) == null ? null : head.get(Column.VILLAGE_CODE);
        if (village != null && !villages.contains(village)) {
            problems.add(new Rejection(head.line(), fileNumber, Column.VILLAGE_CODE.heading(), "village " + village + " is not a village of county " + county));
        }
        Integer year = cell(head, Column.REGISTRATION_YEAR, fileNumber, problems, Integer::valueOf);
        Set<PovertyCause> causes = cell(head, Column.CAUSES, fileNumber, problems, text -> list(text, PovertyCause.class));
        PovertyCause primary = cell(head, Column.PRIMARY_CAUSE, fileNumber, problems, text -> enumValue(PovertyCause.class, text));
        Boolean food = cell(head, Column.FOOD, fileNumber, problems, HouseholdRows::yesNo);
        Boolean clothing = cell(head, Column.CLOTHING, fileNumber, problems, HouseholdRows::yesNo);
        Boolean education = cell(head, Column.COMPULSORY_EDUCATION, fileNumber, problems, HouseholdRows::yesNo);
        Boolean medical = cell(head, Column.BASIC_MEDICAL_CARE, fileNumber, problems, HouseholdRows::yesNo);
        Boolean housing = cell(head, Column.SAFE_HOUSING, fileNumber, problems, HouseholdRows::yesNo);
        if (problems.size() > before || fileNumber == null) {
            if (fileNumber == null) {
                problems.add(new Rejection(head.line(), null, Column.FILE_NUMBER.heading(), "is required"));
            }
            return null;
        }
        try {
            return new Household(UUID.randomUUID(), fileNumber, new VillageCode(village), year, head.get(Column.HELPER_CADRE),
                    new Guarantees(food, clothing, education, medical, housing), causes, primary);
        } catch (InvalidValueException e) {
            problems.add(new Rejection(head.line(), fileNumber, heading(e.field()), e.getMessage()));
            return null;
        }
    }

    private Member member(ImportRow row, String fileNumber, boolean head, List<Rejection> problems) {
        int before = problems.size();
        if (!head && row.get(Column.FILE_NUMBER) != null && !row.get(Column.FILE_NUMBER).equals(fileNumber)) {
            problems.add(new Rejection(row.line(), fileNumber, Column.FILE_NUMBER.heading(), "differs from the household's"));
        }
        Relation relation = cell(row, Column.RELATION, fileNumber, problems, text -> enumValue(Relation.class, text));
        if (!head && relation == Relation.HEAD) {
            problems.add(new Rejection(row.line(), fileNumber, Column.RELATION.heading(), "a household has one head, on its first row"));
        }
        ResidentId residentId = cell(row, Column.RESIDENT_ID, fileNumber, problems, ResidentId::parse);
        PhoneNumber phone = optional(row, Column.PHONE, fileNumber, problems, PhoneNumber::parseOptional);
        LabourCapacity labour = cell(row, Column.LABOUR_CAPACITY, fileNumber, problems, text -> enumValue(LabourCapacity.class, text));
        Health health = cell(row, Column.HEALTH, fileNumber, problems, text -> enumValue(Health.class, text));
        Education education = cell(row, Column.EDUCATION, fileNumber, problems, text -> enumValue(Education.class, text));
        Set<EcommerceSkill> skills = optional(row, Column.ECOMMERCE_SKILLS, fileNumber, problems, text -> list(text, EcommerceSkill.class));
        if (residentId != null) {
            int seen = residentIdLines.get(key(residentId));
            if (seen != 0) {
                problems.add(new Rejection(row.line(), fileNumber, Column.RESIDENT_ID.heading(), "the same resident ID is on line " + seen));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        try {
            Member member = new Member(UUID.randomUUID(), row.get(Column.NAME), relation, residentId, phone, labour, health, education, skills);
            residentIdLines.put(key(residentId), row.line());
            return member;
        } catch (InvalidValueException e) {
            problems.add(new Rejection(row.line(), fileNumber, heading(e.field()), e.getMessage()));
            return null;
        }
    }

    private static Outcome rejectAll(List<ImportRow> rows, String fileNumber, List<Rejection> problems) {
        List<Rejection> rejections = new ArrayList<>(problems);
        Set<Integer> reported = new java.util.HashSet<>();
        problems.forEach(problem -> reported.add(problem.line()));
        for (ImportRow row : rows) {
            if (!reported.contains(row.line())) {
                rejections.add(new Rejection(row.line(), fileNumber, null, "rejected with its household (see line "
                        + problems.get(0).line() + ")"));
            }
        }
        rejections.sort(java.util.Comparator.comparingInt(Rejection::line));
        return new Outcome(null, rejections);
    }

    /** 17 digits and the check character fit a long: a compact key for the file's resident IDs. */
    private static long key(ResidentId residentId) {
        return Long.parseLong(residentId.value().substring(0, 17)) * 11 + (residentId.value().charAt(17) == 'X' ? 10 : residentId.value().charAt(17) - '0');
    }

    private static <T> T cell(ImportRow row, Column column, String fileNumber, List<Rejection> problems, Function<String, T> parse) {
        String text = row.get(column);
        if (text == null) {
            problems.add(new Rejection(row.line(), fileNumber, column.heading(), "is required"));
            return null;
        }
        return parse(row, column, fileNumber, problems, parse, text);
    }

    private static <T> T optional(ImportRow row, Column column, String fileNumber, List<Rejection> problems, Function<String, T> parse) {
        String text = row.get(column);
        return text == null ? null : parse(row, column, fileNumber, problems, parse, text);
    }

    private static <T> T parse(ImportRow row, Column column, String fileNumber, List<Rejection> problems, Function<String, T> parse, String text) {
        try {
            return parse.apply(text);
        } catch (InvalidValueException e) {
            problems.add(new Rejection(row.line(), fileNumber, column.heading(), e.getMessage()));
        } catch (IllegalArgumentException e) {
            problems.add(new Rejection(row.line(), fileNumber, column.heading(), "cannot read \"" + text + "\""));
        }
        return null;
    }

    /** A code or the national file's label (因病, 户主, 有劳动力, 小学, …): NationalFileLabels. */
    private static <E extends Enum<E>> E enumValue(Class<E> type, String text) {
        return NationalFileLabels.parse(type, text);
    }

    private static <E extends Enum<E>> Set<E> list(String text, Class<E> type) {
        Set<E> values = EnumSet.noneOf(type);
        for (String part : text.split("[;；、|,，]")) {
            if (!part.isBlank()) {
                values.add(enumValue(type, part));
            }
        }
        return values;
    }

    private static Boolean yesNo(String text) {
        return switch (text.strip().toLowerCase()) {
            case "true", "yes", "y", "1", "是" -> true;
            case "false", "no", "n", "0", "否" -> false;
            default -> throw new InvalidValueException("must be true or false (是/否)");
        };
    }

    /** The file's heading for a domain field named in an InvalidValueException. */
    private static String heading(String field) {
        if (field == null) {
            return null;
        }
        return switch (field) {
            case "fileNumber" -> Column.FILE_NUMBER.heading();
            case "registrationYear" -> Column.REGISTRATION_YEAR.heading();
            case "helperCadre" -> Column.HELPER_CADRE.heading();
            case "causes" -> Column.CAUSES.heading();
            case "primaryCause" -> Column.PRIMARY_CAUSE.heading();
            case "name" -> Column.NAME.heading();
            default -> field;
        };
    }
}
