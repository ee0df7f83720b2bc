package dev.interdict.lists;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interdict.contract.JsonContract;
import dev.interdict.contract.JsonLines;
import dev.interdict.contract.Printable;
import dev.interdict.contract.Rejection;
import dev.interdict.screening.Activity;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.Restriction;

import java.io.BufferedReader;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FollowTheMoney entities, as OpenSanctions publishes its datasets and yente serves them ({@code entities.ftm.json}):
 * one JSON object per line, {@code {"id", "schema", "properties": {"name": [...], ...}, "datasets", "target", ...}},
 * every property an array of strings.
 *
 * <p>Rules (each one errs toward restricting, never toward a silent gap):
 * <ul>
 *   <li><b>Parties</b>: {@code Person}, {@code Organization}, {@code Company}, {@code LegalEntity} and
 *       {@code PublicBody} become restricted entities with entityId {@code ftm-} + {@code id}. Other schemata
 *       (Address, Ownership, Identification, Vessel, …) are not parties a purchase order or licence names, and are
 *       skipped; a {@code Sanction} pointing at one of them is skipped with it.</li>
 *   <li><b>Names</b>: the {@code caption} if it is one of the {@code name} values, else the first {@code name}, is the
 *       name; the other names, {@code alias} and {@code previousName} are aliases. <b>{@code weakAlias} is dropped</b>:
 *       the model has no weak-alias flag, and every alias is matched on its own, so a weak alias kept as an alias
 *       would become a confident match by itself (weak aliases are short forms, e.g. initials, that must never be).
 *       No {@code name} rejects the entity.</li>
 *   <li><b>Country</b>: the first {@code country}, else the first {@code jurisdiction}, upper-cased.</li>
 *   <li><b>Restrictions</b>: each {@code Sanction} entity whose {@code entity} names the party gives one {@code ANY}
 *       restriction: from {@code startDate} (else {@code listingDate}, else 1970-01-01: in force for every event),
 *       until {@code endDate} (none = open-ended). Dates are partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD; a time
 *       after the day is dropped), in UTC, <b>widened toward the restriction</b>: a start is the start of the period
 *       it names (2024 = 2024-01-01T00:00Z), an end is the end of it (endDate 2024-05 = until 2024-06-01T00:00Z,
 *       endDate 2024-05-31 = until 2024-06-01T00:00Z: in force the whole of the day, month or year named). Several
 *       values: the earliest start, the latest end. An end not after the start rejects the Sanction.</li>
 *   <li><b>Citation</b>: per Sanction, {@code authority — program}; several Sanctions joined by {@code "; "}.
 *       Source: {@code OpenSanctions} and the entity's {@code datasets}.</li>
 *   <li><b>A party no Sanction names</b>: with {@code "target": true} (OpenSanctions marks the entities a sanctions
 *       dataset lists) it is restricted from 1970-01-01, cited by its datasets, as the OFAC SDN rows without dates;
 *       with {@code "target": false} (an owner, a relative, listed for context) it is not a restricted entity and is
 *       skipped; with no {@code target} at all it is rejected: whether it is restricted is unknown.</li>
 *   <li><b>Rejections</b> (FILE:LINE and the field, as every list format): a line that is not UTF-8, not JSON or
 *       without {@code id}/{@code schema}; an {@code id} on two lines (all of them); a Sanction without
 *       {@code entity}, naming an id not in the file, or with a bad date; and <b>the party of a rejected Sanction</b>
 *       (published without it, it would carry the wrong dates).</li>
 * </ul>
 */
public final class FtmEntities {
    /** The entityId of an FtM entity is this and its {@code id}. */
    public static final String ID_PREFIX = "ftm-";
    static final Set<String> PARTIES = Set.of("Person", "Organization", "Company", "LegalEntity", "PublicBody");
    static final String SANCTION = "Sanction";
    private static final Pattern DATE = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2})(?:T[0-9:.]*Z?)?)?)?");

    private FtmEntities() {
    }

    public static List<RestrictedEntity> read(BufferedReader in, String sourceName, Consumer<Rejection> rejected) {
        List<Ftm> all = new ArrayList<>();
        JsonLines.forEachObject(in, sourceName, rejected,
                n -> n.path("id").isTextual() ? ID_PREFIX + n.get("id").asText() : null,
                (n, line) -> all.add(Ftm.of(n, line, "")));
        return build(all, sourceName, rejected);
    }

    /** From UTF-8 bytes: a line that is not UTF-8 is rejected. */
    public static List<RestrictedEntity> read(InputStream in, String sourceName, Consumer<Rejection> rejected) {
        List<Ftm> all = new ArrayList<>();
        JsonLines.forEachObject(in, sourceName, rejected,
                n -> n.path("id").isTextual() ? ID_PREFIX + n.get("id").asText() : null,
                (n, line) -> all.add(Ftm.of(n, line, "")));
        return build(all, sourceName, rejected);
    }

    private static List<RestrictedEntity> build(List<Ftm> all, String sourceName, Consumer<Rejection> rejected) {
        List<Ftm> unique = unique(all, sourceName, rejected);
        Map<String, Ftm> byId = new HashMap<>();
        unique.forEach(f -> byId.put(f.id(), f));
        Map<String, List<Sanction>> sanctions = new HashMap<>();
        Map<String, Ftm> rejectedSanctionOf = new HashMap<>(); // party id -> a rejected Sanction naming it
        for (Ftm f : unique) {
            if (!f.schema().equals(SANCTION)) {
                continue;
            }
            List<String> targets = List.of();
            try {
                targets = f.values("entity");
                Sanction s = Sanction.of(f);
                for (String t : s.entities()) {
                    if (!byId.containsKey(t)) {
                        throw new IllegalArgumentException("properties.entity: " + Printable.quote(t)
                                + " is not in the file; a Sanction must name an entity of its list");
                    }
                }
                for (String t : s.entities()) {
                    if (byId.get(t).party()) {
                        sanctions.computeIfAbsent(t, k -> new ArrayList<>()).add(s);
                    }
                }
            } catch (IllegalArgumentException e) {
                rejected.accept(new Rejection(sourceName, f.line(), e.getMessage(), ID_PREFIX + f.id()));
                targets.forEach(t -> rejectedSanctionOf.putIfAbsent(t, f));
            }
        }
        List<RestrictedEntity> out = new ArrayList<>();
        for (Ftm f : unique) {
            if (!f.party()) {
                continue;
            }
            try {
                Ftm bad = rejectedSanctionOf.get(f.id());
                if (bad != null) {
                    throw new IllegalArgumentException("its Sanction " + Printable.quote(bad.id()) + " (" + sourceName
                            + ":" + bad.line() + ") was rejected; the entity is not used without it");
                }
                RestrictedEntity e = entity(f, sanctions.getOrDefault(f.id(), List.of()));
                if (e != null) {
                    out.add(e);
                }
            } catch (IllegalArgumentException e) {
                rejected.accept(new Rejection(sourceName, f.line(), e.getMessage(), ID_PREFIX + f.id()));
            }
        }
        return out;
    }

    /**
     * The party as a restricted entity with the restrictions of {@code sanctions}; without any, by its
     * {@code target} flag: restricted since 1970-01-01, or null (skipped), or rejected.
     */
    static RestrictedEntity entity(Ftm f, List<Sanction> sanctions) {
        if (!sanctions.isEmpty()) {
            List<Restriction> rs = new ArrayList<>();
            Set<String> citations = new LinkedHashSet<>();
            for (Sanction s : sanctions) {
                if (!rs.contains(s.restriction())) {
                    rs.add(s.restriction());
                }
                citations.add(s.citation());
            }
            citations.remove("");
            return entity(f, rs, citations.isEmpty() ? defaultCitation(f) : String.join("; ", citations));
        }
        if (f.target() == null) {
            throw new IllegalArgumentException("target: no Sanction names this entity and it is not marked"
                    + " \"target\": true, so whether it is restricted is unknown");
        }
        if (!f.target()) {
            return null;
        }
        return entity(f, List.of(new Restriction(Activity.ANY, Instant.EPOCH, null)), defaultCitation(f));
    }

    static RestrictedEntity entity(Ftm f, List<Restriction> restrictions, String citation) {
        List<String> names = names(f);
        String country = first(f, "country");
        if (country == null) {
            country = first(f, "jurisdiction");
        }
        return new RestrictedEntity(ID_PREFIX + f.id(), names.get(0), names.subList(1, names.size()), List.of(),
                country == null ? null : country.toUpperCase(Locale.ROOT), source(f), citation, restrictions);
    }

    /** The name first, then the aliases; weak aliases are never among them. */
    static List<String> names(Ftm f) {
        List<String> name = clean(f.values("name"));
        if (name.isEmpty()) {
            throw new IllegalArgumentException("properties.name: required, missing or empty");
        }
        String primary = f.caption() != null && name.contains(f.caption().strip()) ? f.caption().strip() : name.get(0);
        Map<String, String> all = new LinkedHashMap<>();
        all.put(primary.toLowerCase(Locale.ROOT), primary);
        for (String prop : List.of("name", "alias", "previousName")) {
            for (String n : clean(f.values(prop))) {
                all.putIfAbsent(n.toLowerCase(Locale.ROOT), n);
            }
        }
        return List.copyOf(all.values());
    }

    private static List<String> clean(List<String> values) {
        return values.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    private static String first(Ftm f, String prop) {
        List<String> v = clean(f.values(prop));
        return v.isEmpty() ? null : v.get(0);
    }

    static String source(Ftm f) {
        return f.datasets().isEmpty() ? "OpenSanctions" : "OpenSanctions " + String.join(", ", f.datasets());
    }

    static String defaultCitation(Ftm f) {
        return source(f);
    }

    /**
     * Every FtM entity whose id is on one line only; an id on two or more lines rejects all of them, naming the other
     * lines (an FtM id is unique in a dataset export and in a delta).
     */
    static List<Ftm> unique(List<Ftm> all, String sourceName, Consumer<Rejection> rejected) {
        Map<String, List<Ftm>> byId = new LinkedHashMap<>();
        for (Ftm f : all) {
            byId.computeIfAbsent(f.id(), k -> new ArrayList<>(1)).add(f);
        }
        List<Ftm> out = new ArrayList<>(all.size());
        for (Ftm f : all) {
            List<Ftm> same = byId.get(f.id());
            if (same.size() == 1) {
                out.add(f);
                continue;
            }
            List<String> others = same.stream().filter(o -> o != f).map(o -> sourceName + ":" + o.line()).toList();
            rejected.accept(new Rejection(sourceName, f.line(), "entityId " + Printable.quote(ID_PREFIX + f.id())
                    + " is also on " + String.join(" and ", others)
                    + "; an entityId must be unique, so none of its entries is used", ID_PREFIX + f.id()));
        }
        return out;
    }

    /**
     * One FtM entity as read from a line.
     *
     * @param target OpenSanctions' {@code target} flag, null when absent
     */
    record Ftm(long line, String id, String schema, String caption, JsonNode properties, List<String> datasets,
               Boolean target) {

        /** @param prefix where the object is in its line, e.g. {@code entity.} in a delta */
        static Ftm of(JsonNode n, long line, String prefix) {
            String id = text(n, prefix, "id");
            String schema = text(n, prefix, "schema");
            JsonNode props = n.path("properties");
            if (props.isMissingNode() || props.isNull()) {
                props = JsonContract.MAPPER.createObjectNode();
            } else if (!props.isObject()) {
                throw new IllegalArgumentException(prefix + "properties: expected an object");
            }
            JsonNode caption = n.path("caption");
            JsonNode target = n.path("target");
            if (!target.isMissingNode() && !target.isNull() && !target.isBoolean()) {
                throw new IllegalArgumentException(prefix + "target: expected true or false");
            }
            return new Ftm(line, id, schema, caption.isTextual() ? caption.asText() : null, props,
                    strings(n.path("datasets"), prefix + "datasets"),
                    target.isBoolean() ? target.booleanValue() : null);
        }

        static String text(JsonNode n, String prefix, String field) {
            JsonNode v = n.path(field);
            if (!v.isTextual() || v.asText().isBlank()) {
                throw new IllegalArgumentException(prefix + field + ": required, missing or blank");
            }
            return v.asText().strip();
        }

        boolean party() {
            return PARTIES.contains(schema);
        }

        /** The values of a property; none = empty; not an array of strings = rejected, naming the property. */
        List<String> values(String property) {
            return strings(properties.path(property), "properties." + property);
        }

        private static List<String> strings(JsonNode v, String field) {
            if (v.isMissingNode() || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                throw new IllegalArgumentException(field + ": expected an array of strings");
            }
            List<String> out = new ArrayList<>(v.size());
            for (JsonNode s : v) {
                if (!s.isTextual()) {
                    throw new IllegalArgumentException(field + ": expected an array of strings");
                }
                out.add(s.asText());
            }
            return out;
        }
    }

    /** A {@code Sanction} entity: the parties it names, its restriction and its citation. */
    record Sanction(String id, long line, List<String> entities, Restriction restriction, String citation) {
        static Sanction of(Ftm f) {
            List<String> entities = clean(f.values("entity"));
            if (entities.isEmpty()) {
                throw new IllegalArgumentException("properties.entity: required: a Sanction names the entity it sanctions");
            }
            Instant from = earliest(f, "startDate");
            String fromField = "startDate";
            if (from == null) {
                from = earliest(f, "listingDate");
                fromField = "listingDate";
            }
            if (from == null) {
                from = Instant.EPOCH;
            }
            Instant until = null;
            String untilValue = null;
            for (String v : clean(f.values("endDate"))) {
                Instant end = end(v, "properties.endDate");
                if (until == null || end.isAfter(until)) {
                    until = end;
                    untilValue = v;
                }
            }
            if (until != null && !until.isAfter(from)) {
                throw new IllegalArgumentException("properties.endDate: " + Printable.quote(untilValue)
                        + " is not after " + fromField + " " + from);
            }
            String authority = String.join(", ", clean(f.values("authority")));
            String program = String.join(", ", clean(f.values("program")));
            String citation = authority.isEmpty() ? program
                    : program.isEmpty() ? authority : authority + " \u2014 " + program;
            return new Sanction(f.id(), f.line(), entities, new Restriction(Activity.ANY, from, until), citation);
        }

        private static Instant earliest(Ftm f, String prop) {
            Instant min = null;
            for (String v : clean(f.values(prop))) {
                Instant s = start(v, "properties." + prop);
                if (min == null || s.isBefore(min)) {
                    min = s;
                }
            }
            return min;
        }
    }

    /** The start of the period a partial ISO date names, UTC: 2024 = 2024-01-01T00:00Z, 2024-05 = 2024-05-01. */
    static Instant start(String value, String field) {
        return period(value, field, false);
    }

    /** The end (exclusive) of the period a partial ISO date names, UTC: 2024 = 2025-01-01T00:00Z, 2024-05-31 = 2024-06-01. */
    static Instant end(String value, String field) {
        return period(value, field, true);
    }

    private static Instant period(String value, String field, boolean end) {
        Matcher m = DATE.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(field + ": " + Printable.quote(value)
                    + " is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
        }
        try {
            int year = Integer.parseInt(m.group(1));
            LocalDate start = LocalDate.of(year, m.group(2) == null ? 1 : Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 1 : Integer.parseInt(m.group(3)));
            ChronoUnit unit = m.group(2) == null ? ChronoUnit.YEARS : m.group(3) == null ? ChronoUnit.MONTHS : ChronoUnit.DAYS;
            return (end ? start.plus(1, unit) : start).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(field + ": " + Printable.quote(value) + " is not a date: " + e.getMessage());
        }
    }
}
