package org.povertyalleviation.householdregistry.income.domain;

import org.povertyalleviation.platform.domain.Fen;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The poverty line per year: per-capita yearly income in fen (the national line was 2,300 yuan at 2010 prices,
 * about 4,000 yuan in 2020). Configuration, not code: counties and years differ.
 */
public final class PovertyLines {

    private final NavigableMap<Integer, Fen> byYear;

    public PovertyLines(Map<Integer, Fen> byYear) {
        this.byYear = new TreeMap<>(byYear);
    }

    /** The line of exactly that year: an exit is verified against its own year's line or not at all. */
    public Optional<Fen> of(int year) {
        return Optional.ofNullable(byYear.get(year));
    }

    /** The line of that year or, when it is not configured yet, the latest earlier one (for early warning). */
    public Optional<Fen> latestUpTo(int year) {
        return Optional.ofNullable(byYear.floorEntry(year)).map(Map.Entry::getValue);
    }
}
