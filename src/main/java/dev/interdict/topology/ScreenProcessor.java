package dev.interdict.topology;

import dev.interdict.contract.AvroMapping;
import dev.interdict.screening.Alert;
import dev.interdict.screening.Decision;
import dev.interdict.screening.ScreeningEvent;
import dev.interdict.screening.Screener;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
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
 * retro-screening on, it also keeps the events of the last {@code lookback} of event time (this partition's stream
 * time) in a changelogged store, with the ids of the alerts already raised; every second it takes the list changes
 * this instance applied since it last looked ({@link ListChanges}) and re-screens the kept events against the
 * changed entities, forwarding each new alert once, marked {@code retro}.
 *
 * <p>Kept events are collected in memory in batches of up to {@link #BATCH_BYTES}. A batch that is full is written
 * once to the batch store (key = batch number, no cache), so its changelog record goes out while events are being
 * processed. The open batch is written to the open-batch store, together with the input offsets it covers, every
 * second and whenever a batch closes: not with every event, which made keeping events cost more than screening
 * them. The events processed after that write and before a crash or a restart are read back from the input topics
 * when the task starts again ({@link MissedEvents}), so no committed event is left out.
 */
final class ScreenProcessor implements Processor<String, ScreeningEvent, String, SpecificRecord> {
    /** A batch is closed once it holds this many bytes of kept events. */
    static final int BATCH_BYTES = 16_384;
    /** How often kept events older than the lookback are deleted (a full scan of the store). */
    static final Duration PURGE_EVERY = Duration.ofMinutes(10);
    /** List changes younger than this when the open batch was written may not have been applied to its events yet. */
    static final Duration LIST_SETTLE = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(ScreenProcessor.class);

    private final Screener screener;
    private final ScreeningObserver observer;
    private final ListChanges changes;
    private final Duration lookback;
    private final MissedEvents missed;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<Long, byte[]> store;
    private KeyValueStore<Long, byte[]> open;
    /** Keys of the open-batch store: its events, and the input offsets (per topic) they cover. */
    private static final Long OPEN = 0L;
    private static final Long OFFSETS = 1L;
    /** Per input topic of this task, the offset of the last record processed. */
    private final Map<String, Long> processed = new HashMap<>();
    private int cursor;
    private long lastPurge;
    /** The open batch: its key, and its bytes so far. */
    private long batchKey;
    private final KeptEvents.Batch batch = new KeptEvents.Batch(2 * BATCH_BYTES);

    ScreenProcessor(Screener screener, ScreeningObserver observer, ListChanges changes, Duration lookback,
                    MissedEvents missed) {
        this.screener = screener;
        this.observer = observer;
        this.changes = changes;
        this.lookback = lookback;
        this.missed = missed;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        if (missed != null) {
            store = context.getStateStore(InterdictTopology.SCREENED_EVENTS_STORE);
            open = context.getStateStore(InterdictTopology.OPEN_BATCH_STORE);
            // after a restart: batch numbers go on after the last closed batch, and the open batch goes on filling
            try (KeyValueIterator<Long, byte[]> last = store.reverseAll()) {
                batchKey = last.hasNext() ? last.next().key + 1 : 0;
            }
            byte[] restored = open.get(OPEN);
            if (restored != null) {
                batch.append(restored);
            }
            byte[] position = open.get(OFFSETS);
            // Nothing kept yet (a new task): every list change applied so far is in the index this task screens
            // with, so only later changes need a retro scan. Events kept by an earlier instance, though, are checked
            // once against the whole list: it may have changed since they were screened.
            boolean keptBefore = batchKey > 0 || batch.length() > 0 || position != null;
            cursor = keptBefore ? 0 : changes.size();
            if (position != null) {
                KeptEvents.Position kept = KeptEvents.Position.decode(position);
                processed.putAll(kept.offsets());
                readBackMissedEvents(kept.writtenAt());
            }
            context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::retroScreen);
        }
    }

    @Override
    public void process(Record<String, ScreeningEvent> record) {
        ScreeningEvent event = record.value();
        long t0 = System.nanoTime();
        Decision d = screener.screen(event);
        observer.screened(d, System.nanoTime() - t0);
        context.forward(record.withKey(d.eventId()).withValue(AvroMapping.toAvro(d)));
        for (Alert a : d.alerts()) {
            context.forward(record.withKey(a.entityId()).withValue(AvroMapping.toAvro(a)));
        }
        if (store != null) {
            boolean firstFromTopic = context.recordMetadata()
                    .map(m -> processed.put(m.topic(), m.offset()) == null).orElse(false);
            if (event.eventTime().toEpochMilli() >= horizon()) {
                keep(event, d.alerts());
            }
            if (firstFromTopic) {
                // where this task started reading the topic: from here on, a read-back after a restart finds them all
                writeOpenBatch();
            }
        }
    }

    /**
     * The events processed after the open batch was last written, read back from the input topics. Which alerts
     * they raised then is not known: those for entities listed well before the open batch was written are taken as
     * raised; those for entities changed on the list since then are left to the retro-screening scan (which may
     * raise such an alert a second time, with the same alertId, rather than miss it).
     */
    private void readBackMissedEvents(long writtenAt) {
        int n = 0;
        long settled = writtenAt - LIST_SETTLE.toMillis();
        for (MissedEvents.Missed m : missed.read(context.appConfigs(), context.taskId().partition(), processed)) {
            processed.merge(m.topic(), m.offset(), Math::max);
            if (m.event().eventTime().toEpochMilli() >= horizon()) {
                List<Alert> raised = screener.screen(m.event()).alerts().stream()
                        .filter(a -> changes.changedAt(a.entityId()) < settled).toList();
                keep(m.event(), raised);
                n++;
            }
        }
        LOG.info("retro-screening: task {} read back {} events processed after {} (kept events last written)",
                context.taskId(), n, processed);
        if (n > 0) {
            writeOpenBatch();
        }
    }

    /** The open batch and the input offsets it covers, written together (with the wall-clock time). */
    private void writeOpenBatch() {
        open.put(OPEN, batch.toByteArray());
        open.put(OFFSETS, new KeptEvents.Position(System.currentTimeMillis(), processed).encode());
    }

    /** Appends one kept event to the open batch; a full batch is written to the batch store. */
    private void keep(ScreeningEvent event, List<Alert> alerts) {
        List<String> raised = alerts.isEmpty() ? List.of() : alerts.stream().map(Alert::alertId).distinct().toList();
        int start = batch.append(event, raised);
        if (start > 0 && batch.length() > BATCH_BYTES) {
            // the batch is full without this entry: close it, and the entry opens the next one
            store.put(batchKey++, batch.copyOf(0, start));
            batch.keepFrom(start);
            writeOpenBatch(); // in the same transaction as the closed batch: no event is in both, none in neither
        }
    }

    /** Writes the open batch to the batch store; the next event opens a new one. */
    private void closeBatch() {
        if (batch.length() > 0) {
            store.put(batchKey++, batch.toByteArray());
            batch.clear();
        }
        writeOpenBatch();
    }

    /** Events older than this (event time) are no longer re-screened. */
    private long horizon() {
        long streamTime = context.currentStreamTimeMs();
        return streamTime <= 0 ? Long.MIN_VALUE : streamTime - lookback.toMillis();
    }

    /**
     * Every second: writes the open batch, and scans the kept events when the list changed, or to purge old ones
     * every {@link #PURGE_EVERY}. A batch is deleted once all its events are older than the lookback, and rewritten
     * when one of its events raised an alert.
     */
    private void retroScreen(long wallClock) {
        List<String> changed = changes.since(cursor);
        cursor += changed.size();
        boolean purge = wallClock - lastPurge >= PURGE_EVERY.toMillis();
        if (changed.isEmpty() && !purge) {
            writeOpenBatch(); // the once-a-second write; a scan writes it when it closes the batch
            return;
        }
        if (purge) {
            lastPurge = wallClock;
        }
        // the open batch joins the closed ones, which are all scanned (and maybe rewritten) below
        closeBatch();
        long horizon = horizon();
        List<Long> expired = new ArrayList<>();
        Set<String> entities = new TreeSet<>(changed);
        try (KeyValueIterator<Long, byte[]> it = store.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                List<KeptEvents.Stored> events = KeptEvents.decode(kv.value);
                boolean live = false;
                boolean more = false;
                for (KeptEvents.Stored stored : events) {
                    ScreeningEvent event = stored.event();
                    if (event.eventTime().toEpochMilli() < horizon) {
                        continue;
                    }
                    live = true;
                    if (entities.isEmpty()) {
                        continue;
                    }
                    Set<String> raised = stored.alertIds();
                    for (Alert a : screener.screen(event).alerts()) {
                        if (entities.contains(a.entityId()) && raised.add(a.alertId())) {
                            var avro = AvroMapping.toAvro(a);
                            avro.setRetro(true);
                            avro.setListChange("entity " + a.entityId() + " added or changed on the list after event "
                                    + a.eventId() + " was screened");
                            context.forward(new Record<>(a.entityId(), (SpecificRecord) avro, a.eventTime().toEpochMilli()));
                            observer.retroAlert();
                            more = true;
                        }
                    }
                }
                if (!live) {
                    expired.add(kv.key);
                } else if (more) {
                    store.put(kv.key, KeptEvents.encode(events));
                }
            }
        }
        expired.forEach(store::delete);
    }
}
