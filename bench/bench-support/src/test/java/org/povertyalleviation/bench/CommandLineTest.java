package org.povertyalleviation.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void options_are_read_by_name() {
        assertThat(CommandLine.options(new String[] {"--seed=7", "--service-jvm=-Xms1g -Xmx1g"}, Set.of("seed", "service-jvm")))
                .containsEntry("seed", "7").containsEntry("service-jvm", "-Xms1g -Xmx1g");
    }

    @Test
    void an_unknown_option_or_argument_is_a_usage_error_and_help_asks_for_the_usage() {
        assertThatThrownBy(() -> CommandLine.options(new String[] {"--seeds=7"}, Set.of("seed")))
                .isInstanceOf(CommandLine.Usage.class).hasMessage("Unknown option --seeds");
        assertThatThrownBy(() -> CommandLine.options(new String[] {"seed"}, Set.of("seed")))
                .isInstanceOf(CommandLine.Usage.class).hasMessage("Unknown argument seed");
        assertThatThrownBy(() -> CommandLine.options(new String[] {"--help"}, Set.of("seed")))
                .isInstanceOf(CommandLine.Usage.class).hasMessage("");
    }

    @Test
    void seconds_take_an_optional_unit_and_a_default() {
        assertThat(CommandLine.seconds("90s", 5)).isEqualTo(Duration.ofSeconds(90));
        assertThat(CommandLine.seconds("90", 5)).isEqualTo(Duration.ofSeconds(90));
        assertThat(CommandLine.seconds(null, 5)).isEqualTo(Duration.ofSeconds(5));
    }
}
