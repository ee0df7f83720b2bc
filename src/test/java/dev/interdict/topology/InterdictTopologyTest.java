package dev.interdict.topology;

import dev.interdict.avro.Decision;
import dev.interdict.avro.LicenseRenewal;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.contract.AvroMapping;
import dev.interdict.contract.JsonContract;
import dev.interdict.lists.JsonlEntities;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.Screener;
import dev.interdict.testutil.Shared;
import dev.interdict.topology.retro.RetroScreening;
import dev.interdict.topology.retro.ScreenedRange;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class InterdictTopologyTest {

    static List<RestrictedEntity> sampleEntities() throws Exception {
        Path p = Shared.file("data/sample-entities.jsonl");
        try (BufferedReader in = Files.newBufferedReader(p)) {
            return JsonlEntities.read(in, p.toString(), r -> fail("rejected " + r));
        }
    }

    static void publish(TopologyFixture f, List<RestrictedEntity> list) {
        list.forEach(e -> f.publishEntity(e.entityId(), AvroMapping.toAvro(e)));
    }

    static void pipe(TopologyFixture f, SpecificRecord event) {
        if (event instanceof PurchaseOrder po) {
            f.orders.pipeInput("k-" + po.getEventId(), po);
        } else {
            LicenseRenewal lr = (LicenseRenewal) event;
            f.renewals.pipeInput("k-" + lr.getEventId(), lr);
        }
    }

    static LicenseRenewal renewal(String eventId, String instant, String vendor) {
        String line = "{\"type\":\"license_renewal\",\"eventId\":\"" + eventId + "\",\"licenseId\":\"L\",\"renewedAt\":\""
                + instant + "\",\"vendor\":{\"name\":\"" + vendor + "\"},\"product\":{\"name\":\"Suite\"},"
                + "\"termStart\":\"2024-10-01\",\"termEnd\":\"2025-09-30\",\"seats\":1,\"amount\":\"1.00\",\"currency\":\"USD\"}";
        return JsonContract.licenseRenewal(JsonContract.parse(line));
    }

    static PurchaseOrder order(String eventId, String instant, String supplier) {
        String line = "{\"type\":\"purchase_order\",\"eventId\":\"" + eventId + "\",\"poNumber\":\"p\",\"orderedAt\":\""
                + instant + "\",\"buyer\":{\"name\":\"B\"},\"supplier\":{\"name\":\"" + supplier
                + "\"},\"lines\":[],\"currency\":\"USD\"}";
        return JsonContract.purchaseOrder(JsonContract.parse(line));
    }

    @Test
    void sharedCasesThroughTheTopologyGiveTheSameDecisionsAsOfflineScreening() throws Exception {
        List<RestrictedEntity> list = sampleEntities();
        Screener offline = new Screener();
        offline.upsertAll(list);
        try (TopologyFixture f = new TopologyFixture()) {
            publish(f, list);
            List<String> expected = new ArrayList<>();
            for (String line : Files.readAllLines(Shared.file("cases/screening-cases.jsonl"))) {
                if (line.isBlank()) {
                    continue;
                }
                SpecificRecord event = JsonContract.event(JsonContract.parse(line));
                expected.add(JsonContract.toLine(JsonContract.decision(offline.screen(AvroMapping.toScreeningEvent(event)))));
                pipe(f, event);
            }
            List<String> actual = f.decisions.readValuesToList().stream()
                    .map(d -> JsonContract.toLine(JsonContract.decision(AvroMapping.fromAvro(d)))).toList();
            assertEquals(expected, actual);
        }
    }

    @Test
    void decisionsAreKeyedByEventIdStampedWithEventTimeAndAlertsKeyedByEntity() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            publish(f, sampleEntities());
            f.orders.pipeInput("whatever", order("po-1", "2024-07-21T14:03:00Z", "Kaspersky Lab, Inc."),
                    Instant.parse("2030-01-01T00:00:00Z"));
            TestRecord<String, Decision> d = f.decisions.readRecord();
            assertEquals("po-1", d.key());
            assertEquals(Instant.parse("2024-07-21T14:03:00Z"), d.getRecordTime());
            assertEquals(dev.interdict.avro.Verdict.VIOLATION, d.value().getVerdict());
            var alert = f.alerts.readRecord();
            assertEquals("icts-2021-002-kaspersky", alert.key());
            assertEquals("po-1", alert.value().getEventId());
            assertEquals(Instant.parse("2024-07-21T14:03:00Z"), alert.getRecordTime());
        }
    }

    @Test
    void futureDatedEventsOutputsCarryTheInputRecordsTimestampSoTheBrokerAcceptsThem() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            publish(f, sampleEntities());
            Instant written = Instant.parse("2026-11-30T10:00:00Z");
            // scheduled two hours ahead of when it was written: the broker refuses timestamps > now + 1 h by default
            f.orders.pipeInput("k", order("po-future", "2026-11-30T12:00:00Z", "Kaspersky Lab, Inc."), written);
            TestRecord<String, Decision> d = f.decisions.readRecord();
            assertEquals(written, d.getRecordTime());
            assertEquals(Instant.parse("2026-11-30T12:00:00Z"), d.value().getEventTime(), "screened as of its own time");
            assertEquals(dev.interdict.avro.Verdict.VIOLATION, d.value().getVerdict());
            assertEquals(written, f.alerts.readRecord().getRecordTime());
        }
    }

    @Test
    void eventArrivingBeforeAnyListIsLoadedIsHeldNeitherDecidedClearNorDeadLettered() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            PurchaseOrder early = order("early", "2024-08-01T00:00:00Z", "Kaspersky Lab, Inc.");
            org.apache.kafka.streams.errors.StreamsException e = org.junit.jupiter.api.Assertions.assertThrows(
                    org.apache.kafka.streams.errors.StreamsException.class, () -> f.orders.pipeInput("k", early));
            assertTrue(ListNotLoadedException.in(e), e::toString);
            assertTrue(f.decisions.isEmpty(), "no verdict without a list");
            assertTrue(f.alerts.isEmpty());
            assertTrue(f.deadLetters.isEmpty(), "not the record's fault: it is read again, not dead-lettered");
            publish(f, sampleEntities());
            f.orders.pipeInput("k", early); // as Kafka Streams reads it again after the failed task
            Decision d = f.decisions.readValue();
            assertEquals("early", d.getEventId());
            assertEquals(dev.interdict.avro.Verdict.VIOLATION, d.getVerdict());
        }
    }

    @Test
    void listUpdateThenEventIsScreenedAgainstTheNewEntry() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            f.publishUnrelated();
            f.orders.pipeInput("k", order("before", "2024-08-01T00:00:00Z", "Kaspersky Lab, Inc."));
            assertEquals(dev.interdict.avro.Verdict.CLEAR, f.decisions.readValue().getVerdict());
            publish(f, sampleEntities());
            f.orders.pipeInput("k", order("after", "2024-08-01T00:00:00Z", "Kaspersky Lab, Inc."));
            assertEquals(dev.interdict.avro.Verdict.VIOLATION, f.decisions.readValue().getVerdict());
            assertEquals(5, f.screener.size());
        }
    }

    @Test
    void tombstoneOnTheListRemovesTheEntity() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            publish(f, sampleEntities());
            f.publishEntity("icts-2021-002-kaspersky", null);
            f.orders.pipeInput("k", order("po", "2024-08-01T00:00:00Z", "Kaspersky Lab, Inc."));
            Decision d = f.decisions.readValue();
            assertTrue(d.getAlerts().stream().noneMatch(a -> a.getEntityId().equals("icts-2021-002-kaspersky")), d::toString);
            assertEquals(3, f.screener.size());
        }
    }

    @Test
    void undecodableEventIsSkippedAndTheStreamGoesOn() throws Exception {
        // TopologyTestDriver does not produce the dead letters of deserialisation errors; the broker
        // integration test checks that they reach the dead-letter topic with the original bytes.
        try (TopologyFixture f = new TopologyFixture()) {
            f.publishUnrelated(); // a list is loaded (without one nothing is decided)
            byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
            f.raw(f.topics.purchaseOrders()).pipeInput("bad".getBytes(StandardCharsets.UTF_8), garbage);
            f.orders.pipeInput("k", order("good", "2024-08-01T00:00:00Z", "Anyone"));
            assertEquals(List.of("good"), f.decisions.readValuesToList().stream().map(Decision::getEventId).toList());
        }
    }

    @Test
    void eventThatFailsScreeningGoesToTheDeadLetterTopicWithOriginalBytesAndReason() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            f.publishUnrelated(); // a list is loaded (without one nothing is decided)
            PurchaseOrder before1970 = order("old", "1969-12-31T23:59:59Z", "Anyone");
            byte[] original = f.serdes.purchaseOrders().serializer().serialize(f.topics.purchaseOrders(), before1970);
            f.raw(f.topics.purchaseOrders()).pipeInput("k".getBytes(StandardCharsets.UTF_8), original);
            f.orders.pipeInput("k", order("good", "2024-08-01T00:00:00Z", "Anyone"));
            TestRecord<byte[], byte[]> dead = f.deadLetters.readRecord();
            assertArrayEquals(original, dead.value());
            assertArrayEquals("k".getBytes(StandardCharsets.UTF_8), dead.key());
            Header exception = dead.headers().lastHeader("__streams.errors.exception");
            assertNotNull(exception, "reason header");
            String message = new String(dead.headers().lastHeader("__streams.errors.message").value(), StandardCharsets.UTF_8);
            assertTrue(message.contains("before 1970"), message);
            assertEquals(f.topics.purchaseOrders(), new String(dead.headers().lastHeader("__streams.errors.topic").value(), StandardCharsets.UTF_8));
            assertEquals(List.of("good"), f.decisions.readValuesToList().stream().map(Decision::getEventId).toList());
            assertTrue(f.deadLetters.isEmpty());
        }
    }

    @Test
    void invalidListRecordGoesToTheDeadLetterTopicAndIsNotIndexed() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            var noRestrictions = AvroMapping.toAvro(sampleEntities().get(1));
            noRestrictions.setRestrictions(List.of());
            f.publishEntity(noRestrictions.getEntityId(), noRestrictions);
            TestRecord<byte[], byte[]> dead = f.validatorDeadLetters.readRecord();
            String message = new String(dead.headers().lastHeader("__streams.errors.message").value(), StandardCharsets.UTF_8);
            assertTrue(message.contains("no restriction"), message);
            assertEquals(0, f.screener.size());
            assertTrue(f.deadLetters.isEmpty(), "the main topology skips it without a second dead letter");
        }
    }

    @Test
    void invalidUpdateOfAListedEntityIsADeadLetterNamingTheRestrictionAndThePreviousEntryKeepsScreening()
            throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            publish(f, sampleEntities());
            var kaspersky = AvroMapping.toAvro(sampleEntities().stream()
                    .filter(e -> e.entityId().equals("icts-2021-002-kaspersky")).findFirst().orElseThrow());
            var broken = dev.interdict.avro.RestrictedEntity.newBuilder(kaspersky).build();
            var restrictions = new ArrayList<>(broken.getRestrictions());
            var second = dev.interdict.avro.Restriction.newBuilder(restrictions.get(0))
                    .setEffectiveFrom(Instant.parse("2025-01-01T00:00:00Z"))
                    .setEffectiveUntil(Instant.parse("2024-01-01T00:00:00Z")).build();
            restrictions.add(second);
            broken.setRestrictions(restrictions);
            f.publishEntity(broken.getEntityId(), broken);
            String message = new String(f.validatorDeadLetters.readRecord().headers()
                    .lastHeader("__streams.errors.message").value(), StandardCharsets.UTF_8);
            assertTrue(message.contains("restrictions[" + (restrictions.size() - 1) + "]")
                    && message.contains("effectiveUntil"), message);
            f.orders.pipeInput("k", order("po", "2024-08-01T00:00:00Z", "Kaspersky Lab, Inc."));
            Decision d = f.decisions.readValue();
            assertEquals(dev.interdict.avro.Verdict.VIOLATION, d.getVerdict(), "fail closed: the entry listed before stays");
        }
    }

    @Test
    void tombstoneOnAnEventTopicIsADeadLetterNotASilentDrop() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            f.orders.pipeInput("k", (PurchaseOrder) null);
            String message = new String(f.deadLetters.readRecord().headers().lastHeader("__streams.errors.message").value(),
                    StandardCharsets.UTF_8);
            assertTrue(message.contains("tombstone"), message);
            assertTrue(f.decisions.isEmpty());
        }
    }

    @Test
    void sameInputGivesByteIdenticalDecisionsWhateverTheWallClock() throws Exception {
        List<byte[]> first = new ArrayList<>();
        List<byte[]> second = new ArrayList<>();
        for (List<byte[]> out : List.of(first, second)) {
            try (TopologyFixture f = new TopologyFixture()) {
                publish(f, sampleEntities());
                f.driver.advanceWallClockTime(java.time.Duration.ofDays(out == first ? 1 : 400));
                var raw = f.driver.createOutputTopic(f.topics.decisions(),
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer());
                for (String line : Files.readAllLines(Shared.file("cases/screening-cases.jsonl"))) {
                    if (!line.isBlank()) {
                        pipe(f, JsonContract.event(JsonContract.parse(line)));
                    }
                }
                raw.readValuesToList().forEach(out::add);
            }
        }
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), second.get(i), "decision " + i);
        }
    }


    @Test
    void entityAddedAfterAnEventRaisesOneRetroAlertForIt() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            f.publishUnrelated(); // a list is loaded (without one nothing is decided)
            f.orders.pipeInput("k", order("early", "2024-08-01T00:00:00Z", "Kaspersky Lab, Inc."));
            assertEquals(dev.interdict.avro.Verdict.CLEAR, f.decisions.readValue().getVerdict());
            assertTrue(f.alerts.isEmpty());
            publish(f, sampleEntities());
            f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(2));
            var retro = f.alerts.readRecordsToList();
            assertEquals(List.of("icts-2021-002-kaspersky"), retro.stream().map(r -> r.key()).toList());
            var alert = retro.get(0).value();
            assertTrue(alert.getRetro(), alert::toString);
            assertEquals("early", alert.getEventId());
            assertTrue(alert.getListChange().contains("icts-2021-002-kaspersky"), alert.getListChange());
            assertEquals(Instant.parse("2024-08-01T00:00:00Z"), retro.get(0).getRecordTime(), "stamped with event time");
            assertTrue(f.decisions.isEmpty(), "the decision is not rewritten");
            // the same entity published again: the alert was raised already
            publish(f, sampleEntities());
            f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(2));
            assertTrue(f.alerts.isEmpty(), "a retro alert is raised once");
            // an event screened after the change gets an ordinary alert, not a retro one
            f.orders.pipeInput("k", order("late", "2024-08-02T00:00:00Z", "Kaspersky Lab, Inc."));
            assertEquals(false, f.alerts.readValue().getRetro());
        }
    }

    @Test
    void retroScreeningIgnoresEventsOlderThanTheLookback() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            f.publishUnrelated(); // a list is loaded (without one nothing is decided)
            f.orders.pipeInput("k", order("old", "2024-08-01T00:00:00Z", "Kaspersky Lab, Inc."));
            // stream time moves 91 days on: the first event falls out of the 90-day lookback
            f.orders.pipeInput("k", order("new", "2024-10-31T00:00:00Z", "Acme Widgets"));
            f.decisions.readValuesToList();
            publish(f, sampleEntities());
            f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(2));
            assertTrue(f.alerts.isEmpty(), "no retro alert for an event older than the lookback");
        }
    }

    @Test
    void eventsInManyRangesAndBothTopicsAreAllRetroScreenedOnceSkippingRecordsThatWereNeverEvents() throws Exception {
        int n = RetroScreening.RANGE_RECORDS + 500;
        try (TopologyFixture f = new TopologyFixture()) {
            f.publishUnrelated(); // a list is loaded (without one nothing is decided)
            for (int i = 0; i < n; i++) {
                f.orders.pipeInput("k", order("e" + i, "2024-08-01T00:00:00Z", "Kaspersky Lab, Inc."));
                if (i == 7) {
                    f.raw(f.topics.purchaseOrders()).pipeInput("bad".getBytes(StandardCharsets.UTF_8),
                            "not avro".getBytes(StandardCharsets.UTF_8));
                }
            }
            f.renewals.pipeInput("k", renewal("r1", "2024-09-30T00:00:00Z", "Kaspersky Lab, Inc."));
            assertEquals(n + 1, f.decisions.readValuesToList().size());
            // (the undecodable record at offset 8 is inside the range: TopologyTestDriver skips it without a dead letter)
            KeyValueStore<Long, byte[]> store = f.driver.getKeyValueStore(InterdictTopology.SCREENED_RANGES_STORE);
            assertEquals(2, count(store), "a closed range and the open one");
            publish(f, sampleEntities());
            f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(2));
            var retro = f.alerts.readValuesToList();
            assertTrue(retro.stream().allMatch(a -> a.getRetro()));
            var events = retro.stream().map(a -> a.getEventId()).collect(java.util.stream.Collectors.toSet());
            assertEquals(n + 1, events.size(), "every screened event is re-screened");
            assertTrue(events.contains("r1"), "renewals are re-screened too");
            assertEquals(retro.size(), retro.stream().map(a -> a.getAlertId()).distinct().count(), "no alert twice");
            publish(f, sampleEntities());
            f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(2));
            assertTrue(f.alerts.isEmpty(), "the raised alert ids were written back into their ranges");
        }
    }

    @Test
    void republishingTheUnchangedListIsNoChangeNothingIsReadBackAndNoAlertRaised() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            f.publishUnrelated();
            for (int i = 0; i < 50; i++) {
                f.orders.pipeInput("k", order("e" + i, "2024-08-01T00:00:00Z", i % 5 == 0 ? "Kaspersky Lab, Inc." : "Acme"));
            }
            publish(f, sampleEntities());
            f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(2));
            assertEquals(10, f.alerts.readValuesToList().size(), "the first publication is a change");
            long read = f.inputLog.recordsRead.get();
            publish(f, sampleEntities()); // the daily reload of the same list
            f.publishUnrelated();
            f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(2));
            assertEquals(read, f.inputLog.recordsRead.get(), "no event read back for a republish");
            assertTrue(f.alerts.isEmpty());
        }
    }

    @Test
    void aListChangeReadsBackOnlyTheEventsWhoseTextsMayMatchTheChangedEntities() throws Exception {
        int n = RetroScreening.RANGE_RECORDS + 2_000; // a closed range and the open one
        try (TopologyFixture f = new TopologyFixture()) {
            f.publishUnrelated();
            String[] suppliers = {"Acme Widgets Ltd", "Globex Corporation", "Initech LLC", "Umbrella Trading GmbH"};
            int listed = 0;
            for (int i = 0; i < n; i++) {
                boolean kaspersky = i % 2_500 == 42; // further apart than one read-back span
                listed += kaspersky ? 1 : 0;
                PurchaseOrder po = order("e" + i, "2024-08-01T00:00:00Z", kaspersky ? "Kaspersky Lab, Inc."
                        : suppliers[i % suppliers.length]);
                f.orders.pipeInput("k", po);
            }
            f.decisions.readValuesToList();
            publish(f, sampleEntities());
            f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(2));
            var retro = f.alerts.readValuesToList();
            assertEquals(listed, retro.stream().map(a -> a.getEventId()).distinct().count(), "every listed event");
            assertEquals(listed, f.inputLog.recordsRead.get(),
                    "only the events naming Kaspersky are read back, not the " + n + " in the lookback");
        }
    }

    @Test
    void aRetroJobReadsOnlyTheRangesThatHoldATextThatMayMatchNotEveryRangeOfTheLookback() throws Exception {
        int ranges = 5;
        try (TopologyFixture f = new TopologyFixture()) {
            f.publishUnrelated();
            for (int i = 0; i < ranges * RetroScreening.RANGE_RECORDS + 10; i++) {
                boolean kaspersky = i == 2 * RetroScreening.RANGE_RECORDS + 42; // in the third range only
                f.orders.pipeInput("k", order("e" + i, "2024-08-01T00:00:00Z", kaspersky ? "Kaspersky Lab, Inc."
                        : "Acme Widgets Ltd"));
            }
            f.decisions.readValuesToList();
            publish(f, sampleEntities());
            f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(2));
            assertEquals(List.of("e" + (2 * RetroScreening.RANGE_RECORDS + 42)),
                    f.alerts.readValuesToList().stream().map(a -> a.getEventId().toString()).toList());
            assertEquals(1, f.retroJobs.jobs.get());
            assertEquals(1, f.retroJobs.rangesRead.get(), "the one closed range naming Kaspersky is read, not the "
                    + ranges + " of the lookback");
            assertEquals(1, f.inputLog.recordsRead.get());
        }
    }

    @Test
    void aRetroJobProbesEachDistinctTextOnceWhateverTheNumberOfRangesThatHoldIt() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            f.publishUnrelated();
            String[] suppliers = {"Acme Widgets Ltd", "Globex Corporation", "Initech LLC"};
            for (int i = 0; i < 4 * RetroScreening.RANGE_RECORDS; i++) { // the same texts in four ranges
                f.orders.pipeInput("k", order("e" + i, "2024-08-01T00:00:00Z", suppliers[i % suppliers.length]));
            }
            publish(f, sampleEntities());
            f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(2));
            // the three suppliers (the buyer is not screened), each probed once; none may match: no range is read
            assertEquals(3, f.retroJobs.textsProbed.get());
            assertEquals(0, f.retroJobs.rangesRead.get());
            assertEquals(0, f.inputLog.recordsRead.get());
            KeyValueStore<Integer, byte[]> texts = f.driver.getKeyValueStore(InterdictTopology.RETRO_TEXTS_STORE);
            assertEquals(3, count(texts), "each text once in the dictionary, not once per range");
        }
    }

    @Test
    void rangesCloseAtTheirRecordCountWhateverTheAlertRateTheAlertIdsAreKeptApart() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            publish(f, sampleEntities());
            for (int i = 0; i < 3_000; i++) { // every event raises an alert
                f.orders.pipeInput("k", order("e" + i, "2024-08-01T00:00:00Z", "Kaspersky Lab, Inc."));
            }
            assertEquals(3_000, f.alerts.readValuesToList().size());
            f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(1));
            KeyValueStore<Long, byte[]> ranges = f.driver.getKeyValueStore(InterdictTopology.SCREENED_RANGES_STORE);
            assertEquals(1, count(ranges), "3,000 events raising 3,000 alerts (100 KB of ids) are one open range");
            assertTrue(ranges.get(0L).length < 100, "no alert id in the range: " + ranges.get(0L).length + " bytes");
            KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]> raised =
                    f.driver.getKeyValueStore(InterdictTopology.RETRO_RAISED_STORE);
            assertEquals(3_000, count(raised), "the ids kept per event in their own store");
            // the same entity changed again: nothing raised twice
            var changed = AvroMapping.toAvro(sampleEntities().stream()
                    .filter(e -> e.entityId().equals("icts-2021-002-kaspersky")).findFirst().orElseThrow());
            changed.setName(changed.getName() + " ");
            f.publishEntity(changed.getEntityId(), changed);
            f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(2));
            assertTrue(f.alerts.isEmpty(), "the live alerts' ids keep them from being raised again as retro alerts");
        }
    }

    @Test
    void dictionaryTextsExpireWithTheLastRangeThatHoldsThem() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            f.publishUnrelated();
            for (int i = 0; i < RetroScreening.RANGE_RECORDS; i++) {
                f.orders.pipeInput("k", order("old" + i, "2024-08-01T00:00:00Z", i % 2 == 0 ? "Old Supplier Ltd"
                        : "Kept Supplier Ltd"));
            }
            // the next range (open) holds only the kept supplier, 91 days later: the first range falls out
            f.orders.pipeInput("k", order("new", "2024-10-31T00:00:00Z", "Kept Supplier Ltd"));
            KeyValueStore<Integer, byte[]> texts = f.driver.getKeyValueStore(InterdictTopology.RETRO_TEXTS_STORE);
            assertEquals(2, count(texts), "the two suppliers");
            f.driver.advanceWallClockTime(RetroScreening.PURGE_EVERY.plusSeconds(1));
            List<String> left = new ArrayList<>();
            try (var it = texts.all()) {
                it.forEachRemaining(kv -> left.add(new String(kv.value, 1, kv.value.length - 1, StandardCharsets.UTF_8)));
            }
            assertEquals(List.of("Kept Supplier Ltd"), left,
                    "the text only the expired range held is deleted with it");
        }
    }

    @Test
    void aLongRetroJobRunsInSlicesBetweenFreshEventsAndGoesOnWhereItStopped() throws Exception {
        int n = 2 * RetroScreening.RANGE_RECORDS + 100; // two closed ranges and the open one
        try (TopologyFixture f = new TopologyFixture(java.time.Duration.ZERO)) { // one range per tick
            f.publishUnrelated();
            for (int i = 0; i < n; i++) {
                f.orders.pipeInput("k", order("e" + i, "2024-08-01T00:00:00Z", i % 10 == 0 ? "Kaspersky Lab, Inc." : "Acme"));
            }
            f.decisions.readValuesToList();
            publish(f, sampleEntities());
            f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(2));
            List<String> first = f.alerts.readValuesToList().stream().map(a -> a.getEventId().toString()).toList();
            assertEquals(RetroScreening.RANGE_RECORDS / 10, first.size(), "one range in the first slice");
            // a fresh event is decided while the job is under way
            f.orders.pipeInput("k", order("fresh", "2024-08-02T00:00:00Z", "Kaspersky Lab, Inc."));
            assertEquals(dev.interdict.avro.Verdict.VIOLATION, f.decisions.readValue().getVerdict());
            assertTrue(f.alerts.readValuesToList().stream().noneMatch(a -> a.getRetro()), "its alert, live");
            f.driver.advanceWallClockTime(RetroScreening.TICK);
            assertEquals(RetroScreening.RANGE_RECORDS / 10, f.alerts.readValuesToList().size(), "the second range");
            f.driver.advanceWallClockTime(RetroScreening.TICK);
            var rest = f.alerts.readValuesToList();
            assertEquals(10, rest.size(), "the open range, and the job is done");
            f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(2));
            assertTrue(f.alerts.isEmpty(), "nothing raised twice");
        }
    }

    @Test
    void retroScreeningKeepsOffsetsNotCopiesOfTheEvents() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            f.publishUnrelated(); // a list is loaded (without one nothing is decided)
            for (int i = 0; i < 1000; i++) {
                f.orders.pipeInput("k", order("e" + i, "2024-08-01T00:00:00Z", "Kaspersky Lab, Inc."));
            }
            f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(1)); // the open range is written
            KeyValueStore<Long, byte[]> store = f.driver.getKeyValueStore(InterdictTopology.SCREENED_RANGES_STORE);
            byte[] open = store.get(0L);
            assertTrue(open.length < 100, "1,000 events without alerts keep " + open.length + " bytes");
            ScreenedRange range = ScreenedRange.decode(open);
            assertArrayEquals(new long[] {0, 999}, range.offsets().get(f.topics.purchaseOrders()));
            assertEquals(1000, range.records());
        }
    }

    @Test
    void eventsNoLongerInTheInputTopicAreNotRetroScreenedAndTheRestAre() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            f.publishUnrelated(); // a list is loaded (without one nothing is decided)
            for (int i = 0; i < 10; i++) {
                f.orders.pipeInput("k", order("e" + i, "2024-08-01T00:00:00Z", "Kaspersky Lab, Inc."));
            }
            f.inputLog.logStart.put(f.topics.purchaseOrders(), 4L); // retention deleted offsets 0-3
            publish(f, sampleEntities());
            f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(2));
            assertEquals(List.of("e4", "e5", "e6", "e7", "e8", "e9"),
                    f.alerts.readValuesToList().stream().map(a -> a.getEventId().toString()).sorted().toList());
        }
    }

    @Test
    void purgeDeletesRangesWhoseEventsAllFellOutOfTheLookback() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            f.publishUnrelated(); // a list is loaded (without one nothing is decided)
            for (int i = 0; i < RetroScreening.RANGE_RECORDS; i++) {
                f.orders.pipeInput("k", order("old" + i, "2024-08-01T00:00:00Z", "Acme Widgets"));
            }
            KeyValueStore<Long, byte[]> store = f.driver.getKeyValueStore(InterdictTopology.SCREENED_RANGES_STORE);
            assertEquals(2, count(store), "the full range is closed, the next one opened");
            f.orders.pipeInput("k", order("new", "2024-10-31T00:00:00Z", "Acme Widgets"));
            f.driver.advanceWallClockTime(RetroScreening.PURGE_EVERY.plusSeconds(1));
            try (var it = store.all()) {
                var only = it.next();
                assertEquals(1L, only.key, "the closed range of old events is deleted");
                assertEquals(Instant.parse("2024-10-31T00:00:00Z").toEpochMilli(),
                        ScreenedRange.decode(only.value).maxEventTime());
                assertTrue(!it.hasNext());
            }
        }
    }

    private static int count(KeyValueStore<?, byte[]> store) {
        int n = 0;
        try (var it = store.all()) {
            for (; it.hasNext(); it.next()) {
                n++;
            }
        }
        return n;
    }
}
