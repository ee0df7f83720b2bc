package dev.interdict.screening;

import dev.interdict.screening.names.MatchLevel;
import dev.interdict.screening.names.MatcherConfig;
import dev.interdict.screening.names.NameHit;
import dev.interdict.screening.names.NameIndex;
import dev.interdict.screening.names.NameIndexes;
import dev.interdict.screening.names.TextNormalizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The screening core: an in-memory list of restricted entities that answers, for one event, its decision.
 *
 * <p>An alert needs (a) a text of the event that matches a name, alias or brand of the entity and (b) a restriction
 * of that entity covering the event's activity and in force at the event's own time. Updates are incremental
 * ({@link #upsert}, {@link #remove}); one writer and any number of concurrent {@link #screen} callers are safe.
 */
public final class Screener {

    private static final Comparator<Alert> ALERT_ORDER = Comparator.comparing(Alert::entityId)
            .thenComparing(Alert::activity)
            .thenComparing(Alert::effectiveFrom);

    private static final Logger LOG = LoggerFactory.getLogger(Screener.class);

    /**
     * Characters of an event field that are screened: a longer value is screened on its first
     * {@value #MAX_SCREENED_CHARS} characters (and an alert quotes those). Far above any real company, brand or product
     * name; it bounds the work one field can cause.
     */
    public static final int MAX_SCREENED_CHARS = TextNormalizer.MAX_CHARS;
    /**
     * Characters of a free-text description (role {@link NameField.Role#DESCRIPTION}) that are screened: its first
     * {@value #MAX_DESCRIPTION_CHARS}; an alert quotes those. Descriptions are scanned token by token against the
     * listed names and brands, never scored pairwise, so the work is linear in these characters.
     */
    public static final int MAX_DESCRIPTION_CHARS = TextNormalizer.MAX_DESCRIPTION_CHARS;
    /**
     * Aliases, and brands, of one entity that are indexed: the first {@value #MAX_ALIASES} of each in list order; the
     * rest are dropped with a warning. Real entries have tens at most; it bounds the time and memory one entry costs.
     */
    public static final int MAX_ALIASES = 1_000;

    private final Map<String, RestrictedEntity> entities = new ConcurrentHashMap<>();
    private final NameIndex names;

    public Screener() {
        this(MatcherConfig.DEFAULT);
    }

    public Screener(MatcherConfig config) {
        this(NameIndexes.newIndex(config));
    }

    public Screener(NameIndex names) {
        this.names = names;
    }

    /** Adds an entity or replaces the entity with the same id. */
    public void upsert(RestrictedEntity entity) {
        List<String> aliases = capped(entity, "aliases", entity.aliases());
        List<String> allNames = new ArrayList<>(1 + aliases.size());
        allNames.add(entity.name());
        allNames.addAll(aliases);
        names.put(entity.entityId(), allNames, capped(entity, "brands", entity.brands()));
        entities.put(entity.entityId(), entity);
    }

    /** The first {@value #MAX_ALIASES} of an entity's aliases or brands, with a warning when more are dropped. */
    private static List<String> capped(RestrictedEntity entity, String what, List<String> list) {
        if (list.size() <= MAX_ALIASES) {
            return list;
        }
        LOG.warn("Entity {} has {} {}: only the first {} are screened, {} dropped", entity.entityId(), list.size(),
                what, MAX_ALIASES, list.size() - MAX_ALIASES);
        return list.subList(0, MAX_ALIASES);
    }

    public void upsertAll(Collection<RestrictedEntity> list) {
        list.forEach(this::upsert);
    }

    /** Removes an entity (a tombstone on the list topic); unknown ids are ignored. */
    public void remove(String entityId) {
        entities.remove(entityId);
        names.remove(entityId);
    }

    public int size() {
        return entities.size();
    }

    public RestrictedEntity entity(String entityId) {
        return entities.get(entityId);
    }

    /** The name index, for scoring pairs with exactly the screener's rules. */
    public NameIndex names() {
        return names;
    }

    /** Screens one event against the list as of the event's own time. */
    public Decision screen(ScreeningEvent event) {
        Activity activity = event.type().activity();
        // best hit per (entity, restriction): MATCH beats REVIEW, then higher score, then first field in the event
        Map<AlertKey, Found> best = null; // most events match nothing: no map for them
        for (NameField field : event.names()) {
            if (field.value() == null || field.value().isBlank()) {
                continue;
            }
            if (field.role().matchesDescription()) {
                String text = TextNormalizer.description(field.value());
                for (NameHit hit : names.matchDescription(text)) {
                    best = consider(event, activity, field, text, hit, best);
                }
                continue;
            }
            String text = TextNormalizer.screened(field.value());
            if (field.role().matchesNames()) {
                for (NameHit hit : names.matchParty(text)) {
                    best = consider(event, activity, field, text, hit, best);
                }
            }
            if (field.role().matchesBrands()) {
                for (NameHit hit : names.matchBrands(text)) {
                    best = consider(event, activity, field, text, hit, best);
                }
            }
        }
        if (best == null) {
            return new Decision(event.eventId(), event.type(), event.eventTime(), Verdict.CLEAR, List.of());
        }
        List<Alert> alerts = new ArrayList<>(best.size());
        for (Found f : best.values()) {
            alerts.add(f.alert(event));
        }
        alerts.sort(ALERT_ORDER);
        Verdict verdict = Verdict.CLEAR;
        for (Alert a : alerts) {
            verdict = verdict.worst(a.verdict());
        }
        return new Decision(event.eventId(), event.type(), event.eventTime(), verdict, alerts);
    }

    /**
     * Whether {@code text}, in a field of this role, matches (at REVIEW or above) a name, alias or brand of one of
     * {@code entityIds}: the name half of {@link #screen}, whatever the time. Retro-screening probes each distinct
     * text of its history with this, and reads back only the events whose texts may raise an alert against changed
     * entities; it uses the same index and rules as {@link #screen}, so it never misses what {@code screen} finds.
     */
    public boolean mayMatch(NameField.Role role, String text, java.util.Set<String> entityIds) {
        return probe(entityIds).mayMatch(role, text);
    }

    /**
     * {@link #mayMatch} for many texts against the same entities (a retro-screening job): the name index may prepare
     * what it needs of those entities once ({@link NameIndex#partyProbe}).
     */
    public Probe probe(java.util.Set<String> entityIds) {
        return new Probe(entityIds, entityIds.isEmpty() ? t -> false : names.partyProbe(entityIds));
    }

    /** See {@link #probe}. */
    public final class Probe {
        private final java.util.Set<String> entityIds;
        private final java.util.function.Predicate<String> party;

        private Probe(java.util.Set<String> entityIds, java.util.function.Predicate<String> party) {
            this.entityIds = entityIds;
            this.party = party;
        }

        /** As {@link Screener#mayMatch}. */
        public boolean mayMatch(NameField.Role role, String text) {
            if (text == null || text.isBlank() || entityIds.isEmpty()) {
                return false;
            }
            if (role.matchesDescription()) {
                return NameHit.anyFor(names.matchDescription(TextNormalizer.description(text)), entityIds);
            }
            text = TextNormalizer.screened(text); // as screen() cuts it
            return (role.matchesNames() && party.test(text))
                    || (role.matchesBrands() && NameHit.anyFor(names.matchBrands(text), entityIds));
        }
    }

    /** One alert per entity and restriction (the restriction's activity and start). */
    private record AlertKey(String entityId, Activity activity, Instant effectiveFrom) {
    }

    /**
     * The best hit so far for one entity and restriction; made into an {@link Alert} (and its id digested) only when
     * screening is done, so hits that a better one replaces cost no alert.
     */
    private record Found(RestrictedEntity entity, Restriction restriction, NameField field, String text, NameHit hit,
                         Verdict verdict, double score) {
        Alert alert(ScreeningEvent event) {
            return new Alert(alertId(event.eventId(), entity.entityId(), restriction), event.eventId(), event.type(),
                    event.eventTime(), entity.entityId(), entity.name(), field.path(), text, hit.matchedName(), score,
                    restriction.activity(), restriction.effectiveFrom(), restriction.effectiveUntil(), entity.source(),
                    entity.citation(), verdict, hit.score().explanation());
        }
    }

    /** @return {@code best}, made when the first hit goes into it */
    private Map<AlertKey, Found> consider(ScreeningEvent event, Activity activity, NameField field, String text,
                                         NameHit hit, Map<AlertKey, Found> best) {
        if (hit.score().level() == MatchLevel.NO_MATCH) {
            return best;
        }
        RestrictedEntity entity = entities.get(hit.entityId());
        if (entity == null) {
            return best; // removed while we were looking
        }
        Verdict verdict = hit.score().level() == MatchLevel.MATCH ? Verdict.VIOLATION : Verdict.REVIEW;
        double score = Math.round(hit.score().score() * 10_000d) / 10_000d;
        for (Restriction r : entity.restrictions()) {
            if (!r.forbids(activity, event.eventTime())) {
                continue;
            }
            AlertKey key = new AlertKey(entity.entityId(), r.activity(), r.effectiveFrom());
            if (best == null) {
                best = new LinkedHashMap<>(4);
            }
            Found current = best.get(key);
            if (current != null && !better(verdict, score, current)) {
                continue;
            }
            best.put(key, new Found(entity, r, field, text, hit, verdict, score));
        }
        return best;
    }

    private static boolean better(Verdict verdict, double score, Found current) {
        int byVerdict = verdict.compareTo(current.verdict());
        return byVerdict > 0 || (byVerdict == 0 && score > current.score());
    }

    /**
     * Deterministic alert id: a name-based (v3) UUID of event id, entity id and the restriction (activity and
     * effectiveFrom), so that replays and redeliveries of the same event produce the same id.
     */
    public static String alertId(String eventId, String entityId, Restriction r) {
        String key = "interdict-alert|" + eventId + '|' + entityId + '|' + r.activity() + '|'
                + r.effectiveFrom().toEpochMilli();
        return nameUuid(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** MD5 is not safe for concurrent use, and looking it up for every alert costs more than the digest. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    });

    /** {@link UUID#nameUUIDFromBytes} (a version 3 UUID) with a digest kept per thread. */
    static UUID nameUuid(byte[] name) {
        byte[] md5 = MD5.get().digest(name);
        md5[6] &= 0x0f; // version 3
        md5[6] |= 0x30;
        md5[8] &= 0x3f; // IETF variant
        md5[8] |= (byte) 0x80;
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (md5[i] & 0xff);
            lsb = (lsb << 8) | (md5[i + 8] & 0xff);
        }
        return new UUID(msb, lsb);
    }
}
