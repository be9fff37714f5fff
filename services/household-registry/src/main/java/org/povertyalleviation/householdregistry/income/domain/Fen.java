package org.povertyalleviation.householdregistry.income.domain;

/** An amount of money in fen (1 yuan = 100 fen): integers only, never floating point. */
public record Fen(long value) implements Comparable<Fen> {

    public static final Fen ZERO = new Fen(0);

    public static Fen ofYuan(long yuan) {
        return new Fen(Math.multiplyExact(yuan, 100));
    }

    public Fen plus(Fen other) {
        return new Fen(Math.addExact(value, other.value));
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
        return String.format("%,d.%02d yuan", value / 100, Math.abs(value % 100));
    }
}
