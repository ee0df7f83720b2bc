package dev.interdict.screening.names;

import java.util.ArrayList;
import java.util.Arrays;
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

    /** Per-thread accumulators, indexed by name id: no map and no allocation per query. */
    private static final class Scratch {
        double[] weight = new double[1024];
        /** per id: where in touched/byId it is (valid while its weight is not 0) */
        int[] slot = new int[1024];
        int[] touched = new int[256];
        ListedName[] byId = new ListedName[256];
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
        boolean[] listWeak = new boolean[keys.size()];
        int found = 0;
        int rare = 0;
        boolean distinctive = false;
        for (String w : q.words) {
            distinctive |= !TokenStats.COMMON.contains(w);
        }
        for (int i = 0; i < keys.size(); i++) {
            NamePostings.Posting p = postings.get(keys.get(i));
            if (p != null) {
                listWeak[found] = weak[i];
                lists[found++] = p;
                if (p.size() <= COMMON_POSTING) {
                    rare++;
                }
            }
        }
        if (found == 0) {
            return List.of();
        }
        // the postings that may bring new names, rarest (heaviest) first; then those that only weigh the names met: a
        // common key, or the key of a common word in a name that has a distinctive word (reading them in full would
        // cost the length of postings that grow with the list; ignoring them would leave names that share a rare key
        // tied, however much more of the query they share)
        boolean[] opens = new boolean[found];
        int rareStrong = 0; // rare keys that are not a common word's
        int strong = 0;
        for (int i = 0; i < found; i++) {
            if (!(distinctive && listWeak[i])) {
                strong++;
                rareStrong += lists[i].size() <= COMMON_POSTING ? 1 : 0;
            }
        }
        for (int i = 0; i < found; i++) {
            boolean rareKey = lists[i].size() <= COMMON_POSTING;
            opens[i] = strong == 0 ? rare == 0 || rareKey // only a common word's keys: as if none were weak
                    : !(distinctive && listWeak[i]) && (rareStrong == 0 || rareKey);
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
        double[] rest = new double[used + 1];
        for (int i = used - 1; i >= 0; i--) {
            rest[i] = rest[i + 1] + weight(total, lists[i]);
        }
        Scratch sc = scratch.get();
        int touchedCount = 0;
        double best = 0;
        for (int i = 0; i < used; i++) {
            if (i >= opening && touchedCount <= MAX_CANDIDATES / 2) {
                break; // no more names can be met and so few are all kept whatever their weights (floor 0, no cut)
            }
            NamePostings.Posting p = lists[i];
            double w = weight(total, p);
            int[] ids = p.ids();
            int n = p.size();
            if (i >= opening || (touchedCount > MAX_CANDIDATES / 2 && rest[i] * (1 + 1e-9) < best * MIN_SHARE)) {
                // a weighing key; or a name first met here could gather at most rest[i], under the floor that more than
                // MAX/2 touched names impose (best only grows): only the names already met gain this key's weight
                if (n > 8 * touchedCount) {
                    for (int t = 0; t < touchedCount; t++) {
                        int id = sc.touched[t];
                        int k = Arrays.binarySearch(ids, 0, n, id);
                        if (k >= 0 && p.name(k) == sc.byId[t]) {
                            sc.weight[id] += w;
                            best = Math.max(best, sc.weight[id]);
                        }
                    }
                } else {
                    for (int k = 0; k < n; k++) {
                        int id = ids[k];
                        if (id < sc.weight.length && sc.weight[id] != 0 && sc.byId[sc.slot[id]] == p.name(k)) {
                            sc.weight[id] += w;
                            best = Math.max(best, sc.weight[id]);
                        }
                    }
                }
                continue;
            }
            for (int k = 0; k < n; k++) {
                int id = ids[k];
                if (id >= sc.weight.length) {
                    int length = Math.max(id + 1, sc.weight.length * 2);
                    sc.weight = Arrays.copyOf(sc.weight, length);
                    sc.slot = Arrays.copyOf(sc.slot, length);
                }
                if (sc.weight[id] == 0) {
                    if (touchedCount == sc.touched.length) {
                        sc.touched = Arrays.copyOf(sc.touched, touchedCount * 2);
                        sc.byId = Arrays.copyOf(sc.byId, touchedCount * 2);
                    }
                    sc.touched[touchedCount] = id;
                    sc.byId[touchedCount] = p.name(k);
                    sc.slot[id] = touchedCount;
                    touchedCount++;
                } else if (sc.byId[sc.slot[id]] != p.name(k)) {
                    continue; // the id of a name removed while this query read, given to a new one: not mixed
                }
                sc.weight[id] += w;
                best = Math.max(best, sc.weight[id]);
            }
        }
        double floor = touchedCount <= MAX_CANDIDATES / 2 ? 0 : best * MIN_SHARE;
        int kept = 0;
        for (int t = 0; t < touchedCount; t++) {
            kept += sc.weight[sc.touched[t]] >= floor ? 1 : 0;
        }
        List<ListedName> out = new ArrayList<>(Math.min(kept, MAX_CANDIDATES));
        if (kept <= MAX_CANDIDATES) {
            for (int t = 0; t < touchedCount; t++) {
                if (sc.weight[sc.touched[t]] >= floor) {
                    out.add(sc.byId[t]);
                }
            }
        } else {
            // the MAX_CANDIDATES heaviest; at the cut, ties go by content (never by load order, so that every
            // instance keeps the same candidates): only the tied names are compared
            double[] sorted = new double[kept];
            int s = 0;
            for (int t = 0; t < touchedCount; t++) {
                double wt = sc.weight[sc.touched[t]];
                if (wt >= floor) {
                    sorted[s++] = wt;
                }
            }
            Arrays.sort(sorted);
            double cut = sorted[kept - MAX_CANDIDATES];
            int room = MAX_CANDIDATES;
            for (int t = 0; t < touchedCount; t++) {
                if (sc.weight[sc.touched[t]] > cut) {
                    out.add(sc.byId[t]);
                    room--;
                }
            }
            // the names tied at the cut: the room first by content alone, a sorted insertion into at most 32
            ListedName[] first = new ListedName[room];
            int filled = 0;
            for (int t = 0; t < touchedCount; t++) {
                if (sc.weight[sc.touched[t]] != cut) {
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
            out.addAll(java.util.Arrays.asList(first).subList(0, filled));
        }
        for (int t = 0; t < touchedCount; t++) {
            sc.weight[sc.touched[t]] = 0;
            sc.byId[t] = null;
        }
        return out;
    }

    private static double weight(int totalKeys, NamePostings.Posting p) {
        return Math.log(1.0 + (double) totalKeys / p.size());
    }

    private static final java.util.Comparator<NamePostings.Posting> BY_SIZE =
            java.util.Comparator.comparingInt(NamePostings.Posting::size);

    /** The order of names tied at the cut, by content alone (never by load order: every instance keeps the same). */
    private static final java.util.Comparator<ListedName> BY_CONTENT = (a, b) -> {
        int c = Long.compare(a.order(), b.order());
        if (c == 0) {
            c = a.entityId().compareTo(b.entityId());
        }
        return c != 0 ? c : a.name().compareTo(b.name());
    };
}
