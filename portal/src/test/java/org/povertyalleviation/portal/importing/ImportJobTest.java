package org.povertyalleviation.portal.importing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImportJobTest {

    private static ImportJob job(String status, Integer total, int read) {
        return new ImportJob(null, "f.csv", "CSV", status, total, read, 0, 0, 0, 0, null, "clerk", null, null);
    }

    @Test
    void the_bar_shows_rows_read_of_the_files_rows_and_reaches_100_only_when_the_job_has_ended() {
        assertThat(job("RUNNING", null, 40).percent()).isZero();
        assertThat(job("RUNNING", 200, 50).percent()).isEqualTo(25);
        assertThat(job("RUNNING", 200, 200).percent()).isEqualTo(99);
        assertThat(job("COMPLETED", 200, 200).percent()).isEqualTo(100);
        assertThat(job("FAILED", 200, 20).percent()).isEqualTo(100);
    }
}
