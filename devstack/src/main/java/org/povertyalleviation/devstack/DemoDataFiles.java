package org.povertyalleviation.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the demo dataset as UTF-8 CSV files, one set for all nine counties, in the formats the services'
 * importers read as they arrive (household registry, county registry).
 */
final class DemoDataFiles {

    private DemoDataFiles() {
    }

    static void write(DemoData.Dataset data, Path directory) {
        try {
            Files.createDirectories(directory);
            csv(directory.resolve("counties.csv"), "code,name_zh,name_en,city,products",
                    data.counties().stream().map(c -> row(c.code(), c.nameZh(), c.nameEn(), DemoRealm.CITY, String.join("|", c.products()))));
            csv(directory.resolve("townships.csv"), "code,county,name_zh",
                    data.townships().stream().map(t -> row(t.code(), t.countyCode(), t.nameZh())));
            csv(directory.resolve("villages.csv"), "code,township,county,name_zh,poor",
                    data.villages().stream().map(v -> row(v.code(), v.townshipCode(), v.countyCode(), v.nameZh(), Boolean.toString(v.poor()))));
            csv(directory.resolve("households.csv"), "file_number,county,village,registration_year,primary_cause,causes,members",
                    data.households().stream().map(h -> row(h.fileNumber(), h.countyCode(), h.villageCode(),
                            Integer.toString(h.registrationYear()), h.primaryCause(), String.join("|", h.causes()),
                            Integer.toString(h.members().size()))));
            csv(directory.resolve("members.csv"), "file_number,name,relation,resident_id,phone,labour_capacity",
                    data.households().stream().flatMap(h -> h.members().stream().map(m -> row(h.fileNumber(), m.name(),
                            m.relation(), m.residentId(), m.phone(), m.labourCapacity()))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void csv(Path file, String header, Stream<String> rows) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(header);
            out.write('\n');
            for (String row : (Iterable<String>) rows::iterator) {
                out.write(row);
                out.write('\n');
            }
        }
    }

    private static String row(String... cells) {
        return String.join(",", List.of(cells).stream().map(DemoDataFiles::cell).toList());
    }

    private static String cell(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
