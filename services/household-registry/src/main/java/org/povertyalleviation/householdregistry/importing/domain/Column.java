package org.povertyalleviation.householdregistry.importing.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The columns of a household file, one row per person, by the English name or the heading counties use in their
 * own files (Chinese). Household columns are read from the head's row, which comes first in its household.
 */
public enum Column {
    FILE_NUMBER("file_number", "户编号", true),
    VILLAGE_CODE("village_code", "行政村代码", true),
    REGISTRATION_YEAR("registration_year", "识别年度", true),
    RELATION("relation", "与户主关系", true),
    NAME("name", "姓名", true),
    RESIDENT_ID("resident_id", "证件号码", true),
    PHONE("phone", "联系电话", false),
    LABOUR_CAPACITY("labour_capacity", "劳动能力", true),
    HEALTH("health", "健康状况", true),
    EDUCATION("education", "文化程度", true),
    ECOMMERCE_SKILLS("ecommerce_skills", "电商技能", false),
    CAUSES("causes", "致贫原因", true),
    PRIMARY_CAUSE("primary_cause", "主要致贫原因", true),
    HELPER_CADRE("helper_cadre", "帮扶责任人", false),
    FOOD("food", "不愁吃", true),
    CLOTHING("clothing", "不愁穿", true),
    COMPULSORY_EDUCATION("compulsory_education", "义务教育有保障", true),
    BASIC_MEDICAL_CARE("basic_medical_care", "基本医疗有保障", true),
    SAFE_HOUSING("safe_housing", "住房安全有保障", true);

    private final String heading;
    private final String headingZh;
    private final boolean required;

    Column(String heading, String headingZh, boolean required) {
        this.heading = heading;
        this.headingZh = headingZh;
        this.required = required;
    }

    public String heading() {
        return heading;
    }

    public String headingZh() {
        return headingZh;
    }

    /** Whether the header must have this column (a value may still be blank on members' rows, see HouseholdRows). */
    public boolean required() {
        return required;
    }

    public static Optional<Column> byHeading(String heading) {
        String clean = heading.replace("\uFEFF", "").strip();
        return Arrays.stream(values()).filter(column -> column.heading.equalsIgnoreCase(clean) || column.headingZh.equals(clean)).findFirst();
    }
}
