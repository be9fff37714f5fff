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

    @Test
    void a_quote_closed_by_nothing_fails_naming_its_line_instead_of_reading_to_the_end() {
        String csv = HouseholdFileMother.HEADER + "\nQ-1,621222101201,2016,HEAD,\"王五," + id("19700101001") + "\n";

        assertThatThrownBy(() -> read(csv)).isInstanceOf(HouseholdFileReader.UnreadableFileException.class)
                .hasMessage("line 2: a quoted cell is not closed");
    }

    @Test
    void a_line_longer_than_the_bound_fails_after_reading_the_bound_only() {
        ImportLimits limits = limits(1000, 100, 1000, null);
        java.io.InputStream endless = new java.io.InputStream() {
            long served;

            @Override
            public int read() {
                served++;
                return served <= HouseholdFileMother.HEADER.length() ? HouseholdFileMother.HEADER.charAt((int) served - 1)
                        : served == HouseholdFileMother.HEADER.length() + 1 ? '\n' : 'a';
            }
        };

        try (HouseholdFileReader reader = new HouseholdFileReader.Csv(endless, limits)) {
            assertThatThrownBy(reader::hasNext).isInstanceOf(HouseholdFileReader.UnreadableFileException.class)
                    .hasMessage("line 2 is longer than 1000 characters");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void rows_with_more_cells_than_the_bound_and_files_with_more_rows_fail_in_the_check() throws Exception {
        java.nio.file.Path wide = java.nio.file.Files.createTempFile("wide", ".csv");
        java.nio.file.Path longFile = java.nio.file.Files.createTempFile("long", ".csv");
        try {
            java.nio.file.Files.writeString(wide, HouseholdFileMother.HEADER + "\n" + ",".repeat(500) + "\n");
            java.nio.file.Files.writeString(longFile, HouseholdFileMother.HEADER + "\n" + HouseholdFileMother.rejected("L-1").repeat(11));

            assertThatThrownBy(() -> HouseholdFileReader.check(wide, HouseholdFileReader.Format.CSV, ImportLimits.defaults()))
                    .hasMessage("line 2 has more than 200 cells");
            assertThatThrownBy(() -> HouseholdFileReader.check(longFile, HouseholdFileReader.Format.CSV, limits(10, 100, 1000, null)))
                    .hasMessage("the file has more than 10 rows");
            assertThat(HouseholdFileReader.check(longFile, HouseholdFileReader.Format.CSV, limits(11, 100, 1000, null))).isEqualTo(11);
        } finally {
            java.nio.file.Files.delete(wide);
            java.nio.file.Files.delete(longFile);
        }
    }

    @Test
    void a_workbook_is_refused_for_a_giant_string_a_far_column_its_inflated_size_or_not_being_a_zip() throws Exception {
        String giant = "a".repeat(100_000);
        assertThat(checkWorkbook(w -> { }, w -> w.write("<si><t>" + giant + "</t></si>"), ImportLimits.defaults()))
                .isEqualTo("the workbook's part xl/sharedStrings.xml holds a cell or tag longer than 65536 characters");
        assertThat(checkWorkbook(w -> w.write("<row r=\"2\"><c r=\"ZZZZZZZ2\" t=\"inlineStr\"><is><t>x</t></is></c></row>"),
                w -> { }, ImportLimits.defaults()))
                .isEqualTo("the workbook's cell ZZZZZZZ2 is beyond column 200");
        java.util.Random random = new java.util.Random(7);
        assertThat(checkWorkbook(w -> {
            for (int i = 0; i < 20_000; i++) {
                w.write("<row r=\"" + (i + 2) + "\"><c r=\"A" + (i + 2) + "\" t=\"inlineStr\"><is><t>" + Long.toString(random.nextLong(), 36)
                        + "</t></is></c></row>");
            }
        }, w -> { }, limits(1_000_000, 100, 65_536, org.springframework.util.unit.DataSize.ofKilobytes(500))))
                .isEqualTo("the workbook inflates to more than 500 KB");
        java.nio.file.Path text = java.nio.file.Files.createTempFile("not-a-workbook", ".xlsx");
        try {
            java.nio.file.Files.writeString(text, HouseholdFileMother.HEADER);
            assertThatThrownBy(() -> HouseholdFileReader.check(text, HouseholdFileReader.Format.XLSX, ImportLimits.defaults()))
                    .hasMessage("the file is not an XLSX workbook");
        } finally {
            java.nio.file.Files.delete(text);
        }
    }

    @Test
    void a_workbook_within_the_bounds_reads_as_before() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("good", ".xlsx");
        try {
            try (var out = java.nio.file.Files.newOutputStream(file)) {
                HouseholdFileMother.workbook(out, w -> w.write("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c>"
                        + "<c r=\"B2\" t=\"inlineStr\"><is><t>621222101201</t></is></c></row>"), w -> w.write("<si><t>W-1</t></si>"));
            }
            assertThat(HouseholdFileReader.check(file, HouseholdFileReader.Format.XLSX, ImportLimits.defaults())).isEqualTo(1);
            try (HouseholdFileReader reader = HouseholdFileReader.open(file, HouseholdFileReader.Format.XLSX, ImportLimits.defaults())) {
                ImportRow row = reader.next();
                assertThat(row.get(Column.FILE_NUMBER)).isEqualTo("W-1");
                assertThat(row.get(Column.VILLAGE_CODE)).isEqualTo("621222101201");
            }
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    private static String checkWorkbook(HouseholdFileMother.Part rows, HouseholdFileMother.Part strings, ImportLimits limits) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("check", ".xlsx");
        try {
            try (var out = java.nio.file.Files.newOutputStream(file)) {
                HouseholdFileMother.workbook(out, rows, strings);
            }
            HouseholdFileReader.check(file, HouseholdFileReader.Format.XLSX, limits);
            return "accepted";
        } catch (HouseholdFileReader.UnreadableFileException e) {
            return e.getMessage();
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    private static ImportLimits limits(int maxRows, int maxColumns, int maxLineLength, org.springframework.util.unit.DataSize inflated) {
        return new ImportLimits(null, null, maxRows, maxLineLength, maxColumns, null, null, null, inflated, null, null, null,
                null, null, null, null);
    }

    private static String id(String birthAndSequence) {
        String first17 = "621222" + birthAndSequence;
        return first17 + ResidentId.checkCharacter(first17);
    }

    private static List<ImportRow> read(String csv) {
        List<ImportRow> rows = new ArrayList<>();
        try (HouseholdFileReader reader = new HouseholdFileReader.Csv(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), ImportLimits.defaults())) {
            reader.forEachRemaining(rows::add);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
