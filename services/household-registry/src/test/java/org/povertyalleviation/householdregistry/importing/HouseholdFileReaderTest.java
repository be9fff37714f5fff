package org.povertyalleviation.householdregistry.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.householdregistry.household.domain.ResidentId;
import org.povertyalleviation.householdregistry.importing.domain.Column;
import org.povertyalleviation.householdregistry.importing.domain.HouseholdRows;
import org.povertyalleviation.householdregistry.importing.domain.ImportRow;

class HouseholdFileReaderTest {

    private static final String ZH_HEADER = "\uFEFF户编号,行政村代码,识别年度,与户主关系,姓名,证件号码,联系电话,劳动能力,健康状况,文化程度,电商技能,"
            + "致贫原因,主要致贫原因,帮扶责任人,不愁吃,不愁穿,义务教育有保障,基本医疗有保障,住房安全有保障,备注";

    @Test
    void chinese_headings_quoted_cells_and_blank_lines_are_read_with_their_line_numbers() {
        String csv = ZH_HEADER + "\n"
                + "F-1,621222101201,2016,户主,\"王,五\"," + id("19700101001") + ",,FULL,HEALTHY,PRIMARY,,ILLNESS、LACK_OF_FUNDS,ILLNESS,\"李\"\"干部\"\"\",是,是,是,是,否,\"两行\n备注\"\n"
                + "\n"
                + "F-1,,,SPOUSE,赵六," + id("19720202002") + ",,PARTIAL,HEALTHY,NONE,,,,,,,,,,\n";

        List<ImportRow> rows = read(csv);

        assertThat(rows).extracting(ImportRow::line).containsExactly(2, 4);
        assertThat(rows.get(0).get(Column.NAME)).isEqualTo("王,五");
        assertThat(rows.get(0).get(Column.HELPER_CADRE)).isEqualTo("李\"干部\"");
        HouseholdRows.Outcome outcome = new HouseholdRows("621222", Set.of("621222101201")).household(rows);
        assertThat(outcome.rejections()).isEmpty();
        assertThat(outcome.household().members()).hasSize(2);
        assertThat(outcome.household().household().guarantees().safeHousing()).isFalse();
        assertThat(outcome.household().household().causes()).hasSize(2);
    }

    @Test
    void a_header_without_required_columns_names_them() {
        assertThatThrownBy(() -> read("file_number,name,colour\nF-1,王\n"))
                .isInstanceOf(HouseholdFileReader.UnreadableFileException.class)
                .hasMessageContaining("village_code").hasMessageContaining("resident_id").hasMessageContaining("unknown columns: colour");
    }

    @Test
    void a_second_head_or_a_resident_id_seen_before_rejects_the_whole_household() {
        String header = String.join(",", java.util.Arrays.stream(Column.values()).map(Column::heading).toList());
        String shared = id("19800101003");
        String csv = header + "\n"
                + "A-1,621222101201,2016,HEAD,甲," + shared + ",,FULL,HEALTHY,PRIMARY,,OTHER,OTHER,,1,1,1,1,1\n"
                + "B-1,621222101201,2016,HEAD,乙," + id("19800101005") + ",,FULL,HEALTHY,PRIMARY,,OTHER,OTHER,,1,1,1,1,1\n"
                + "B-1,,,CHILD,丙," + shared + ",,NONE,HEALTHY,NONE,,,,,,,,,\n";
        List<ImportRow> rows = read(csv);
        HouseholdRows households = new HouseholdRows("621222", Set.of("621222101201"));

        assertThat(households.household(rows.subList(0, 1)).rejections()).isEmpty();
        HouseholdRows.Outcome second = households.household(rows.subList(1, 3));
        assertThat(second.household()).isNull();
        assertThat(second.rejections()).extracting(r -> r.line() + " " + r.field())
                .containsExactly("3 null", "4 resident_id");
        assertThat(second.rejections().get(1).reason()).isEqualTo("the same resident ID is on line 2");
    }

    private static String id(String birthAndSequence) {
        String first17 = "621222" + birthAndSequence;
        return first17 + ResidentId.checkCharacter(first17);
    }

    private static List<ImportRow> read(String csv) {
        List<ImportRow> rows = new ArrayList<>();
        try (HouseholdFileReader reader = new HouseholdFileReader.Csv(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
            reader.forEachRemaining(rows::add);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
