package dev.interdict.topology;

import dev.interdict.contract.AvroMapping;
import dev.interdict.screening.Alert;
import dev.interdict.screening.Decision;
import dev.interdict.screening.ScreeningEvent;
import dev.interdict.screening.Screener;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Screens each event and forwards its decision (key eventId) and each of its alerts (key entityId). With
 * retro-screening on, it also records which input offsets it screened, the latest event time among them and the ids
 * of the alerts raised ({@link ScreenedRange}), in a changelogged store; every second it takes the list changes this
 * instance applied since it last looked ({@link ListChanges}), reads the events of the last {@code lookback} of event
 * time back from the input topics ({@link InputLog}) and re-screens them against the changed entities, forwarding
 * each new alert once, marked {@code retro}.
 *
 * <p>The events themselves are not kept: keeping a copy of each (about 150 bytes through RocksDB and a changelog)
 * cost a third of the throughput. A range is closed (written once under its number) at {@link #RANGE_RECORDS}
 * records or {@link #RANGE_RAISED_BYTES} of alert ids. The open range is written under the next number with every
 * event that raises an alert (the store is cached: the record cache takes the rewrites, and the last one is
 * committed with the input offsets, so the ids of every committed alert are kept), every second, when a range closes,
 * and when the task first reads a topic. The records processed after the last write and before a crash or a restart
 * raised no alert; they are read back when the task starts again, up to the application's committed offsets, so
 * that no committed event is left out of the ranges.
 */
final class ScreenProcessor implements Processor<String, ScreeningEvent, String, SpecificRecord> {
    /** A range is closed once it covers this many records... */
    static final int RANGE_RECORDS = 10_000;
    /**
     * ...or its ids of raised alerts take this many bytes. Small, as the open range is written (to the record cache)
     * with every event that raises an alert.
     */
    static final int RANGE_RAISED_BYTES = 1_024;
    /** How often ranges whose events are all older than the lookback are deleted (a scan of the store's keys). */
    static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    /** The screening time is measured on one event in this many (a power of two). */
    static final int TIME_ONE_IN = 16;

    private static final Logger LOG = LoggerFactory.getLogger(ScreenProcessor.class);

    private final Screener screener;
    private final ScreeningObserver observer;
    private final ListChanges changes;
    private final Duration lookback;
    private final InputLog.Opener inputs;
    private final InputDecoder decoder;
    private final String purchaseOrders;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<Long, byte[]> store;
    private InputLog input;
    private int cursor;
    private long screened;
    private long lastPurge;
    /** The open range and its key (ranges are numbered in order). */
    private long rangeKey;
    private ScreenedRange range;
    /** Whether the open range changed since it was last written. */
    private boolean dirty;

    /**
     * @param lookback null = retro-screening off
     */
    ScreenProcessor(Screener screener, ScreeningObserver observer, ListChanges changes, Duration lookback,
                    InputLog.Opener inputs, InputDecoder decoder, String purchaseOrders) {
        this.purchaseOrders = purchaseOrders;
        this.screener = screener;
        this.observer = observer;
        this.changes = changes;
        this.lookback = lookback;
        this.inputs = inputs;
        this.decoder = decoder;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        if (lookback == null) {
            return;
        }
        store = context.getStateStore(InterdictTopology.SCREENED_RANGES_STORE);
        // after a restart the last range is the open one: it goes on filling
        try (KeyValueIterator<Long, byte[]> last = store.reverseAll()) {
            if (last.hasNext()) {
                var kv = last.next();
                rangeKey = kv.key;
                range = ScreenedRange.decode(kv.value);
            }
        }
        // Nothing screened yet (a new task): every list change applied so far is in the index this task screens with,
        // so only later changes need a retro scan. Events screened by an earlier instance, though, are checked once
        // against the whole list: it may have changed since they were screened.
        cursor = range == null ? changes.size() : 0;
        if (range == null) {
            range = new ScreenedRange();
        } else {
            readBackMissedEvents();
        }
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::retroScreen);
    }

    @Override
    public void process(Record<String, ScreeningEvent> record) {
        ScreeningEvent event = event(record.value());
        if (screener.size() == 0) {
            throw new ListNotLoadedException(event.eventId()); // no list, no verdict: held, not decided CLEAR
        }
        boolean timed = (++screened & (TIME_ONE_IN - 1)) == 0;
        long t0 = timed ? System.nanoTime() : 0;
        Decision d = screener.screen(event);
        observer.screened(d, timed ? System.nanoTime() - t0 : -1);
        // one new record each (withKey(..).withValue(..) made two, each copying the headers)
        context.forward(new Record<>(d.eventId(), AvroMapping.toAvro(d), record.timestamp(), record.headers()));
        for (Alert a : d.alerts()) {
            context.forward(new Record<>(a.entityId(), AvroMapping.toAvro(a), record.timestamp(), record.headers()));
        }
        RecordMetadata m = store == null ? null : context.recordMetadata().orElse(null);
        if (m != null) {
            List<String> raised = d.alerts().isEmpty() ? List.of() : d.alerts().stream().map(Alert::alertId).toList();
            boolean firstFromTopic = range.add(m.topic(), m.offset(), event.eventTime().toEpochMilli(), raised);
            dirty = true;
            if (range.full(RANGE_RECORDS, RANGE_RAISED_BYTES)) {
                closeRange();
            } else if (firstFromTopic || !raised.isEmpty()) {
                // the alert ids go into the same commit as the offsets (an event processed after this write and
                // committed raised nothing); and where the task started reading a topic is recorded
                writeOpenRange();
            }
        }
    }

    /** The event, if it can be screened; an {@link InvalidRecordException} (a dead letter) if not. */
    private ScreeningEvent event(ScreeningEvent value) {
        // a tombstone has no type: the topic it came from says what it should have been
        boolean fromOrders = value == null
                ? context.recordMetadata().map(RecordMetadata::topic).orElse("").equals(purchaseOrders)
                : value.type() == dev.interdict.screening.EventType.PURCHASE_ORDER;
        return InterdictTopology.screenable(value, fromOrders);
    }

    @Override
    public void close() {
        if (input != null) {
            input.close();
            input = null;
        }
    }

    private InputLog input() {
        if (input == null) {
            input = inputs.open(context.appConfigs());
        }
        return input;
    }

    /**
     * The records processed after the open range was last written, read back from the input topics up to the
     * application's committed offsets, so that the ranges cover them. They raised no alert (an event that raises one
     * writes the open range, in the same commit), so none is recorded for them.
     */
    private void readBackMissedEvents() {
        int partition = context.taskId().partition();
        Map<TopicPartition, Long> from = new HashMap<>();
        range.lastOffsets().forEach((topic, last) -> from.put(new TopicPartition(topic, partition), last + 1));
        int[] n = {0};
        try {
            Map<TopicPartition, Long> committed = from.isEmpty() ? Map.of() : input().committed(from.keySet());
            for (var e : from.entrySet()) {
                Long end = committed.get(e.getKey());
                if (end == null || end <= e.getValue()) {
                    continue;
                }
                input().read(e.getKey(), e.getValue(), end - 1, r -> {
                    ScreeningEvent event = decoder.event(r);
                    range.add(r.topic(), r.offset(), event == null ? Long.MIN_VALUE : event.eventTime().toEpochMilli(),
                            List.of());
                    n[0]++;
                });
            }
        } catch (KafkaException e) {
            LOG.warn("retro-screening: task {} could not read back the records after {} ({}); they will not be "
                    + "re-screened on list changes", context.taskId(), from, e.toString());
        }
        LOG.info("retro-screening: task {} read back {} records processed after {} (open range last written)",
                context.taskId(), n[0], from);
        if (n[0] > 0) {
            dirty = true;
            writeOpenRange();
        }
    }

    /** The open range, written under its number. */
    private void writeOpenRange() {
        store.put(rangeKey, range.encode());
        dirty = false;
    }

    /** Writes the open range for good; the next one starts after it (and is written too, so a restart finds it). */
    private void closeRange() {
        writeOpenRange();
        range = range.next();
        rangeKey++;
        writeOpenRange(); // in the same transaction as the closed range: no record is in both, none in neither
    }

    /** Events older than this (event time) are no longer re-screened. */
    private long horizon() {
        long streamTime = context.currentStreamTimeMs();
        return streamTime <= 0 ? Long.MIN_VALUE : streamTime - lookback.toMillis();
    }

    /**
     * Every second: writes the open range if it changed, and scans the ranges when the list changed, or to purge old
     * ones every {@link #PURGE_EVERY}. A range is deleted once all its events are older than the lookback, and
     * rewritten when one of its events raised a retro alert.
     */
    private void retroScreen(long wallClock) {
        List<String> changed = changes.since(cursor);
        cursor += changed.size();
        boolean purge = wallClock - lastPurge >= PURGE_EVERY.toMillis();
        if (purge) {
            lastPurge = wallClock;
        }
        if (changed.isEmpty() && !purge) {
            if (dirty) {
                writeOpenRange();
            }
            return;
        }
        long horizon = horizon();
        Set<String> entities = new TreeSet<>(changed);
        List<Long> expired = new ArrayList<>();
        try (KeyValueIterator<Long, byte[]> it = store.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                if (kv.key == rangeKey) {
                    continue; // the open range: in memory, below
                }
                ScreenedRange closed = ScreenedRange.decode(kv.value);
                if (closed.maxEventTime() < horizon) {
                    expired.add(kv.key);
                } else if (!entities.isEmpty() && rescreen(closed, entities, horizon) > 0) {
                    store.put(kv.key, closed.encode());
                }
            }
        }
        if (!entities.isEmpty() && rescreen(range, entities, horizon) > 0) {
            dirty = true;
        }
        if (dirty) {
            writeOpenRange();
        }
        expired.forEach(store::delete);
    }

    /** Reads the range's events back and raises, once, each alert against a changed entity not raised yet. */
    private int rescreen(ScreenedRange r, Set<String> entities, long horizon) {
        int[] raised = {0};
        int partition = context.taskId().partition();
        r.offsets().forEach((topic, span) -> {
            if (span[1] < span[0]) {
                return;
            }
            try {
                input().read(new TopicPartition(topic, partition), span[0], span[1], record -> {
                    raised[0] += rescreen(r, record, entities, horizon);
                });
            } catch (KafkaException e) {
                LOG.warn("retro-screening: task {} could not read offsets {} to {} of {} ({}); they are not re-screened",
                        context.taskId(), span[0], span[1], topic, e.toString());
            }
        });
        return raised[0];
    }

    private int rescreen(ScreenedRange r, ConsumerRecord<byte[], byte[]> record, Set<String> entities, long horizon) {
        ScreeningEvent event = decoder.event(record);
        if (event == null || event.eventTime().toEpochMilli() < horizon) {
            return 0;
        }
        int n = 0;
        for (Alert a : screener.screen(event).alerts()) {
            if (entities.contains(a.entityId()) && r.raise(record.topic(), record.offset(), a.alertId())) {
                var avro = AvroMapping.toAvro(a);
                avro.setRetro(true);
                avro.setListChange("entity " + a.entityId() + " added or changed on the list after event "
                        + a.eventId() + " was screened");
                context.forward(new Record<>(a.entityId(), (SpecificRecord) avro,
                        EventTimeExtractor.outputTimestamp(a.eventTime().toEpochMilli(), record.timestamp())));
                observer.retroAlert();
                n++;
            }
        }
        return n;
    }
}
