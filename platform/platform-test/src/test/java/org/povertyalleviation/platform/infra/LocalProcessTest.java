package org.povertyalleviation.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessTest {

    @Test
    void the_failure_excerpt_quotes_the_reason_even_when_the_log_ends_in_chatter(@TempDir Path directory) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("{\"log\":{\"level\":\"INFO\"},\"message\":\"Starting gateway\"}");
        lines.add("{\"log\":{\"level\":\"ERROR\"},\"message\":\"Application run failed\",\"error\":{\"message\":\"Port 24000 is already in use\"}}");
        lines.add("Caused by: java.net.BindException: Address already in use");
        for (int i = 0; i < 100; i++) {
            lines.add("{\"log\":{\"level\":\"INFO\"},\"message\":\"Loaded RoutePredicateFactory " + i + "\"}");
        }
        Path log = Files.write(directory.resolve("gateway.log"), lines);

        String errors = LocalProcess.errors(log, 12);

        assertThat(errors).contains("Port 24000 is already in use").contains("Caused by: java.net.BindException")
                .doesNotContain("RoutePredicateFactory");
        assertThat(LocalProcess.tail(log, 25)).doesNotContain("already in use");
    }

    @Test
    void a_log_without_errors_says_so(@TempDir Path directory) throws Exception {
        Path log = Files.write(directory.resolve("quiet.log"), List.of("{\"log\":{\"level\":\"INFO\"},\"message\":\"hello\"}"));
        assertThat(LocalProcess.errors(log, 12)).isEqualTo("(no error lines)");
    }
}
