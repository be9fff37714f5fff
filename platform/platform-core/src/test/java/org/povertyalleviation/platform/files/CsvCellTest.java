package org.povertyalleviation.platform.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellTest {

    @Test
    void a_cell_that_a_spreadsheet_would_run_is_text() {
        assertThat(CsvCell.of("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(CsvCell.of("+86 138")).isEqualTo("'+86 138");
        assertThat(CsvCell.of("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvCell.of("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCell.of("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvCell.of("\r=1")).isEqualTo("\"'\r=1\"");
    }

    @Test
    void ordinary_text_is_kept_and_quoted_only_when_it_must_be() {
        assertThat(CsvCell.of("张三")).isEqualTo("张三");
        assertThat(CsvCell.of("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvCell.of("x=1")).isEqualTo("x=1");
        assertThat(CsvCell.of(null)).isEmpty();
        assertThat(CsvCell.of("")).isEmpty();
    }
}
