package org.povertyalleviation.crowdfunding.project.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The split of a project's proceeds among its households. The rounding rule (largest remainder): each household gets
 * its basis points × the proceeds / 10,000 rounded down to the fen; the fen left over (fewer than the households) go one
 * each to the largest remainders, ties to the household whose id comes first as text. The parts add up to the proceeds exactly, and no
 * household gets a fen more than its share rounded up.
 */
public final class Proceeds {

    private Proceeds() {
    }

    public static Map<UUID, Long> split(long proceedsFen, List<Share> shares) {
        if (proceedsFen < 0) {
            throw new IllegalArgumentException("proceeds of " + proceedsFen + " fen");
        }
        if (shares.stream().mapToLong(Share::basisPoints).sum() != Share.WHOLE) {
            throw new IllegalArgumentException("shares that do not add up to " + Share.WHOLE);
        }
        record Part(UUID household, long floor, long remainder) {
        }
        List<Part> parts = new ArrayList<>();
        long given = 0;
        for (Share share : shares) {
            long exact = Math.multiplyExact(proceedsFen, (long) share.basisPoints());
            parts.add(new Part(share.household(), exact / Share.WHOLE, exact % Share.WHOLE));
            given += exact / Share.WHOLE;
        }
        long left = proceedsFen - given;
        List<Part> byRemainder = new ArrayList<>(parts);
        byRemainder.sort(Comparator.comparingLong(Part::remainder).reversed().thenComparing(part -> part.household().toString()));
        Map<UUID, Long> extra = new LinkedHashMap<>();
        for (int i = 0; i < left; i++) {
            extra.put(byRemainder.get(i).household(), 1L);
        }
        Map<UUID, Long> split = new LinkedHashMap<>();
        for (Part part : parts) {
            split.put(part.household(), part.floor() + extra.getOrDefault(part.household(), 0L));
        }
        return split;
    }
}
