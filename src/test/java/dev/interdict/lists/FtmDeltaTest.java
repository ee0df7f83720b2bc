package dev.interdict.lists;

import dev.interdict.contract.Rejection;
import dev.interdict.screening.Activity;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.Restriction;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --format ftm-delta}: an OpenSanctions delta (ADD / MOD / DEL) applied to what the topic holds. */
class FtmDeltaTest {
    static final Instant DELISTED = Instant.parse("2025-03-01T00:00:00Z");

    /** The topic after a full load of the entities fixture. */
    static Map<String, RestrictedEntity> topic() throws IOException {
        List<Rejection> rejected = new ArrayList<>();
        Map<String, RestrictedEntity> held = new HashMap<>(FtmEntitiesTest.fixture(rejected));
        assertEquals(List.of(), rejected);
        return held;
    }

    static FtmDelta.Delta fixtureDelta(List<Rejection> rejected) throws IOException {
        try (InputStream in = FtmEntitiesTest.resource("ftm/entities.delta.json")) {
            return FtmDelta.read(in, "entities.delta.json", rejected::add);
        }
    }

    static FtmDelta.Delta delta(String text, List<Rejection> rejected) {
        return FtmDelta.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "d.json", rejected::add);
    }

    static Map<String, RestrictedEntity> byId(List<RestrictedEntity> es) {
        Map<String, RestrictedEntity> m = new HashMap<>();
        es.forEach(e -> m.put(e.entityId(), e));
        return m;
    }

    @Test
    void addAndModAreUpsertsJoinedWithTheirSanctionsAndDelIsAnEndingNeverATombstone() throws IOException {
        Map<String, RestrictedEntity> held = topic();
        List<Rejection> rejected = new ArrayList<>();
        FtmDelta.Applied a = FtmDelta.apply(fixtureDelta(rejected), held, DELISTED, rejected::add);
        assertEquals(List.of(), rejected);
        ListSync.Plan plan = a.plan();

        // ADD of a company with its Sanction in the same delta: the dated restriction and its citation
        assertEquals(1, plan.added().size());
        RestrictedEntity nord = plan.added().get(0);
        assertEquals("ftm-NK-nordlicht", nord.entityId());
        assertEquals(List.of(new Restriction(Activity.ANY, Instant.parse("2025-02-24T00:00:00Z"), null)), nord.restrictions());
        assertEquals("Council of the European Union \u2014 Regulation (EU) 833/2014", nord.citation());
        assertEquals(List.of(), nord.aliases(), "its weakAlias is not an alias");

        Map<String, RestrictedEntity> changed = byId(plan.changed());
        assertEquals(2, changed.size(), changed.keySet().toString());
        // MOD of a party without Sanction in the delta: new names, the restrictions and citation the topic holds
        RestrictedEntity volna = changed.get("ftm-NK-volna");
        assertEquals(List.of("VKS Group", "Volna Kontrol JSC"), volna.aliases());
        assertEquals(held.get("ftm-NK-volna").restrictions(), volna.restrictions());
        assertEquals(held.get("ftm-NK-volna").citation(), volna.citation());
        // MOD of a Sanction of a held party not in the delta: its restriction added, nothing held dropped
        RestrictedEntity orbita = changed.get("ftm-NK-orbita");
        assertEquals(List.of(new Restriction(Activity.ANY, Instant.EPOCH, null),
                new Restriction(Activity.ANY, Instant.parse("2024-02-01T00:00:00Z"), null)), orbita.restrictions());
        assertEquals("OpenSanctions eu_fsf; Council of the European Union \u2014 Regulation (EC) 765/2006", orbita.citation());
        assertEquals(held.get("ftm-NK-orbita").name(), orbita.name());

        // DEL of a held party: the same entity, its restriction ended at the delisting
        assertEquals(1, plan.ended().size());
        RestrictedEntity petrenko = plan.ended().get(0);
        assertEquals("ftm-NK-petrenko", petrenko.entityId());
        assertEquals(List.of(new Restriction(Activity.ANY, Instant.parse("2023-01-01T00:00:00Z"), DELISTED)),
                petrenko.restrictions());
        assertEquals(held.get("ftm-NK-petrenko").aliases(), petrenko.aliases());
        // DEL of an id the topic does not hold (the Sanction): nothing to publish
        assertEquals(List.of("NK-petrenko-san"), a.ignored());
        assertEquals(4, plan.toPublish().size());
        assertTrue(plan.toPublish().stream().allMatch(e -> e != null && !e.restrictions().isEmpty()));
    }

    @Test
    void theSameDeltaAppliedAgainPublishesNothing() throws IOException {
        Map<String, RestrictedEntity> held = topic();
        List<Rejection> rejected = new ArrayList<>();
        FtmDelta.Delta d = fixtureDelta(rejected);
        FtmDelta.apply(d, held, DELISTED, rejected::add).plan().toPublish().forEach(e -> held.put(e.entityId(), e));
        FtmDelta.Applied again = FtmDelta.apply(d, held, DELISTED.plusSeconds(86_400), rejected::add);
        assertEquals(List.of(), again.plan().toPublish());
        assertEquals(List.of(), rejected);
    }

    @Test
    void badLinesUnknownOpAndAnIdTwiceInOneDeltaAreRejectedWithLineAndField() {
        List<Rejection> rejected = new ArrayList<>();
        FtmDelta.Delta d = delta(
                "{\"op\":\"UPSERT\",\"entity\":{\"id\":\"x\"}}\n"
                + "{\"op\":\"DEL\",\"entity\":{\"id\":\"a\"}}\n"
                + "{\"op\":\"DEL\",\"entity\":{\"id\":\"a\"}}\n"
                + "{\"op\":\"ADD\",\"entity\":{\"id\":\"c1\",\"properties\":{\"name\":[\"Alpha\"]}}}\n"
                + "{\"op\":\"ADD\",\"entity\":{\"id\":\"c2\",\"schema\":\"Company\",\"properties\":{\"alias\":[\"Alpha\"]},\"target\":true}}\n"
                + "{\"op\":\"DEL\"}\n", rejected);
        assertEquals(List.of(), d.changes());
        assertEquals(List.of(
                "d.json:1: op: \"UPSERT\" is not one of ADD, MOD, DEL",
                "d.json:4: entity.schema: required, missing or blank",
                "d.json:5: entity.properties.name: required, missing or empty",
                "d.json:6: entity: required, an object",
                "d.json:2: entityId \"ftm-a\" is also on d.json:3; an entityId must be unique, so none of its entries is used",
                "d.json:3: entityId \"ftm-a\" is also on d.json:2; an entityId must be unique, so none of its entries is used"),
                rejected.stream().map(Rejection::toString).toList());
    }

    @Test
    void aPartyWhoseSanctionInTheDeltaIsRejectedIsRejectedTooAndOneThatCannotBeRestrictedIsRejectedOnApply() {
        List<Rejection> rejected = new ArrayList<>();
        FtmDelta.Delta d = delta(
                "{\"op\":\"ADD\",\"entity\":{\"id\":\"c1\",\"schema\":\"Company\",\"properties\":{\"name\":[\"Alpha Fiktiv AG\"]},\"target\":true}}\n"
                + "{\"op\":\"ADD\",\"entity\":{\"id\":\"s1\",\"schema\":\"Sanction\",\"properties\":{\"entity\":[\"c1\"],\"startDate\":[\"2024-99\"]}}}\n"
                + "{\"op\":\"ADD\",\"entity\":{\"id\":\"c2\",\"schema\":\"Company\",\"properties\":{\"name\":[\"Beta Fiktiv AG\"]}}}\n",
                rejected);
        assertEquals(List.of(
                "d.json:2: entity.properties.startDate: \"2024-99\" is not a date: Invalid value for MonthOfYear (valid values 1 - 12): 99",
                "d.json:1: its Sanction \"s1\" (d.json:2) was rejected; the entity is not used without it"),
                rejected.stream().map(Rejection::toString).toList());
        rejected.clear();
        FtmDelta.Applied a = FtmDelta.apply(d, Map.of(), DELISTED, rejected::add);
        assertEquals(List.of(), a.plan().toPublish());
        assertEquals(List.of("d.json:3: entity.target: no Sanction names this entity and it is not marked \"target\": true,"
                + " so whether it is restricted is unknown"), rejected.stream().map(Rejection::toString).toList());
    }

    @Test
    void aDelOfAPartyWhoseRestrictionsAllStartAfterTheDelistingIsReportedNotEnded() throws IOException {
        Map<String, RestrictedEntity> held = topic();
        List<Rejection> rejected = new ArrayList<>();
        FtmDelta.Delta d = delta("{\"op\":\"DEL\",\"entity\":{\"id\":\"NK-petrenko\"}}\n", rejected);
        FtmDelta.Applied a = FtmDelta.apply(d, held, Instant.parse("2022-06-01T00:00:00Z"), rejected::add);
        assertEquals(List.of("ftm-NK-petrenko"), a.plan().unendable());
        assertEquals(List.of(), a.plan().toPublish());
    }
}
