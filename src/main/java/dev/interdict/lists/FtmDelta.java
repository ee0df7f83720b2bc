package dev.interdict.lists;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interdict.contract.JsonContract;
import dev.interdict.contract.JsonLines;
import dev.interdict.contract.Printable;
import dev.interdict.contract.Rejection;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.Restriction;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static dev.interdict.lists.FtmEntities.ID_PREFIX;

/**
 * An OpenSanctions delta file ({@code entities.delta.json}): one change per line, {@code {"op": "ADD"|"MOD"|"DEL",
 * "entity": {...}}}, the entity in full for ADD and MOD (the {@link FtmEntities} rules apply to it) and only its
 * {@code id} for DEL. It is applied to what the list topic holds ({@link #apply}) as upserts and endings, never a
 * tombstone:
 * <ul>
 *   <li><b>ADD / MOD of a party</b>: upserted, with the restrictions of the Sanctions that name it in the same delta.
 *       If the delta has none for it, it keeps the restrictions and citation the topic holds (a change of names or
 *       country); a party the topic does not hold either follows the {@code target} rule of {@link FtmEntities}.</li>
 *   <li><b>ADD / MOD of a Sanction</b> whose party the topic holds: its restriction is <b>added</b> to those held
 *       (with the party's new names if the delta has them). The topic does not record which Sanction gave which
 *       restriction, so a held restriction is never dropped or shortened by a delta: an end date added to a Sanction,
 *       or a Sanction deleted ({@code DEL} of a Sanction id), takes effect on the next full load with {@code --sync}.
 *       This errs toward restricting. A Sanction naming a party neither in the delta nor on the topic (a vessel, an
 *       entity that is not a party) is ignored.</li>
 *   <li><b>DEL of a party</b> the topic holds: an ending, as {@code load-list --sync} ends an entity that left the
 *       file ({@link ListSync#endedAt}): its restrictions in force get {@code effectiveUntil} = the delisting time. A
 *       DEL of an id the topic does not hold (a Sanction, an address, …) is ignored.</li>
 *   <li><b>Rejections</b> with FILE:LINE and field: a bad line, an unknown {@code op}, an {@code id} on two lines of
 *       one delta (all of them), and every rejection of {@link FtmEntities} (a party whose Sanction in the delta was
 *       rejected is rejected too).</li>
 * </ul>
 */
public final class FtmDelta {
    /** The {@code --format} name of a delta file. */
    public static final String FORMAT = "ftm-delta";

    public enum Op { ADD, MOD, DEL }

    /**
     * One line of a delta.
     *
     * @param entity   the entity, null for DEL
     * @param sanction the entity read as a Sanction, when it is one (ADD/MOD)
     */
    record Change(long line, Op op, String id, FtmEntities.Ftm entity, FtmEntities.Sanction sanction) {
        boolean party() {
            return entity != null && entity.party();
        }
    }

    /** A delta read and checked; {@link #apply} turns it into what to publish. */
    public record Delta(String source, List<Change> changes) {
        public Delta {
            changes = List.copyOf(changes);
        }
    }

    /**
     * @param plan    the upserts ({@code added}, {@code changed}), endings ({@code ended}), {@code unchanged} and
     *                {@code unendable}, as a whole-file sync
     * @param ignored ids of the delta that change no restricted entity (a DEL not on the topic, a Sanction of a
     *                non-party, a party with {@code "target": false})
     */
    public record Applied(ListSync.Plan plan, List<String> ignored) {
        public String summary(int ids) {
            return plan.summary(ids) + ", ignored " + ignored.size()
                    + (ignored.isEmpty() || ids <= 0 ? "" : " " + ignored.subList(0, Math.min(ids, ignored.size()))
                    + (ignored.size() > ids ? " and " + (ignored.size() - ids) + " more" : ""));
        }
    }

    private FtmDelta() {
    }

    /** Reads a delta from UTF-8 bytes; bad lines go to {@code rejected} and never stop the read. */
    public static Delta read(InputStream in, String sourceName, Consumer<Rejection> rejected) {
        List<Change> all = new ArrayList<>();
        Map<FtmEntities.Ftm, Change> byFtm = new IdentityHashMap<>();
        List<FtmEntities.Ftm> keys = new ArrayList<>();
        JsonLines.forEachObject(in, sourceName, rejected, n -> {
            JsonNode id = n.path("entity").path("id");
            return id.isTextual() ? ID_PREFIX + id.asText() : null;
        }, (n, line) -> {
            Change c = change(n, line);
            all.add(c);
            // the duplicate check works on FtM entities: a DEL is one with only its id
            FtmEntities.Ftm key = c.entity() != null ? c.entity()
                    : new FtmEntities.Ftm(c.line(), c.id(), "", null, null, List.of(), null);
            byFtm.put(key, c);
            keys.add(key);
        });
        List<Change> unique = FtmEntities.unique(keys, sourceName, rejected).stream().map(byFtm::get).toList();
        // a party whose Sanction in this delta could not be read is not published without it
        Map<String, Change> badSanctionOf = new HashMap<>();
        List<Change> kept = new ArrayList<>();
        for (Change c : unique) {
            if (c.entity() != null && c.entity().schema().equals(FtmEntities.SANCTION) && c.sanction() == null) {
                continue; // rejected below, by the line that names it
            }
            kept.add(c);
        }
        for (Change c : unique) {
            if (c.entity() == null || !c.entity().schema().equals(FtmEntities.SANCTION)) {
                continue;
            }
            try {
                if (c.sanction() == null) {
                    FtmEntities.Sanction.of(c.entity()); // throws the reason
                }
            } catch (IllegalArgumentException e) {
                rejected.accept(new Rejection(sourceName, c.line(), "entity." + e.getMessage(), ID_PREFIX + c.id()));
                try {
                    c.entity().values("entity").forEach(t -> badSanctionOf.putIfAbsent(t.strip(), c));
                } catch (IllegalArgumentException unreadable) {
                    // names no party that could be rejected with it
                }
            }
        }
        List<Change> out = new ArrayList<>();
        for (Change c : kept) {
            Change bad = c.party() ? badSanctionOf.get(c.id()) : null;
            if (bad != null) {
                rejected.accept(new Rejection(sourceName, c.line(), "its Sanction " + Printable.quote(bad.id()) + " ("
                        + sourceName + ":" + bad.line() + ") was rejected; the entity is not used without it",
                        ID_PREFIX + c.id()));
            } else {
                out.add(c);
            }
        }
        return new Delta(sourceName, out);
    }

    private static Change change(JsonNode n, long line) {
        String opText = FtmEntities.Ftm.text(n, "", "op");
        Op op;
        try {
            op = Op.valueOf(opText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("op: " + Printable.quote(opText) + " is not one of ADD, MOD, DEL");
        }
        JsonNode e = n.path("entity");
        if (!e.isObject()) {
            throw new IllegalArgumentException("entity: required, an object");
        }
        if (op == Op.DEL) {
            return new Change(line, op, FtmEntities.Ftm.text(e, "entity.", "id"), null, null);
        }
        FtmEntities.Ftm f = FtmEntities.Ftm.of(e, line, "entity.");
        if (f.party()) {
            try {
                FtmEntities.names(f); // checked now, before anything is published
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException("entity." + bad.getMessage());
            }
        }
        FtmEntities.Sanction s = null;
        if (f.schema().equals(FtmEntities.SANCTION)) {
            try {
                s = FtmEntities.Sanction.of(f);
            } catch (IllegalArgumentException bad) {
                s = null; // reported by read(), with the party it names
            }
        }
        return new Change(line, op, f.id(), f, s);
    }

    /**
     * What to publish for {@code delta} given what the topic holds ({@code onTopic}, by entityId).
     *
     * @param delistedAt when the parties the delta deletes stop being restricted
     * @param rejected   the parties that cannot be published (no Sanction, not held, no {@code target} flag)
     */
    public static Applied apply(Delta delta, Map<String, RestrictedEntity> onTopic, Instant delistedAt,
                                Consumer<Rejection> rejected) {
        Map<String, Change> parties = new LinkedHashMap<>();
        Map<String, List<FtmEntities.Sanction>> sanctionsOf = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (Change c : delta.changes()) {
            if (c.op() != Op.DEL && c.party()) {
                parties.put(c.id(), c);
            }
        }
        for (Change c : delta.changes()) {
            if (c.sanction() == null) {
                continue;
            }
            boolean used = false;
            for (String t : c.sanction().entities()) {
                if (parties.containsKey(t) || onTopic.containsKey(ID_PREFIX + t)) {
                    sanctionsOf.computeIfAbsent(t, k -> new ArrayList<>()).add(c.sanction());
                    used = true;
                }
            }
            if (!used) {
                ignored.add(c.id());
            }
        }
        List<RestrictedEntity> added = new ArrayList<>();
        List<RestrictedEntity> changed = new ArrayList<>();
        List<RestrictedEntity> ended = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> unendable = new ArrayList<>();
        for (Change c : parties.values()) {
            RestrictedEntity held = onTopic.get(ID_PREFIX + c.id());
            List<FtmEntities.Sanction> ss = sanctionsOf.getOrDefault(c.id(), List.of());
            RestrictedEntity e;
            try {
                if (held == null) {
                    e = FtmEntities.entity(c.entity(), ss);
                } else if (ss.isEmpty()) {
                    e = FtmEntities.entity(c.entity(), held.restrictions(), held.citation());
                } else {
                    RestrictedEntity fresh = FtmEntities.entity(c.entity(), ss);
                    e = FtmEntities.entity(c.entity(), union(held.restrictions(), fresh.restrictions()),
                            unionCitation(held.citation(), fresh.citation()));
                }
            } catch (IllegalArgumentException bad) {
                rejected.accept(new Rejection(delta.source(), c.line(), "entity." + bad.getMessage(), ID_PREFIX + c.id()));
                continue;
            }
            if (e == null) {
                ignored.add(c.id());
            } else if (held == null) {
                added.add(e);
            } else if (held.equals(e)) {
                unchanged.add(e.entityId());
            } else {
                changed.add(e);
            }
        }
        for (var s : sanctionsOf.entrySet()) {
            if (parties.containsKey(s.getKey())) {
                continue;
            }
            RestrictedEntity held = onTopic.get(ID_PREFIX + s.getKey());
            List<Restriction> rs = new ArrayList<>(held.restrictions());
            String citation = held.citation();
            for (FtmEntities.Sanction sanction : s.getValue()) {
                rs = union(rs, List.of(sanction.restriction()));
                citation = unionCitation(citation, sanction.citation());
            }
            RestrictedEntity e = new RestrictedEntity(held.entityId(), held.name(), held.aliases(), held.brands(),
                    held.country(), held.source(), citation, rs);
            if (e.equals(held)) {
                unchanged.add(e.entityId());
            } else {
                changed.add(e);
            }
        }
        for (Change c : delta.changes()) {
            if (c.op() != Op.DEL) {
                continue;
            }
            RestrictedEntity held = onTopic.get(ID_PREFIX + c.id());
            if (held == null) {
                ignored.add(c.id());
                continue;
            }
            List<Restriction> rs = ListSync.endedAt(held.restrictions(), delistedAt);
            if (rs == null) {
                unendable.add(held.entityId());
            } else if (rs.equals(held.restrictions())) {
                unchanged.add(held.entityId());
            } else {
                ended.add(new RestrictedEntity(held.entityId(), held.name(), held.aliases(), held.brands(),
                        held.country(), held.source(), held.citation(), rs));
            }
        }
        return new Applied(new ListSync.Plan(added, changed, ended, unchanged, unendable), ignored);
    }

    private static List<Restriction> union(List<Restriction> a, List<Restriction> b) {
        Set<Restriction> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static String unionCitation(String held, String added) {
        Set<String> parts = new LinkedHashSet<>(List.of(held.split("; ")));
        parts.addAll(List.of(added.split("; ")));
        return String.join("; ", parts);
    }
}
