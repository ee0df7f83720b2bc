package dev.interdict.lists;

import dev.interdict.screening.Restriction;
import dev.interdict.screening.RestrictedEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a daily list refresh must publish: the entries of the new file compared, entity by entity, with what the list
 * topic holds. Only entries that are new or changed are published; an entity that left the source is <b>ended, not
 * deleted</b>: each of its restrictions still in force at {@code delistedAt} gets {@code effectiveUntil =
 * delistedAt}, so replays of events before the delisting keep their answers. An entity already ended is left alone,
 * so a second sync of the same file publishes nothing. Pure: no Kafka.
 */
public final class ListSync {
    private ListSync() {
    }

    /**
     * @param added     in the file, not on the topic (or not readable there)
     * @param changed   on the topic, different in the file
     * @param ended     on the topic, gone from the file: the ending to publish
     * @param unchanged ids equal on both sides, or already ended
     * @param unendable gone from the file, but every restriction starts at or after the delisting: left as it is
     */
    public record Plan(List<RestrictedEntity> added, List<RestrictedEntity> changed, List<RestrictedEntity> ended,
                       List<String> unchanged, List<String> unendable) {
        /** Everything to publish, in the order: added, changed, ended. */
        public List<RestrictedEntity> toPublish() {
            List<RestrictedEntity> all = new ArrayList<>(added.size() + changed.size() + ended.size());
            all.addAll(added);
            all.addAll(changed);
            all.addAll(ended);
            return all;
        }

        /** {@code added 1, changed 0, ended 2, unchanged 14966} with up to {@code ids} ids of each kind. */
        public String summary(int ids) {
            return "added " + added.size() + ids(added, ids) + ", changed " + changed.size() + ids(changed, ids)
                    + ", ended " + ended.size() + ids(ended, ids) + ", unchanged " + unchanged.size()
                    + (unendable.isEmpty() ? "" : ", not endable (every restriction starts after the delisting) "
                    + unendable.size() + " " + unendable.subList(0, Math.min(ids, unendable.size())));
        }

        private static String ids(List<RestrictedEntity> es, int max) {
            if (es.isEmpty() || max <= 0) {
                return "";
            }
            List<String> shown = es.stream().limit(max).map(RestrictedEntity::entityId).toList();
            return " " + shown + (es.size() > max ? " and " + (es.size() - max) + " more" : "");
        }
    }

    /**
     * @param onTopic    what the list topic holds now, by entityId (tombstoned entries absent)
     * @param file       the new list
     * @param delistedAt the instant an entity that left the source stops being restricted
     */
    public static Plan plan(Map<String, RestrictedEntity> onTopic, List<RestrictedEntity> file, Instant delistedAt) {
        List<RestrictedEntity> added = new ArrayList<>();
        List<RestrictedEntity> changed = new ArrayList<>();
        List<RestrictedEntity> ended = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> unendable = new ArrayList<>();
        Map<String, RestrictedEntity> inFile = new LinkedHashMap<>();
        for (RestrictedEntity e : file) {
            inFile.put(e.entityId(), e);
            RestrictedEntity held = onTopic.get(e.entityId());
            if (held == null) {
                added.add(e);
            } else if (held.equals(e)) {
                unchanged.add(e.entityId());
            } else {
                changed.add(e);
            }
        }
        for (RestrictedEntity held : new TreeMap<>(onTopic).values()) {
            if (inFile.containsKey(held.entityId())) {
                continue;
            }
            List<Restriction> rs = endedAt(held.restrictions(), delistedAt);
            if (rs == null) {
                unendable.add(held.entityId());
            } else if (rs.equals(held.restrictions())) {
                unchanged.add(held.entityId()); // ended already (a second sync)
            } else {
                ended.add(new RestrictedEntity(held.entityId(), held.name(), held.aliases(), held.brands(),
                        held.country(), held.source(), held.citation(), rs));
            }
        }
        return new Plan(added, changed, ended, unchanged, unendable);
    }

    /**
     * The restrictions with those in force at {@code at} or later ended at {@code at}: a restriction ended before
     * keeps its end; one that starts at or after {@code at} never comes into force and is dropped. Null if none is
     * left (an entity must keep a restriction).
     */
    static List<Restriction> endedAt(List<Restriction> restrictions, Instant at) {
        List<Restriction> out = new ArrayList<>(restrictions.size());
        for (Restriction r : restrictions) {
            if (r.effectiveUntil() != null && !r.effectiveUntil().isAfter(at)) {
                out.add(r);
            } else if (r.effectiveFrom().isBefore(at)) {
                out.add(new Restriction(r.activity(), r.effectiveFrom(), at));
            }
        }
        return out.isEmpty() ? null : out;
    }
}
