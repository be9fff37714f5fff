package org.povertyalleviation.householdregistry.importing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LineIndexTest {

    @Test
    void answers_as_a_map_does_through_growth_and_removals_that_shift_runs_back() {
        LineIndex index = new LineIndex();
        Map<Long, Integer> expected = new HashMap<>();
        Random random = new Random(22);
        for (int i = 0; i < 200_000; i++) {
            // A small key space, so that keys come back, collide and are removed often.
            long key = random.nextInt(50_000) * 1_000_003L;
            int line = 1 + random.nextInt(1_000_000);
            switch (random.nextInt(4)) {
                case 0 -> {
                    index.remove(key);
                    expected.remove(key);
                }
                case 1 -> {
                    index.put(key, line);
                    expected.put(key, line);
                }
                default -> assertThat(index.putIfAbsent(key, line)).isEqualTo(orZero(expected.putIfAbsent(key, line)));
            }
            assertThat(index.get(key)).isEqualTo(orZero(expected.get(key)));
        }
        assertThat(index.size()).isEqualTo(expected.size());
        expected.forEach((key, line) -> assertThat(index.get(key)).isEqualTo(line));
    }

    @Test
    void file_numbers_that_differ_have_different_keys() {
        assertThat(LineIndex.key("F-0001")).isNotEqualTo(LineIndex.key("F-0002")).isEqualTo(LineIndex.key("F-0001"));
    }

    private static int orZero(Integer line) {
        return line == null ? 0 : line;
    }
}
