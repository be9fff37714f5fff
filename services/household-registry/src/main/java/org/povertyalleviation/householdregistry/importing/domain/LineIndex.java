package org.povertyalleviation.householdregistry.importing.domain;

/**
 * The first line each key was seen on, for a whole file: 12 bytes a key in two arrays instead of about 100 in a
 * HashMap of boxed keys and a String each, so that a file at the row bound (a million households) costs tens of MB,
 * not a few hundred. Open addressing with linear probing; removal shifts the run back, so no tombstones pile up.
 */
final class LineIndex {

    private static final int FREE = 0;

    private long[] keys = new long[1 << 10];
    private int[] lines = new int[1 << 10];
    private int size;

    /** The line recorded for the key, or 0 (lines start at 1). */
    int get(long key) {
        int slot = find(key);
        return lines[slot];
    }

    /** Records the line unless the key has one; the earlier line, or 0 when there was none. */
    int putIfAbsent(long key, int line) {
        int slot = find(key);
        if (lines[slot] != FREE) {
            return lines[slot];
        }
        keys[slot] = key;
        lines[slot] = line;
        if (++size * 2 > keys.length) {
            grow();
        }
        return 0;
    }

    void put(long key, int line) {
        int slot = find(key);
        boolean added = lines[slot] == FREE;
        keys[slot] = key;
        lines[slot] = line;
        if (added && ++size * 2 > keys.length) {
            grow();
        }
    }

    void remove(long key) {
        int slot = find(key);
        if (lines[slot] == FREE) {
            return;
        }
        lines[slot] = FREE;
        size--;
        int mask = keys.length - 1;
        // Move back every entry of the run after the hole that would no longer be found past it.
        for (int next = (slot + 1) & mask; lines[next] != FREE; next = (next + 1) & mask) {
            int home = home(keys[next], mask);
            boolean reachable = slot <= next ? (home <= slot || home > next) : (home <= slot && home > next);
            if (reachable) {
                keys[slot] = keys[next];
                lines[slot] = lines[next];
                lines[next] = FREE;
                slot = next;
            }
        }
    }

    private int find(long key) {
        int mask = keys.length - 1;
        int slot = home(key, mask);
        while (lines[slot] != FREE && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static int home(long key, int mask) {
        long mixed = key * 0x9E3779B97F4A7C15L;
        return (int) (mixed ^ (mixed >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldLines = lines;
        keys = new long[oldKeys.length * 2];
        lines = new int[oldLines.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldLines[i] != FREE) {
                int slot = find(oldKeys[i]);
                keys[slot] = oldKeys[i];
                lines[slot] = oldLines[i];
            }
        }
    }

    int size() {
        return size;
    }

    /** A 64-bit key for a text (two independent 32-bit hashes); two file numbers sharing one is about 1 in 10^7 at a million. */
    static long key(String text) {
        long second = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            second = (second ^ text.charAt(i)) * 0x100000001b3L;
        }
        return ((long) text.hashCode() << 32) | ((second ^ (second >>> 32)) & 0xffffffffL);
    }
}
