package org.povertyalleviation.bench.training;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Who tries to check in when, over one sitting's window: each of {@code people} arrives once, at a time drawn uniformly
 * over the window (a Poisson process conditioned on that many arrivals), and scans the code the lecturer's screen shows
 * then. Some do more: {@code duplicates} scan a second time later in the window (the second is kept, not counted);
 * {@code fallback} type the six digits instead of scanning; {@code expired} first show a photo of the screen taken
 * before the window opened (refused: token-expired) and then scan the screen. The same seed gives the same plan, so the
 * direct and the gateway phases of a run offer the same arrivals.
 */
record CheckInPlan(List<Attempt> attempts, int people, long windowMillis) {

    /** What the person sends: the token the screen shows, its six digits, or an old photo of the screen. */
    enum Kind {
        QR("QR token, first scan"), QR_AGAIN("QR token, second scan (a duplicate)"), CODE("six-digit code"),
        EXPIRED("old photo of the screen (expired token)"), QR_AFTER_EXPIRED("QR token after the expired one");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** One request: person {@code person} (0-based) sends {@code kind} at {@code atMillis} after the window opens. */
    record Attempt(int person, Kind kind, long atMillis) {
    }

    /**
     * @param expiredFromMillis the earliest moment in the window at which the old photo's token has rotated out (the
     *                          expired attempts come after it, each followed 2 to 5 s later by a scan of the screen)
     */
    static CheckInPlan of(int people, long windowMillis, int duplicates, int fallback, int expired, long expiredFromMillis, long seed) {
        if (duplicates + fallback + expired > people || expiredFromMillis + 5_000 >= windowMillis && expired > 0) {
            throw new IllegalArgumentException("Too many special people for " + people + " people, or no room for the expired tokens");
        }
        SplittableRandom random = new SplittableRandom(seed);
        // Which people do something special: the first ones of a shuffled order.
        int[] order = new int[people];
        for (int i = 0; i < people; i++) {
            order[i] = i;
        }
        for (int i = people - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        Kind[] first = new Kind[people];
        boolean[] twice = new boolean[people];
        for (int k = 0; k < people; k++) {
            int person = order[k];
            if (k < duplicates) {
                first[person] = Kind.QR;
                twice[person] = true;
            } else if (k < duplicates + fallback) {
                first[person] = Kind.CODE;
            } else if (k < duplicates + fallback + expired) {
                first[person] = Kind.EXPIRED;
            } else {
                first[person] = Kind.QR;
            }
        }
        List<Attempt> attempts = new ArrayList<>();
        for (int person = 0; person < people; person++) {
            if (first[person] == Kind.EXPIRED) {
                long at = expiredFromMillis + random.nextLong(windowMillis - 5_000 - expiredFromMillis);
                attempts.add(new Attempt(person, Kind.EXPIRED, at));
                attempts.add(new Attempt(person, Kind.QR_AFTER_EXPIRED, at + 2_000 + random.nextLong(3_000)));
                continue;
            }
            long at = random.nextLong(windowMillis);
            attempts.add(new Attempt(person, first[person], at));
            if (twice[person]) {
                attempts.add(new Attempt(person, Kind.QR_AGAIN, at + random.nextLong(Math.max(1, windowMillis - at))));
            }
        }
        attempts.sort(Comparator.comparingLong(Attempt::atMillis).thenComparingInt(Attempt::person));
        return new CheckInPlan(List.copyOf(attempts), people, windowMillis);
    }

    /** The most attempts due within any one second of the window (a sliding second): the burst a rate limit must allow. */
    int busiestSecond() {
        int most = 0;
        int from = 0;
        for (int to = 0; to < attempts.size(); to++) {
            while (attempts.get(to).atMillis() - attempts.get(from).atMillis() >= 1_000) {
                from++;
            }
            most = Math.max(most, to - from + 1);
        }
        return most;
    }

    long count(Kind kind) {
        return attempts.stream().filter(attempt -> attempt.kind() == kind).count();
    }
}
