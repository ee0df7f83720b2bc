package dev.interdict.topology.retro;

import dev.interdict.screening.NameField;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The distinct screened texts of one task, each with a small id, by the role it is matched in: ranges keep the ids,
 * not the texts ({@link RangeTextIds}). Kept in the changelogged {@link RetroScreening#TEXTS_STORE texts store} (id →
 * role and text), written once per new text and deleted when no live range holds it any more; held in memory too,
 * where each text also knows the closed ranges that hold it (rebuilt from the ranges at start), so that a job probes
 * each distinct text of the lookback once and visits only the ranges that hold a text that may match.
 *
 * <p>Interning a text on the stream thread is one hash lookup (and, for a new text, one store write).
 */
final class TextDictionary {
    private static final NameField.Role[] ROLES = NameField.Role.values();
    private static final int LONG_FLAG = 0x80;

    /** One distinct text (or, {@code text == null}, "any text longer than {@link ScreenedRange#MAX_TEXT}"). */
    static final class Text {
        final int id;
        final NameField.Role role;
        final String text;
        /** Keys of the closed ranges that hold it, ascending. */
        long[] ranges = EMPTY;
        int rangeCount;
        /** The key of the open range whose positions {@link #open} collects (a stale key = none collected). */
        long openRange = -1;
        RangeTextIds.Positions open;
        /** The job that probed it last, and what the probe said. */
        int probedBy;
        boolean mayMatch;

        Text(int id, NameField.Role role, String text) {
            this.id = id;
            this.role = role;
            this.text = text;
        }

        void addRange(long key) {
            if (rangeCount > 0 && ranges[rangeCount - 1] >= key) {
                if (ranges[rangeCount - 1] == key) {
                    return;
                }
                // out of order (a range rewritten after it was read back whole): insert in place
                int at = Arrays.binarySearch(ranges, 0, rangeCount, key);
                if (at >= 0) {
                    return;
                }
                at = -at - 1;
                grow();
                System.arraycopy(ranges, at, ranges, at + 1, rangeCount - at);
                ranges[at] = key;
                rangeCount++;
                return;
            }
            grow();
            ranges[rangeCount++] = key;
        }

        private void grow() {
            if (rangeCount == ranges.length) {
                ranges = Arrays.copyOf(ranges, Math.max(4, rangeCount * 2));
            }
        }

        /** Forgets the ranges below {@code key} (deleted). */
        void dropRangesBelow(long key) {
            int from = 0;
            while (from < rangeCount && ranges[from] < key) {
                from++;
            }
            if (from > 0) {
                System.arraycopy(ranges, from, ranges, 0, rangeCount - from);
                rangeCount -= from;
            }
        }

        @Override
        public String toString() {
            return role + ":" + (text == null ? "<long text>" : text) + "#" + id;
        }
    }

    private static final long[] EMPTY = new long[0];

    @SuppressWarnings("unchecked")
    private final Map<String, Text>[] byRole = new Map[ROLES.length];
    private final Text[] longTexts = new Text[ROLES.length];
    private final Map<Integer, Text> byId = new HashMap<>();
    private KeyValueStore<Integer, byte[]> store;
    private int nextId;

    TextDictionary() {
        for (int i = 0; i < byRole.length; i++) {
            byRole[i] = new HashMap<>();
        }
    }

    /** Loads the texts kept (after a restart, rebalance or restore: the store is the changelog's copy). */
    void load(KeyValueStore<Integer, byte[]> store) {
        this.store = store;
        try (KeyValueIterator<Integer, byte[]> it = store.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                Text t = decode(kv.key, kv.value);
                index(t);
                nextId = Math.max(nextId, kv.key + 1);
            }
        }
    }

    private void index(Text t) {
        byId.put(t.id, t);
        if (t.text == null) {
            longTexts[t.role.ordinal()] = t;
        } else {
            byRole[t.role.ordinal()].put(t.text, t);
        }
    }

    /** The text's entry, made (and written to the store) if it is new. */
    Text intern(NameField.Role role, String value) {
        if (value.length() > ScreenedRange.MAX_TEXT) {
            return longText(role);
        }
        Text t = byRole[role.ordinal()].get(value);
        return t != null ? t : add(role, value);
    }

    /** The entry that stands for every text longer than {@link ScreenedRange#MAX_TEXT} in this role. */
    Text longText(NameField.Role role) {
        Text t = longTexts[role.ordinal()];
        return t != null ? t : add(role, null);
    }

    private Text add(NameField.Role role, String value) {
        if (nextId == Integer.MAX_VALUE) {
            throw new IllegalStateException("retro-screening text ids exhausted");
        }
        Text t = new Text(nextId++, role, value);
        index(t);
        store.put(t.id, encode(t));
        return t;
    }

    /** The text of this id, or null if unknown. */
    Text byId(int id) {
        return byId.get(id);
    }

    Collection<Text> all() {
        return byId.values();
    }

    /** The texts as they are now (a job probes them; the order does not matter: the answers do). */
    List<Text> snapshot() {
        return new ArrayList<>(byId.values());
    }

    int size() {
        return byId.size();
    }

    /** Deletes (from memory and the store) the texts {@code dead} says no live range holds; returns how many. */
    int expire(Predicate<Text> dead) {
        List<Text> gone = new ArrayList<>();
        for (Text t : byId.values()) {
            if (dead.test(t)) {
                gone.add(t);
            }
        }
        for (Text t : gone) {
            byId.remove(t.id);
            if (t.text == null) {
                longTexts[t.role.ordinal()] = null;
            } else {
                byRole[t.role.ordinal()].remove(t.text);
            }
            store.delete(t.id);
        }
        return gone.size();
    }

    static byte[] encode(Text t) {
        if (t.text == null) {
            return new byte[] {(byte) (t.role.ordinal() | LONG_FLAG)};
        }
        byte[] s = t.text.getBytes(StandardCharsets.UTF_8);
        byte[] v = new byte[s.length + 1];
        v[0] = (byte) t.role.ordinal();
        System.arraycopy(s, 0, v, 1, s.length);
        return v;
    }

    static Text decode(int id, byte[] v) {
        int role = v[0] & 0xFF;
        if ((role & LONG_FLAG) != 0) {
            return new Text(id, ROLES[role & ~LONG_FLAG], null);
        }
        return new Text(id, ROLES[role], new String(v, 1, v.length - 1, StandardCharsets.UTF_8));
    }
}
