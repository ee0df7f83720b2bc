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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Screens each event and forwards its decision (key eventId) and each of its alerts (key entityId). With
 * retro-screening on, it also keeps the events of the last {@code lookback} of event time (this partition's stream
 * time) in a changelogged store, with the ids of the alerts already raised; every second it takes the list changes
 * this instance applied since it last looked ({@link ListChanges}) and re-screens the kept events against the
 * changed entities, forwarding each new alert once, marked {@code retro}.
 *
 * <p>Kept events are written in batches of up to {@link #BATCH_BYTES}. The open batch is the single key of a
 * cached store: every event rewrites it, and Kafka Streams' record cache (flushed before every commit) turns those
 * rewrites into one changelog record per commit. A batch that closes is written once to the batch store (key =
 * batch number, no cache), so its changelog record goes out while events are being processed rather than all at
 * commit time. Nothing is held outside the stores: after every event they hold every kept event.
 */
final class ScreenProcessor implements Processor<String, ScreeningEvent, String, SpecificRecord> {
    /** A batch is closed once it holds this many bytes of kept events. */
    static final int BATCH_BYTES = 4096;
    /** How often kept events older than the lookback are deleted (a full scan of the store). */
    static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private final Screener screener;
    private final ScreeningObserver observer;
    private final ListChanges changes;
    private final Duration lookback;
    private final boolean retro;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<Long, byte[]> store;
    private KeyValueStore<Long, byte[]> open;
    private static final Long OPEN = 0L;
    private int cursor;
    private long lastPurge;
    /** The open batch: its key, and its bytes so far. */
    private long batchKey;
    private final KeptEvents.Batch batch = new KeptEvents.Batch(2 * BATCH_BYTES);

    ScreenProcessor(Screener screener, ScreeningObserver observer, ListChanges changes, Duration lookback, boolean retro) {
        this.screener = screener;
        this.observer = observer;
        this.changes = changes;
        this.lookback = lookback;
        this.retro = retro;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        if (retro) {
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
        if (store != null && event.eventTime().toEpochMilli() >= horizon()) {
            keep(event, d.alerts());
        }
    }

    /** Appends one kept event to the open batch and rewrites it (the record cache absorbs the rewrites). */
    private void keep(ScreeningEvent event, List<Alert> alerts) {
        List<String> raised = alerts.isEmpty() ? List.of() : alerts.stream().map(Alert::alertId).distinct().toList();
        int start = batch.append(event, raised);
        if (start > 0 && batch.length() > BATCH_BYTES) {
            // the batch is full without this entry: close it, and the entry opens the next one
            store.put(batchKey++, batch.copyOf(0, start));
            batch.keepFrom(start);
        }
        open.put(OPEN, batch.toByteArray());
    }

    /** Writes the open batch to the batch store; the next event opens a new one. */
    private void closeBatch() {
        if (batch.length() > 0) {
            store.put(batchKey++, batch.toByteArray());
            batch.clear();
            open.delete(OPEN);
        }
    }

    /** Events older than this (event time) are no longer re-screened. */
    private long horizon() {
        long streamTime = context.currentStreamTimeMs();
        return streamTime <= 0 ? Long.MIN_VALUE : streamTime - lookback.toMillis();
    }

    /**
     * Scans the kept events only when the list changed, or to purge old ones every {@link #PURGE_EVERY}. A batch is
     * deleted once all its events are older than the lookback, and rewritten when one of its events raised an alert.
     */
    private void retroScreen(long wallClock) {
        List<String> changed = changes.since(cursor);
        cursor += changed.size();
        boolean purge = wallClock - lastPurge >= PURGE_EVERY.toMillis();
        if (changed.isEmpty() && !purge) {
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
