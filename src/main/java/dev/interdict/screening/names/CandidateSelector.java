package dev.interdict.screening.names;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Candidate selection: from the postings of a query's {@link BlockingKeys blocking keys}, the few listed names worth
 * scoring in full. Each shared key adds its rarity (log of key count over posting size) to a candidate. New names are
 * met only through keys shared by at most {@value #COMMON_POSTING} names (all keys when none is that rare), and not
 * through the keys of a common word in a name that has a distinctive word (unless the query has no other key found:
 * at a million names a distinctive word's keys alone may all be common); those other keys only add their weight
 * to the names met, so that among the names that share a query's rare key the ones that share more of it come first
 * (at a million names most 4-letter prefixes are common keys: ignoring them left a name that shares every key of a
 * query tied with a hundred that share one). Only candidates holding at least {@value #MIN_SHARE} of the best
 * candidate's weight, at most {@value #MAX_CANDIDATES} of them, are returned. So the number of names scored depends
 * on how many listed names resemble a query, not on the size of the list.
 *
 * <p>New names are met in at most {@value #OPEN_BUDGET} posting entries (the rarest key is always read in full).
 *
 * <p>Postings are read rarest first. Once more than {@value #MAX_CANDIDATES}/2 names are met and the keys still to
 * read weigh less together than {@value #MIN_SHARE} of the best weight so far, a name first met in them could not
 * reach the floor, so those postings too only add weight to the names already met. A long posting is read by binary
 * search for the names met (ids ascend), so its length, which grows with the list, does not count.
 *
 * <p>Ids of removed names are given to new names. A query that reads postings while the list changes may meet one id
 * for two names (the removed one in a posting read before the change, the new one after); it counts only the first,
 * as if it had read the index before or after the change, never the weights of both for one.
 */
final class CandidateSelector {
    static final int COMMON_POSTING = 200;
    static final double MIN_SHARE = 0.5;
    static final int MAX_CANDIDATES = 32;
    /**
     * Posting entries a query reads to meet new names: after the first (rarest) key, a key that would pass this only
     * weighs the names met. It bounds the cost of a query whose keys are all common (a large list): at a million names
     * the p99 went from 2.0 to 0.8 ms, and no planted name was lost (the bench's count).
     */
    static final int OPEN_BUDGET = 4096;

    /**
     * Per-thread accumulators: the names met, in the order met, with their weights side by side, and an open-addressing
     * table from name id to that order. No map and no allocation per query, and, unlike arrays indexed by id (sized by
     * the highest id: 8 MB of weights at a million names), only a few kilobytes touched by a query.
     */
    private static final class Scratch {
        int[] table = new int[1024]; // 1 + the order of the name met with this id; 0 empty
        int[] at = new int[256]; // per name met: its place in the table
        int[] touched = new int[256]; // per name met: its id
        ListedName[] byId = new ListedName[256];
        double[] weight = new double[256];
        int count;

        /** The order of the name met with this id, or -1. */
        int find(int id) {
            int mask = table.length - 1;
            for (int h = mix(id) & mask; ; h = (h + 1) & mask) {
                int e = table[h];
                if (e == 0) {
                    return -1;
                }
                if (touched[e - 1] == id) {
                    return e - 1;
                }
            }
        }

        /** Adds a name not met before; returns its order. */
        int add(int id, ListedName name) {
            if (count == touched.length) {
                int length = count * 2;
                at = Arrays.copyOf(at, length);
                touched = Arrays.copyOf(touched, length);
                byId = Arrays.copyOf(byId, length);
                weight = Arrays.copyOf(weight, length);
            }
            if (2 * (count + 1) > table.length) {
                table = new int[table.length * 2];
                for (int t = 0; t < count; t++) {
                    place(t);
                }
            }
            touched[count] = id;
            byId[count] = name;
            weight[count] = 0;
            place(count);
            return count++;
        }

        private void place(int t) {
            int mask = table.length - 1;
            int h = mix(touched[t]) & mask;
            while (table[h] != 0) {
                h = (h + 1) & mask;
            }
            table[h] = t + 1;
            at[t] = h;
        }

        void clear() {
            for (int t = 0; t < count; t++) {
                table[at[t]] = 0;
                byId[t] = null;
            }
            count = 0;
        }

        private static int mix(int id) {
            return id * 0x9E3779B9 >>> 7;
        }
    }

    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    private final NamePostings postings;

    CandidateSelector(NamePostings postings) {
        this.postings = postings;
    }

    List<ListedName> candidates(PreparedName q) {
        List<String> keys = BlockingKeys.keys(q);
        boolean[] weak = BlockingKeys.weakKeys(q, keys);
        int total = Math.max(postings.keyCount(), 1);
        NamePostings.Posting[] lists = new NamePostings.Posting[keys.size()];
        boolean distinctive = false;
        for (String w : q.words) {
            distinctive |= !TokenStats.COMMON.contains(w);
        }
        // per key found: weak here (a common word's key in a name that has a distinctive word) and rare
        boolean[] weakHere = new boolean[keys.size()];
        int found = 0;
        int rare = 0;
        int strong = 0;
        int rareStrong = 0;
        for (int i = 0; i < keys.size(); i++) {
            NamePostings.Posting p = postings.get(keys.get(i));
            if (p != null) {
                boolean rareKey = p.size() <= COMMON_POSTING;
                weakHere[found] = distinctive && weak[i];
                lists[found++] = p;
                rare += rareKey ? 1 : 0;
                if (!(distinctive && weak[i])) {
                    strong++;
                    rareStrong += rareKey ? 1 : 0;
                }
            }
        }
        if (found == 0) {
            return List.of();
        }
        // the postings that may bring new names, rarest (heaviest) first; then those that only weigh the names met: a
        // common key, or a weak key (reading them in full would cost the length of postings that grow with the list;
        // ignoring them would leave names that share a rare key tied, however much more of the query they share)
        boolean[] opens = new boolean[found];
        for (int i = 0; i < found; i++) {
            boolean rareKey = lists[i].size() <= COMMON_POSTING;
            opens[i] = strong == 0 ? rare == 0 || rareKey // only weak keys found: as if none were weak
                    : !weakHere[i] && (rareStrong == 0 || rareKey);
        }
        NamePostings.Posting[] ordered = new NamePostings.Posting[found];
        int opening = 0;
        for (int i = 0; i < found; i++) {
            if (opens[i]) {
                ordered[opening++] = lists[i];
            }
        }
        int used = opening;
        for (int i = 0; i < found; i++) {
            if (!opens[i]) {
                ordered[used++] = lists[i];
            }
        }
        lists = ordered;
        Arrays.sort(lists, 0, opening, BY_SIZE);
        Arrays.sort(lists, opening, used, BY_SIZE);
        double[] weights = new double[used];
        double[] rest = new double[used + 1];
        for (int i = used - 1; i >= 0; i--) {
            weights[i] = Math.log(1.0 + (double) total / lists[i].size());
            rest[i] = rest[i + 1] + weights[i];
        }
        Scratch sc = scratch.get();
        sc.clear(); // empty unless a query on this thread failed half way
        double best = 0;
        int opened = 0;
        for (int i = 0; i < used; i++) {
            if (i >= opening && sc.count <= MAX_CANDIDATES / 2) {
                break; // no more names can be met and so few are all kept whatever their weights (floor 0, no cut)
            }
            NamePostings.Posting p = lists[i];
            double w = weights[i];
            int[] ids = p.ids();
            int n = p.size();
            if (i >= opening || (sc.count > MAX_CANDIDATES / 2 && rest[i] * (1 + 1e-9) < best * MIN_SHARE)
                    || (i > 0 && opened + n > OPEN_BUDGET)) {
                // a weighing key; or a name first met here could gather at most rest[i], under the floor that more than
                // MAX/2 touched names impose (best only grows): only the names already met gain this key's weight
                if (n > 8 * sc.count) {
                    for (int t = 0; t < sc.count; t++) {
                        int k = Arrays.binarySearch(ids, 0, n, sc.touched[t]);
                        if (k >= 0 && p.name(k) == sc.byId[t]) {
                            best = Math.max(best, sc.weight[t] += w);
                        }
                    }
                } else {
                    for (int k = 0; k < n; k++) {
                        int t = sc.find(ids[k]);
                        if (t >= 0 && sc.byId[t] == p.name(k)) {
                            best = Math.max(best, sc.weight[t] += w);
                        }
                    }
                }
                continue;
            }
            opened += n;
            for (int k = 0; k < n; k++) {
                int id = ids[k];
                int t = sc.find(id);
                if (t < 0) {
                    t = sc.add(id, p.name(k));
                } else if (sc.byId[t] != p.name(k)) {
                    continue; // the id of a name removed while this query read, given to a new one: not mixed
                }
                best = Math.max(best, sc.weight[t] += w);
            }
        }
        int touchedCount = sc.count;
        double floor = touchedCount <= MAX_CANDIDATES / 2 ? 0 : best * MIN_SHARE;
        int kept = 0;
        for (int t = 0; t < touchedCount; t++) {
            kept += sc.weight[t] >= floor ? 1 : 0;
        }
        List<ListedName> out = new ArrayList<>(Math.min(kept, MAX_CANDIDATES));
        if (kept <= MAX_CANDIDATES) {
            for (int t = 0; t < touchedCount; t++) {
                if (sc.weight[t] >= floor) {
                    out.add(sc.byId[t]);
                }
            }
        } else {
            // the MAX_CANDIDATES heaviest; at the cut, ties go by content (never by load order, so that every
            // instance keeps the same candidates): only the tied names are compared
            double[] sorted = new double[kept];
            int s = 0;
            for (int t = 0; t < touchedCount; t++) {
                double wt = sc.weight[t];
                if (wt >= floor) {
                    sorted[s++] = wt;
                }
            }
            Arrays.sort(sorted);
            double cut = sorted[kept - MAX_CANDIDATES];
            int room = MAX_CANDIDATES;
            for (int t = 0; t < touchedCount; t++) {
                if (sc.weight[t] > cut) {
                    out.add(sc.byId[t]);
                    room--;
                }
            }
            // the names tied at the cut: the room first by content alone, a sorted insertion into at most 32
            ListedName[] first = new ListedName[room];
            int filled = 0;
            for (int t = 0; t < touchedCount; t++) {
                if (sc.weight[t] != cut) {
                    continue;
                }
                ListedName l = sc.byId[t];
                if (filled == room && BY_CONTENT.compare(l, first[room - 1]) >= 0) {
                    continue;
                }
                int at = filled == room ? room - 1 : filled++;
                while (at > 0 && BY_CONTENT.compare(l, first[at - 1]) < 0) {
                    first[at] = first[at - 1];
                    at--;
                }
                first[at] = l;
            }
            out.addAll(Arrays.asList(first).subList(0, filled));
        }
        sc.clear();
        return out;
    }

    private static final Comparator<NamePostings.Posting> BY_SIZE = Comparator.comparingInt(NamePostings.Posting::size);

    /** The order of names tied at the cut, by content alone (never by load order: every instance keeps the same). */
    private static final Comparator<ListedName> BY_CONTENT = (a, b) -> {
        int c = Long.compare(a.order(), b.order());
        if (c == 0) {
            c = a.entityId().compareTo(b.entityId());
        }
        return c != 0 ? c : a.name().compareTo(b.name());
    };
}
