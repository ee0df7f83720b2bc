package dev.interdict.screening.names;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The posting store of blocking: for each {@link BlockingKeys blocking key}, the listed names filed under it.
 *
 * <p>One writer, many readers. A posting is an immutable view (arrays and a length) published through a concurrent
 * map. Adding to a key writes past the end of the arrays the current view uses and publishes a longer view of the
 * same arrays, so a reader never sees a change and a common key costs amortised constant time per name (a posting
 * copied on every add was quadratic in the names sharing a key: minutes for a list of a million names). Arrays grow
 * by half when full; removing an entity's names copies the postings it was in.
 */
final class NamePostings {
    /**
     * The names filed under one key: their ids in a flat array, ascending (a query adds weights by id, and reading an
     * id from a ListedName costs a cache miss per entry of a long posting) and the names in the same order; only the
     * first {@code size} entries belong to this view.
     */
    record Posting(int[] ids, ListedName[] names, int size) {
        int id(int k) {
            return ids[k];
        }

        ListedName name(int k) {
            return names[k];
        }
    }

    private final Map<String, Posting> postings = new ConcurrentHashMap<>();

    Posting get(String key) {
        return postings.get(key);
    }

    /** Number of distinct keys. */
    int keyCount() {
        return postings.size();
    }

    /** Files names under their keys; each key's posting is extended once, whatever the number of names added to it. */
    void add(Collection<ListedName> names) {
        Map<String, List<ListedName>> byKey = new LinkedHashMap<>();
        for (ListedName l : names) {
            for (String key : BlockingKeys.keys(l.prepared())) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(l);
            }
        }
        byKey.forEach((key, list) -> postings.put(key, append(postings.get(key), list)));
    }

    /** Removes names (all of one entity) from every key they were filed under; a key left empty is dropped. */
    void remove(String entityId, Collection<ListedName> names) {
        Set<String> keys = new HashSet<>();
        for (ListedName l : names) {
            keys.addAll(BlockingKeys.keys(l.prepared()));
        }
        for (String key : keys) {
            postings.computeIfPresent(key, (k, posting) -> withoutEntity(posting, entityId));
        }
    }

    /**
     * The posting with names added, its ids kept in ascending order (a query looks a name up in a long posting by
     * binary search). New names mostly have ids above all others: they are written past the end of the shared arrays.
     * A reused id that falls inside goes into new arrays, so a reader of the old view never sees the change.
     */
    static Posting append(Posting p, List<ListedName> added) {
        int size = p == null ? 0 : p.size();
        int needed = size + added.size();
        List<ListedName> sortedAdded = added;
        for (int k = 1; k < added.size(); k++) {
            if (added.get(k).id() < added.get(k - 1).id()) {
                sortedAdded = new ArrayList<>(added);
                sortedAdded.sort(java.util.Comparator.comparingInt(ListedName::id));
                break;
            }
        }
        if (size > 0 && sortedAdded.get(0).id() < p.id(size - 1)) {
            return merged(p, sortedAdded);
        }
        int[] ids;
        ListedName[] names;
        if (p != null && needed <= p.ids().length) {
            ids = p.ids(); // readers of p never look past p.size()
            names = p.names();
        } else {
            int capacity = Math.max(needed, size + (size >> 1));
            ids = p == null ? new int[capacity] : Arrays.copyOf(p.ids(), capacity);
            names = p == null ? new ListedName[capacity] : Arrays.copyOf(p.names(), capacity);
        }
        for (int k = 0; k < sortedAdded.size(); k++) {
            ListedName l = sortedAdded.get(k);
            ids[size + k] = l.id();
            names[size + k] = l;
        }
        return new Posting(ids, names, needed);
    }

    private static Posting merged(Posting p, List<ListedName> added) {
        int size = p.size();
        int needed = size + added.size();
        int capacity = Math.max(needed, size + (size >> 1));
        int[] ids = new int[capacity];
        ListedName[] names = new ListedName[capacity];
        int a = 0;
        int b = 0;
        for (int k = 0; k < needed; k++) {
            if (b == added.size() || (a < size && p.id(a) < added.get(b).id())) {
                ids[k] = p.id(a);
                names[k] = p.name(a++);
            } else {
                ListedName l = added.get(b++);
                ids[k] = l.id();
                names[k] = l;
            }
        }
        return new Posting(ids, names, needed);
    }

    /** The posting without the names of one entity; null when no other name is left. */
    static Posting withoutEntity(Posting p, String entityId) {
        int kept = 0;
        for (int k = 0; k < p.size(); k++) {
            kept += p.name(k).entityId().equals(entityId) ? 0 : 1;
        }
        if (kept == p.size()) {
            return p;
        }
        if (kept == 0) {
            return null;
        }
        int[] ids = new int[kept];
        ListedName[] names = new ListedName[kept];
        int n = 0;
        for (int k = 0; k < p.size(); k++) {
            if (!p.name(k).entityId().equals(entityId)) {
                ids[n] = p.id(k);
                names[n++] = p.name(k);
            }
        }
        return new Posting(ids, names, kept);
    }
}
