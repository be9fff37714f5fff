package org.povertyalleviation.householdregistry.exporting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.povertyalleviation.householdregistry.household.domain.EcommerceSkill;
import org.povertyalleviation.householdregistry.household.domain.Education;
import org.povertyalleviation.householdregistry.household.domain.Health;
import org.povertyalleviation.householdregistry.household.domain.LabourCapacity;
import org.povertyalleviation.householdregistry.household.domain.NationalFileLabels;
import org.povertyalleviation.householdregistry.household.domain.PovertyCause;
import org.povertyalleviation.householdregistry.household.domain.Relation;
import org.povertyalleviation.householdregistry.importing.domain.Column;

/**
 * The language of an export, from the request's Accept-Language: Chinese writes the national file's headings and labels
 * (与户主关系 户主, 致贫原因 因病、缺资金, 是/否), as the county's own files have them; any other language the API's codes.
 * Either reads back through the import unchanged.
 */
enum ExportLanguage {
    CODES, CHINESE;

    private static final List<Column> COLUMNS = Arrays.asList(Column.values());

    static ExportLanguage of(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? CHINESE : CODES;
    }

    List<String> header() {
        List<String> header = new ArrayList<>(COLUMNS.stream().map(this == CHINESE ? Column::headingZh : Column::heading).toList());
        header.add(this == CHINESE ? "状态" : "status");
        return header;
    }

    /** A row in Column order plus the status, as the database holds it (codes; lists joined with ';'). */
    List<String> row(List<String> codes) {
        if (this == CODES) {
            return codes;
        }
        List<String> row = new ArrayList<>(codes);
        label(row, Column.RELATION, value -> NationalFileLabels.zh(Relation.valueOf(value)));
        label(row, Column.LABOUR_CAPACITY, value -> NationalFileLabels.zh(LabourCapacity.valueOf(value)));
        label(row, Column.HEALTH, value -> NationalFileLabels.zh(Health.valueOf(value)));
        label(row, Column.EDUCATION, value -> NationalFileLabels.zh(Education.valueOf(value)));
        label(row, Column.ECOMMERCE_SKILLS, value -> list(value, code -> NationalFileLabels.zh(EcommerceSkill.valueOf(code))));
        label(row, Column.CAUSES, value -> list(value, code -> NationalFileLabels.zh(PovertyCause.valueOf(code))));
        label(row, Column.PRIMARY_CAUSE, value -> NationalFileLabels.zh(PovertyCause.valueOf(value)));
        for (Column guarantee : List.of(Column.FOOD, Column.CLOTHING, Column.COMPULSORY_EDUCATION, Column.BASIC_MEDICAL_CARE, Column.SAFE_HOUSING)) {
            label(row, guarantee, value -> Boolean.parseBoolean(value) ? "是" : "否");
        }
        int status = COLUMNS.size();
        row.set(status, switch (row.get(status)) {
            case "REGISTERED" -> "未脱贫";
            case "LIFTED" -> "已脱贫";
            case "MONITORED" -> "脱贫监测";
            case "RETURNED" -> "返贫";
            default -> row.get(status);
        });
        return row;
    }

    private static void label(List<String> row, Column column, Function<String, String> label) {
        int index = COLUMNS.indexOf(column);
        String value = row.get(index);
        if (value != null && !value.isEmpty() && !"null".equals(value)) {
            row.set(index, label.apply(value));
        }
    }

    private static String list(String codes, Function<String, String> label) {
        return Arrays.stream(codes.split(";")).filter(code -> !code.isBlank()).map(label).collect(Collectors.joining("、"));
    }
}
