package dev.interdict.topology;

import dev.interdict.contract.AvroMapping;
import dev.interdict.screening.Alert;
import dev.interdict.screening.Decision;
import dev.interdict.screening.EventType;
import dev.interdict.screening.NameField;
import dev.interdict.screening.ScreeningEvent;
import dev.interdict.screening.Screener;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
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
 * <p>Kept events are written in batches: the store key is a batch number, the value up to {@link #BATCH_BYTES} of
 * events. Each event rewrites its open batch under the same key, so Kafka Streams' record cache (flushed before
 * every commit) sends one store write and one changelog record per batch and commit, not one per event. Nothing is
 * held back outside the store: after every event the store holds the whole open batch.
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
    private final String storeName;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<Long, byte[]> store;
    private int cursor;
    private long lastPurge;
    /** The open batch: its key, and its bytes so far. */
    private long batchKey;
    private byte[] batch = new byte[2 * BATCH_BYTES];
    private int batchLength;

    ScreenProcessor(Screener screener, ScreeningObserver observer, ListChanges changes, Duration lookback, String storeName) {
        this.screener = screener;
        this.observer = observer;
        this.changes = changes;
        this.lookback = lookback;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        if (storeName != null) {
            store = context.getStateStore(storeName);
            // after a restart, batches go on after the last one kept (the restored open batch stays as it is)
            try (KeyValueIterator<Long, byte[]> last = store.reverseAll()) {
                batchKey = last.hasNext() ? last.next().key + 1 : 0;
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
            Set<String> raised = new LinkedHashSet<>();
            d.alerts().forEach(a -> raised.add(a.alertId()));
            keep(encode(event, raised));
        }
    }

    /** Appends one kept event to the open batch and writes the batch (the record cache absorbs the rewrites). */
    private void keep(byte[] entry) {
        if (batchLength > 0 && batchLength + entry.length > BATCH_BYTES) {
            closeBatch();
        }
        if (batchLength + entry.length > batch.length) {
            batch = Arrays.copyOf(batch, Math.max(2 * batch.length, batchLength + entry.length));
        }
        System.arraycopy(entry, 0, batch, batchLength, entry.length);
        batchLength += entry.length;
        store.put(batchKey, Arrays.copyOf(batch, batchLength));
    }

    private void closeBatch() {
        batchKey++;
        batchLength = 0;
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
        // batches are rewritten below: new events go to a new one
        closeBatch();
        long horizon = horizon();
        List<Long> expired = new ArrayList<>();
        Set<String> entities = new TreeSet<>(changed);
        try (KeyValueIterator<Long, byte[]> it = store.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                List<Stored> events = decodeBatch(kv.value);
                boolean live = false;
                boolean more = false;
                for (Stored stored : events) {
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
                    store.put(kv.key, encodeBatch(events));
                }
            }
        }
        expired.forEach(store::delete);
    }

    private static final char FIELD = '\u001f';
    private static final char ITEM = '\u001e';

    /**
     * One kept event: the length-prefixed UTF-8 of its id, then of its type, event time, names (path, value, role)
     * and raised alert ids in a compact text form.
     */
    static byte[] encode(ScreeningEvent e, Set<String> alertIds) {
        StringBuilder b = new StringBuilder(128);
        b.append(e.type().wireName()).append(FIELD).append(e.eventTime().toEpochMilli());
        for (NameField f : e.names()) {
            b.append(ITEM).append('n').append(f.path()).append(FIELD).append(clean(f.value())).append(FIELD)
                    .append(f.role().name());
        }
        for (String id : alertIds) {
            b.append(ITEM).append('a').append(id);
        }
        byte[] id = e.eventId().getBytes(StandardCharsets.UTF_8);
        byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + id.length + body.length).putInt(id.length).put(id).putInt(body.length).put(body)
                .array();
    }

    /** The separators never occur in names (they are control characters); if one does, it becomes a space. */
    private static String clean(String v) {
        return v.indexOf(FIELD) < 0 && v.indexOf(ITEM) < 0 ? v : v.replace(FIELD, ' ').replace(ITEM, ' ');
    }

    record Stored(ScreeningEvent event, Set<String> alertIds) {
    }

    static byte[] encodeBatch(List<Stored> events) {
        var out = new java.io.ByteArrayOutputStream(BATCH_BYTES);
        events.forEach(s -> out.writeBytes(encode(s.event(), s.alertIds())));
        return out.toByteArray();
    }

    static List<Stored> decodeBatch(byte[] batch) {
        ByteBuffer in = ByteBuffer.wrap(batch);
        List<Stored> events = new ArrayList<>();
        while (in.hasRemaining()) {
            String eventId = string(in);
            events.add(decode(eventId, string(in)));
        }
        return events;
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        String s = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    static Stored decode(String eventId, String value) {
        String[] items = value.split(String.valueOf(ITEM));
        String[] head = items[0].split(String.valueOf(FIELD));
        List<NameField> names = new ArrayList<>();
        Set<String> alerts = new LinkedHashSet<>();
        for (int i = 1; i < items.length; i++) {
            String item = items[i];
            if (item.charAt(0) == 'n') {
                String[] f = item.substring(1).split(String.valueOf(FIELD), -1);
                names.add(new NameField(f[0], f[1], NameField.Role.valueOf(f[2])));
            } else {
                alerts.add(item.substring(1));
            }
        }
        return new Stored(new ScreeningEvent(eventId, EventType.fromWireName(head[0]),
                Instant.ofEpochMilli(Long.parseLong(head[1])), names), alerts);
    }
}
