package dev.interdict.topology;

import dev.interdict.avro.PurchaseOrder;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.ScreeningEvent;
import dev.interdict.screening.Screener;
import dev.interdict.serde.MockSchemaRegistryClient;
import dev.interdict.testutil.ItApp;
import dev.interdict.topology.retro.InputDecoder;
import dev.interdict.topology.retro.ListChanges;
import dev.interdict.topology.retro.RetroScreening;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Retro-screening after a restart: a new instance of the task's processor, given the stores as the changelogs restore
 * them, goes on with the same text dictionary (the ids its ranges refer to) and finds the ranges that hold a text
 * through it, without reading every range.
 */
@SuppressWarnings("unchecked")
class RetroRestartTest {
    final String scope = "retro-restart-" + UUID.randomUUID();
    final InterdictSerdes serdes = InterdictSerdes.from(InterdictSerdes.avro(Map.of("schema.registry.url", "mock://" + scope)));
    final String topic = TopicNames.DEFAULTS.purchaseOrders();
    final RecordedInputLog inputLog = new RecordedInputLog();
    final EventDeserializer orders = EventDeserializer.purchaseOrders(serdes.purchaseOrders().deserializer());
    final InputDecoder decoder = new InputDecoder(topic, orders,
            EventDeserializer.licenseRenewals(serdes.licenseRenewals().deserializer()));
    final Screener screener = new Screener();
    final ListChanges changes = new ListChanges();
    final TopologyFixture.RetroJobs jobs = new TopologyFixture.RetroJobs();
    final KeyValueStore<Long, byte[]> ranges = store(RetroScreening.RANGES_STORE, Serdes.Long());
    final KeyValueStore<String, byte[]> progress = store(RetroScreening.PROGRESS_STORE, Serdes.String());
    final KeyValueStore<Integer, byte[]> texts = store(RetroScreening.TEXTS_STORE, Serdes.Integer());
    final KeyValueStore<Bytes, byte[]> raised = store(RetroScreening.RAISED_STORE, Serdes.Bytes());

    private static <K> KeyValueStore<K, byte[]> store(String name, org.apache.kafka.common.serialization.Serde<K> keys) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, Serdes.ByteArray())
                .withLoggingDisabled().build();
    }

    @AfterEach
    void dropRegistry() {
        MockSchemaRegistryClient.dropScope(scope);
    }

    /** The stores opened (before anything is written to them). */
    private MockProcessorContext<String, SpecificRecord> openStores() {
        MockProcessorContext<String, SpecificRecord> ctx = new MockProcessorContext<>();
        for (var s : List.of(ranges, progress, texts, raised)) {
            if (!s.isOpen()) {
                s.init(ctx.getStateStoreContext(), s);
            }
            ctx.addStateStore(s);
        }
        return ctx;
    }

    /** A task's processor (its retro part) started on the stores as they are. */
    private MockProcessorContext<String, SpecificRecord> start(RetroScreening retro) {
        MockProcessorContext<String, SpecificRecord> ctx = openStores();
        ctx.setCurrentStreamTimeMs(java.time.Instant.parse("2024-08-02T00:00:00Z").toEpochMilli());
        retro.init(ctx);
        return ctx;
    }

    private RetroScreening retro() {
        return new RetroScreening(screener, jobs, changes, Duration.ofDays(90), configs -> inputLog, decoder,
                Duration.ofMinutes(1));
    }

    private void screen(RetroScreening retro, long offset, String supplier) {
        PurchaseOrder po = InterdictTopologyTest.order("e" + offset, "2024-08-01T00:00:00Z", supplier);
        byte[] bytes = inputLog.recording(topic, serdes.purchaseOrders().serializer()).serialize(topic, po);
        ScreeningEvent event = orders.deserialize(topic, bytes);
        retro.screened(meta(offset), event, screener.screen(event));
    }

    private RecordMetadata meta(long offset) {
        return new RecordMetadata() {
            public String topic() {
                return topic;
            }

            public int partition() {
                return 0;
            }

            public long offset() {
                return offset;
            }
        };
    }

    private static void tick(MockProcessorContext<String, SpecificRecord> ctx, long wallClock) {
        ctx.scheduledPunctuators().stream().filter(p -> p.getType() == PunctuationType.WALL_CLOCK_TIME)
                .forEach(p -> p.getPunctuator().punctuate(wallClock));
    }

    @Test
    void theTextDictionarySurvivesARestartAndAJobAfterItStillReadsOnlyTheRangesThatHoldAMatchingText()
            throws Exception {
        RestrictedEntity unrelated = ItApp.unrelatedEntity();
        screener.upsert(unrelated);
        changes.changed(unrelated.entityId(), 0);
        RetroScreening before = retro();
        start(before);
        int n = 3 * RetroScreening.RANGE_RECORDS + 500;
        long kaspersky = RetroScreening.RANGE_RECORDS + 7; // in the second range
        for (long o = 0; o < n; o++) {
            screen(before, o, o == kaspersky ? "Kaspersky Lab, Inc." : o % 2 == 0 ? "Acme Widgets Ltd" : "Globex Corp");
        }
        Map<Integer, String> dictionary = contents(texts);
        assertEquals(3, dictionary.size());
        before.close();

        // a fresh processor on the restored stores (the open range's records read back from the input)
        RetroScreening after = retro();
        MockProcessorContext<String, SpecificRecord> ctx = start(after);
        assertEquals(dictionary, contents(texts), "the same texts with the same ids: the ranges' ids still mean them");
        for (long o = n; o < n + 10; o++) {
            screen(after, o, "Globex Corp"); // known texts: no new entry
        }
        assertEquals(dictionary, contents(texts));

        RestrictedEntity listed = InterdictTopologyTest.sampleEntities().stream()
                .filter(e -> e.entityId().equals("icts-2021-002-kaspersky")).findFirst().orElseThrow();
        screener.upsert(listed);
        changes.changed(listed.entityId(), 1);
        long read = inputLog.recordsRead.get();
        tick(ctx, System.currentTimeMillis());
        List<String> alerted = new ArrayList<>();
        ctx.forwarded().forEach(r -> alerted.add(((dev.interdict.avro.Alert) r.record().value()).getEventId()));
        assertEquals(List.of("e" + kaspersky), alerted);
        assertEquals(1, jobs.jobs.get());
        assertEquals(1, jobs.rangesRead.get(), "found through the restored dictionary: one of three closed ranges");
        assertEquals(3, jobs.textsProbed.get(), "each text once");
        assertEquals(1, inputLog.recordsRead.get() - read, "only the event naming Kaspersky read back");
        after.close();
    }

    @Test
    void aProcessorInitialisedAgainRebuildsWhatItHoldsInMemoryFromTheStoresNotFromBefore() throws Exception {
        RestrictedEntity unrelated = ItApp.unrelatedEntity();
        screener.upsert(unrelated);
        changes.changed(unrelated.entityId(), 0);
        RetroScreening retro = retro();
        start(retro);
        for (long o = 0; o < 10; o++) {
            screen(retro, o, "Acme Widgets Ltd");
        }
        // the transaction is aborted: the task's state is restored without it, and the same processor is initialised
        // again (a task revived after a failure)
        for (var store : List.of(ranges, texts, progress)) {
            List<Object> keys = new ArrayList<>();
            try (var it = store.all()) {
                it.forEachRemaining(kv -> keys.add(kv.key));
            }
            keys.forEach(k -> ((KeyValueStore<Object, byte[]>) (KeyValueStore<?, byte[]>) store).delete(k));
        }
        start(retro);
        screen(retro, 0, "Globex Corp");
        screen(retro, 1, "Acme Widgets Ltd");
        assertEquals(List.of("Globex Corp", "Acme Widgets Ltd"), contents(texts).values().stream()
                .map(v -> v.substring(1)).toList(), "each text written again, with ids from 0");
        retro.close();
    }

    /** A range as an earlier version wrote it: format 3 (alert ids kept in it) or 4 (and its texts themselves). */
    private byte[] legacyRange(int format, long first, long last, long raisedAt, String raisedId, Map<Long, String> texts)
            throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(format);
            out.writeLong(java.time.Instant.parse("2024-08-01T00:00:00Z").toEpochMilli());
            out.writeInt((int) (last - first + 1));
            out.writeInt(1);
            out.writeUTF(topic);
            out.writeLong(first);
            out.writeLong(last);
            out.writeInt(1);
            out.writeUTF(topic);
            out.writeInt(raisedId == null ? 0 : 1);
            if (raisedId != null) {
                out.writeShort(0);
                out.writeLong(raisedAt);
                out.writeUTF(raisedId);
            }
            if (format == 4) {
                out.writeBoolean(texts != null);
                if (texts != null) {
                    Map<String, List<Long>> byText = new java.util.TreeMap<>();
                    texts.forEach((o, t) -> byText.computeIfAbsent(t, k -> new ArrayList<>()).add(o));
                    out.writeByte(1);
                    out.writeUTF(topic);
                    out.writeInt(byText.size());
                    for (var e : byText.entrySet()) {
                        out.writeByte(dev.interdict.screening.NameField.Role.PARTY.ordinal());
                        out.writeUTF(e.getKey());
                        writeVarLong(out, e.getValue().size());
                        long previous = 0;
                        for (long o : e.getValue().stream().sorted().toList()) {
                            writeVarLong(out, (o - previous) << 2);
                            previous = o;
                        }
                    }
                }
            }
        }
        return bytes.toByteArray();
    }

    private static void writeVarLong(java.io.DataOutputStream out, long v) throws java.io.IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    @Test
    void rangesOfEarlierFormatsAreStillReadFormat4TextsMoveIntoTheDictionaryFormat3IsReadWholeOnceAndTheirAlertIdsKept()
            throws Exception {
        RestrictedEntity unrelated = ItApp.unrelatedEntity();
        screener.upsert(unrelated);
        changes.changed(unrelated.entityId(), 0);
        RestrictedEntity listed = InterdictTopologyTest.sampleEntities().stream()
                .filter(e -> e.entityId().equals("icts-2021-002-kaspersky")).findFirst().orElseThrow();
        Screener withListed = new Screener();
        withListed.upsert(listed);
        Map<Long, String> rangeTexts = new java.util.TreeMap<>();
        String raisedBefore = null;
        for (long o = 0; o < 210; o++) { // ranges 0 (format 4), 1 (format 3), 2 (the open one, format 3)
            String supplier = o == 5 || o == 150 || o == 205 ? "Kaspersky Lab, Inc." : "Acme Widgets Ltd";
            PurchaseOrder po = InterdictTopologyTest.order("e" + o, "2024-08-01T00:00:00Z", supplier);
            byte[] bytes = inputLog.recording(topic, serdes.purchaseOrders().serializer()).serialize(topic, po);
            if (o < 100) {
                rangeTexts.put(o, supplier);
            }
            if (o == 150) { // its alert was raised (by an earlier job): its id is kept in range 1
                raisedBefore = withListed.screen(orders.deserialize(topic, bytes)).alerts().get(0).alertId();
            }
        }
        openStores();
        ranges.put(0L, legacyRange(4, 0, 99, -1, null, rangeTexts));
        ranges.put(1L, legacyRange(3, 100, 199, 150, raisedBefore, null));
        ranges.put(2L, legacyRange(3, 200, 209, -1, null, null));
        progress.put("progress", java.nio.ByteBuffer.allocate(25).put((byte) 1).putLong(0).putLong(-1).putLong(0)
                .array());

        RetroScreening retro = retro();
        MockProcessorContext<String, SpecificRecord> ctx = start(retro);
        assertEquals(2, contents(texts).size(), "format 4's texts moved into the dictionary");
        assertEquals(5, ranges.get(0L)[0], "and the range written again as format 5");
        assertEquals(3, ranges.get(1L)[0], "format 3 knows no texts: kept until it is read whole");

        screener.upsert(listed);
        changes.changed(listed.entityId(), 1);
        long read = inputLog.recordsRead.get();
        tick(ctx, System.currentTimeMillis());
        List<String> alerted = new ArrayList<>();
        ctx.forwarded().forEach(r -> alerted.add(((dev.interdict.avro.Alert) r.record().value()).getEventId()));
        assertEquals(List.of("e5", "e205"), alerted, "e150's alert id was kept in its format 3 range: not raised again");
        assertEquals(1 + 100 + 1, inputLog.recordsRead.get() - read, "format 4: the matching event; format 3: whole");
        assertEquals(5, ranges.get(1L)[0], "read whole once, then written again with its text ids");

        ctx.resetForwards();
        changes.changed(listed.entityId(), 2); // the entity changed again
        read = inputLog.recordsRead.get();
        tick(ctx, System.currentTimeMillis() + 2_000);
        assertEquals(0, ctx.forwarded().size(), "nothing raised twice");
        assertEquals(3, inputLog.recordsRead.get() - read, "only the events naming Kaspersky, in every range");
        retro.close();
    }

    private static Map<Integer, String> contents(KeyValueStore<Integer, byte[]> store) {
        Map<Integer, String> m = new java.util.TreeMap<>();
        try (var it = store.all()) {
            it.forEachRemaining(kv -> m.put(kv.key, new String(kv.value, java.nio.charset.StandardCharsets.UTF_8)));
        }
        return m;
    }
}
