package org.povertyalleviation.supplyplatform.share.domain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.platform.domain.RuleRefusedException;

/**
 * A declared dividend shared among the shareholding households, each household's stakes added up first.
 * <ul>
 *   <li>By rate (basis points of the stake, e.g. 1,000 = 10 %): each household gets its stake times the rate,
 *       rounded half up to the fen; the total is the sum of those parts.</li>
 *   <li>By amount: the declared amount is shared pro rata to the stakes by the largest-remainder method: each
 *       household first gets its share rounded down to the fen, then the fen still undistributed go one each to the
 *       households with the largest remainders (ties: the larger stake, then the household id), so the parts add
 *       up to the declared amount exactly.</li>
 * </ul>
 */
public final class DividendSplit {

    /** One household's part: its stakes in the organisation and its dividend. */
    public record Part(UUID household, long stakeFen, long amountFen) {
    }

    public static final int MAX_RATE_BASIS_POINTS = 10_000;
    public static final long MAX_DECLARED_FEN = 100_000_000_000L;

    private DividendSplit() {
    }

    /** Each household's stakes added up, in the order the households first appear. */
    public static Map<UUID, Long> stakesByHousehold(List<Map.Entry<UUID, Long>> holdings) {
        Map<UUID, Long> stakes = new LinkedHashMap<>();
        holdings.forEach(holding -> stakes.merge(holding.getKey(), holding.getValue(), Math::addExact));
        return stakes;
    }

    public static List<Part> byRate(Map<UUID, Long> stakes, int rateBasisPoints) {
        if (rateBasisPoints <= 0 || rateBasisPoints > MAX_RATE_BASIS_POINTS) {
            throw RuleRefusedException.violated("invalid-rate", "A dividend rate is above 0 and at most 100 % (10,000 basis points)", "rateBasisPoints");
        }
        requireShareholders(stakes);
        List<Part> parts = new ArrayList<>();
        stakes.forEach((household, stake) -> {
            BigInteger[] quotient = BigInteger.valueOf(stake).multiply(BigInteger.valueOf(rateBasisPoints))
                    .divideAndRemainder(BigInteger.valueOf(10_000));
            long amount = quotient[0].longValueExact() + (quotient[1].longValueExact() * 2 >= 10_000 ? 1 : 0);
            parts.add(new Part(household, stake, amount));
        });
        return parts;
    }

    public static List<Part> byAmount(Map<UUID, Long> stakes, long declaredFen) {
        if (declaredFen <= 0 || declaredFen > MAX_DECLARED_FEN) {
            throw RuleRefusedException.violated("invalid-amount", "A declared dividend is above 0 and at most 1,000,000,000 yuan", "amountFen");
        }
        requireShareholders(stakes);
        BigInteger total = BigInteger.ZERO;
        for (long stake : stakes.values()) {
            total = total.add(BigInteger.valueOf(stake));
        }
        record Share(UUID household, long stake, long floor, BigInteger remainder) {
        }
        List<Share> shares = new ArrayList<>();
        long distributed = 0;
        for (Map.Entry<UUID, Long> entry : stakes.entrySet()) {
            BigInteger[] quotient = BigInteger.valueOf(declaredFen).multiply(BigInteger.valueOf(entry.getValue())).divideAndRemainder(total);
            long floor = quotient[0].longValueExact();
            distributed += floor;
            shares.add(new Share(entry.getKey(), entry.getValue(), floor, quotient[1]));
        }
        long left = declaredFen - distributed;
        List<Share> byRemainder = new ArrayList<>(shares);
        byRemainder.sort(Comparator.comparing(Share::remainder).reversed()
                .thenComparing(Comparator.comparingLong(Share::stake).reversed())
                .thenComparing(Share::household));
        Map<UUID, Long> extra = new LinkedHashMap<>();
        for (int i = 0; i < left; i++) {
            extra.put(byRemainder.get(i).household(), 1L);
        }
        return shares.stream().map(share -> new Part(share.household(), share.stake(), share.floor() + extra.getOrDefault(share.household(), 0L))).toList();
    }

    private static void requireShareholders(Map<UUID, Long> stakes) {
        if (stakes.isEmpty()) {
            throw RuleRefusedException.violated("no-shareholders", "The organisation has no shareholding households to pay a dividend to", "organisation");
        }
    }
}
