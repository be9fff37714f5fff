package org.povertyalleviation.platform.domain;

/**
 * An amount of money in fen (1 yuan = 100 fen): integers only, never floating point. Arithmetic overflows throw
 * rather than wrap. Rounding rule: divisions round down ({@link #perCapita}); a split that must add up to the whole
 * gives the remainder to its parts explicitly (see each service's splitting rule).
 */
public record Fen(long value) implements Comparable<Fen> {

    public static final Fen ZERO = new Fen(0);

    public static Fen of(long fen) {
        return new Fen(fen);
    }

    public static Fen ofYuan(long yuan) {
        return new Fen(Math.multiplyExact(yuan, 100));
    }

    public Fen plus(Fen other) {
        return new Fen(Math.addExact(value, other.value));
    }

    public Fen minus(Fen other) {
        return new Fen(Math.subtractExact(value, other.value));
    }

    public Fen times(long factor) {
        return new Fen(Math.multiplyExact(value, factor));
    }

    public boolean isNegative() {
        return value < 0;
    }

    /** Divided among {@code people}, rounded down: a per-capita figure never overstates income. */
    public Fen perCapita(int people) {
        if (people < 1) {
            throw new IllegalArgumentException("per capita of " + people + " people");
        }
        return new Fen(Math.floorDiv(value, people));
    }

    /** As {@link #perCapita}, for summaries: a village or county without members shows 0 rather than failing. */
    public Fen perCapitaOrZero(long people) {
        return people == 0 ? ZERO : new Fen(Math.floorDiv(value, people));
    }

    @Override
    public int compareTo(Fen other) {
        return Long.compare(value, other.value);
    }

    /** Yuan with two decimals, e.g. {@code 4,218.50 yuan}, for messages. */
    @Override
    public String toString() {
        String sign = value < 0 ? "-" : "";
        long magnitude = Math.abs(value);
        return String.format("%s%,d.%02d yuan", sign, magnitude / 100, magnitude % 100);
    }
}
