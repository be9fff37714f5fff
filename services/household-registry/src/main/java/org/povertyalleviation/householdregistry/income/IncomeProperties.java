package org.povertyalleviation.householdregistry.income;

import java.util.Map;
import java.util.stream.Collectors;

import org.povertyalleviation.platform.domain.Fen;
import org.povertyalleviation.householdregistry.income.domain.PovertyLines;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param povertyLines the poverty line per year in yuan per person and year (e.g. {@code 2020: 4000}); an exit is
 *                     verified against its own year's line, so a new year needs its line before anyone is lifted
 */
@ConfigurationProperties("household-registry.income")
public record IncomeProperties(Map<Integer, Long> povertyLines) {

    public IncomeProperties {
        povertyLines = povertyLines == null ? Map.of() : Map.copyOf(povertyLines);
        povertyLines.forEach((year, yuan) -> {
            if (yuan == null || yuan <= 0) {
                throw new IllegalStateException("household-registry.income.poverty-lines." + year + " must be a positive amount of yuan");
            }
        });
    }

    public PovertyLines lines() {
        return new PovertyLines(povertyLines.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> Fen.ofYuan(e.getValue()))));
    }
}
