package dev.interdict.topology.retro;

import dev.interdict.contract.AvroMapping;
import dev.interdict.screening.Alert;
import dev.interdict.screening.Decision;
import dev.interdict.screening.ScreeningEvent;
import dev.interdict.screening.Screener;
import dev.interdict.topology.EventTimeExtractor;
import dev.interdict.topology.ScreeningObserver;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Retro-screening of one task: an entity listed or changed after an event was screened still raises its alert, once,
 * marked {@code retro}, for the events of the last {@code lookback} of event time.
 *
 * <p>What is kept (the {@link #RANGES_STORE ranges store}, changelogged): numbered ranges of the input offsets
 * screened, with the ids of the alerts raised for them and, once a range is closed, its distinct screened texts with
 * the positions of the events that hold them ({@link ScreenedRange}, {@link RangeTexts}); the events themselves are
 * read back from the input topics. In the {@link #PROGRESS_STORE progress store}: the list offset up to which this
 * task's history has been screened, and the job under way ({@link RetroProgress}).
 *
 * <p>What a list change costs: the global thread records which entity changed at which list offset
 * ({@link ListChanges}; a record equal to the entry held is no change). A task whose cursor is behind starts a job:
 * for each range, the distinct texts are probed against the changed entities only ({@link Screener#mayMatch}), and
 * only the events whose texts may match are read back and screened in full; an alert not raised yet for that event is
 * forwarded. So a job costs the distinct texts of the lookback plus the events that match, not the events.
 *
 * <p>Fresh events first: a job runs in slices of at most {@code sliceBudget} every {@link #TICK}, between the stream
 * thread's other work, and its progress (next range) is kept, so a restart goes on where it stopped. A task that
 * starts with nothing kept starts its cursor at the changes already applied (it screens with them); a task restored
 * from its changelog goes on from its kept cursor.
 */
public final class RetroScreening {
    public static final String RANGES_STORE = "screened-ranges-store";
    public static final String PROGRESS_STORE = "retro-progress-store";
    /** A range is closed once it covers this many records... */
    public static final int RANGE_RECORDS = 10_000;
    /**
     * ...or its ids of raised alerts take this many bytes. Small, as the open range is written (to the record cache)
     * with every event that raises an alert.
     */
    public static final int RANGE_RAISED_BYTES = 1_024;
    /** How often ranges whose events are all older than the lookback are deleted. */
    public static final Duration PURGE_EVERY = Duration.ofMinutes(10);
    /** How often a job's next slice runs. */
    public static final Duration TICK = Duration.ofMillis(100);
    /** How often the open range is written (if it changed) and list changes are looked for. */
    public static final Duration HOUSEKEEPING_EVERY = Duration.ofSeconds(1);
    /** Default time retro jobs may take per {@link #TICK} on one stream thread, all its tasks together. */
    public static final Duration DEFAULT_SLICE = Duration.ofMillis(20);
    /**
     * Matching events closer than this are read back as one span, the records between them skipped by offset (the
     * consumer decodes only Kafka's framing of those): one fetch (up to 1 MB, thousands of records) brings them all,
     * where a seek per event would fetch the same batch again for each.
     */
    static final int SPAN_GAP = 2_048;

    private static final Logger LOG = LoggerFactory.getLogger(RetroScreening.class);

    private final Screener screener;
    private final ScreeningObserver observer;
    private final ListChanges changes;
    private final Duration lookback;
    private final InputLog.Opener inputs;
    private final InputDecoder decoder;
    private final long sliceNanos;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<Long, byte[]> ranges;
    private KeyValueStore<String, byte[]> progressStore;
    private InputLog input;
    private long rangeKey;
    private ScreenedRange range;
    /** Whether the open range changed since it was last written. */
    private boolean dirty;
    private long lastHousekeeping;
    private long lastPurge;
    private RetroProgress progress;
    private Job job;

    public RetroScreening(Screener screener, ScreeningObserver observer, ListChanges changes, Duration lookback,
                          InputLog.Opener inputs, InputDecoder decoder, Duration slice) {
        this.screener = screener;
        this.observer = observer;
        this.changes = changes;
        this.lookback = lookback;
        this.inputs = inputs;
        this.decoder = decoder;
        this.sliceNanos = slice.toNanos();
    }

    /** A list change being screened against this task's history, in slices. */
    private final class Job {
        final long from;
        final long target;
        final Set<String> entities;
        final Map<String, Boolean>[] probed;
        long nextRange;
        final long started = System.nanoTime();
        long rangesScanned;
        long textsProbed;
        long recordsRead;
        long alerts;

        @SuppressWarnings("unchecked")
        Job(long from, long target, long nextRange) {
            this.from = from;
            this.target = target;
            this.nextRange = nextRange;
            this.entities = new HashSet<>(changes.changedBetween(from, target));
            this.probed = new Map[dev.interdict.screening.NameField.Role.values().length];
            for (int i = 0; i < probed.length; i++) {
                probed[i] = new HashMap<>();
            }
        }

        boolean mayMatch(dev.interdict.screening.NameField.Role role, String text) {
            return probed[role.ordinal()].computeIfAbsent(text, t -> {
                textsProbed++;
                return screener.mayMatch(role, t, entities);
            });
        }
    }

    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        ranges = context.getStateStore(RANGES_STORE);
        progressStore = context.getStateStore(PROGRESS_STORE);
        // after a restart the last range is the open one: it goes on filling
        try (KeyValueIterator<Long, byte[]> last = ranges.reverseAll()) {
            if (last.hasNext()) {
                var kv = last.next();
                rangeKey = kv.key;
                range = ScreenedRange.decode(kv.value);
            }
        }
        byte[] kept = progressStore.get(RetroProgress.KEY);
        if (kept != null) {
            progress = RetroProgress.decode(kept);
            if (progress.cursor() > changes.applied()) {
                // kept by an instance whose list was ahead of this one's: what this index lacks up to there is
                // screened again once it arrives (raised ids keep any alert from being raised twice)
                progress = new RetroProgress(changes.applied(), Math.min(progress.target(), changes.applied()), 0);
            }
        } else if (range == null) {
            // nothing screened yet: every change applied so far is in the index this task screens with
            progress = RetroProgress.idle(changes.applied());
        } else {
            // ranges kept by a version without a cursor: checked once against the whole list
            progress = RetroProgress.idle(ListChanges.NONE);
        }
        if (range == null) {
            range = new ScreenedRange();
        } else {
            readBackOpenRange();
        }
        if (progress.jobUnderWay()) {
            job = new Job(progress.cursor(), progress.target(), progress.nextRange());
            LOG.info("retro-screening: task {} goes on with the list changes after offset {} up to {} from range {}",
                    context.taskId(), progress.cursor(), progress.target(), progress.nextRange());
        }
        writeProgress();
        context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    /** Records a screened event: its offset, event time, texts and the alerts it raised. */
    public void screened(RecordMetadata m, ScreeningEvent event, Decision d) {
        List<String> raised = d.alerts().isEmpty() ? List.of() : d.alerts().stream().map(Alert::alertId).toList();
        boolean firstFromTopic = range.add(m.topic(), m.offset(), event.eventTime().toEpochMilli(), raised);
        range.addTexts(m.topic(), m.offset(), event.names());
        dirty = true;
        if (range.full(RANGE_RECORDS, RANGE_RAISED_BYTES)) {
            closeRange();
        } else if (firstFromTopic || !raised.isEmpty()) {
            // the alert ids go into the same commit as the offsets (an event processed after this write and
            // committed raised nothing); and where the task started reading a topic is recorded
            writeOpenRange();
        }
    }

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
     * The open range's records read back from the input topics: its texts (not kept until it closes), and the records
     * processed after it was last written, up to the application's committed offsets, so that the ranges cover every
     * committed event. Those raised no alert (an event that raises one writes the open range, in the same commit).
     */
    private void readBackOpenRange() {
        int partition = context.taskId().partition();
        Map<String, long[]> spans = range.offsets();
        Map<String, Long> last = range.lastOffsets();
        range.resetTexts(true);
        Map<TopicPartition, Long> from = new HashMap<>();
        spans.forEach((topic, span) -> from.put(new TopicPartition(topic, partition), span[0]));
        int[] n = {0};
        try {
            Map<TopicPartition, Long> committed = from.isEmpty() ? Map.of() : input().committed(from.keySet());
            for (var e : from.entrySet()) {
                long lastKept = last.get(e.getKey().topic());
                // at least the records the range says it holds (their texts), whatever the committed offsets say
                long end = Math.max(committed.getOrDefault(e.getKey(), 0L), lastKept + 1);
                if (end <= e.getValue()) {
                    continue;
                }
                input().read(e.getKey(), e.getValue(), end - 1, r -> {
                    ScreeningEvent event = decoder.event(r);
                    if (r.offset() > lastKept) {
                        range.add(r.topic(), r.offset(),
                                event == null ? Long.MIN_VALUE : event.eventTime().toEpochMilli(), List.of());
                        n[0]++;
                    }
                    if (event != null) {
                        range.addTexts(r.topic(), r.offset(), event.names());
                    }
                });
            }
        } catch (StreamsException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("retro-screening: task {} could not read back its open range from {} ({}); its records are read "
                    + "back whole on list changes", context.taskId(), from, e.toString());
            range.resetTexts(false);
        }
        LOG.info("retro-screening: task {} read back its open range from {}: {} records processed after its last "
                + "write", context.taskId(), from, n[0]);
        if (n[0] > 0) {
            dirty = true;
            writeOpenRange();
        }
    }

    private void writeOpenRange() {
        ranges.put(rangeKey, range.encode(false));
        dirty = false;
    }

    /** Writes the range for good, with its texts; the next one starts after it (and is written too). */
    private void closeRange() {
        ranges.put(rangeKey, range.encode(true));
        range = range.next();
        rangeKey++;
        writeOpenRange(); // in the same transaction as the closed range: no record is in both, none in neither
    }

    private void writeProgress() {
        progress = job == null ? RetroProgress.idle(progress.cursor())
                : new RetroProgress(progress.cursor(), job.target, job.nextRange);
        progressStore.put(RetroProgress.KEY, progress.encode());
    }

    /** Events older than this (event time) are no longer re-screened. */
    private long horizon() {
        long streamTime = context.currentStreamTimeMs();
        return streamTime <= 0 ? Long.MIN_VALUE : streamTime - lookback.toMillis();
    }

    private void tick(long wallClock) {
        if (wallClock - lastHousekeeping >= HOUSEKEEPING_EVERY.toMillis()) {
            lastHousekeeping = wallClock;
            housekeeping(wallClock);
        }
        if (job != null) {
            slice();
        }
    }

    /**
     * Every second: starts a job when the list changed after the cursor (a change that is no change moves the cursor
     * only), deletes the ranges whose events all fell out of the lookback every {@link #PURGE_EVERY}, and writes the
     * open range if it changed.
     */
    private void housekeeping(long wallClock) {
        if (job == null) {
            long target = changes.applied();
            if (target > progress.cursor()) {
                if (changes.changedBetween(progress.cursor(), target).isEmpty()) {
                    progress = RetroProgress.idle(target); // only records that changed nothing
                    writeProgress();
                } else {
                    job = new Job(progress.cursor(), target, 0);
                    LOG.info("retro-screening: task {} screens its history against {} entities changed after list "
                            + "offset {} up to {}", context.taskId(), job.entities.size(), job.from, job.target);
                    writeProgress();
                }
            }
        }
        if (wallClock - lastPurge >= PURGE_EVERY.toMillis()) {
            lastPurge = wallClock;
            purge();
        }
        if (dirty) {
            writeOpenRange();
        }
    }

    private void purge() {
        long horizon = horizon();
        List<Long> expired = new ArrayList<>();
        try (KeyValueIterator<Long, byte[]> it = ranges.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                if (kv.key != rangeKey && ScreenedRange.decode(kv.value).maxEventTime() < horizon) {
                    expired.add(kv.key);
                }
            }
        }
        expired.forEach(ranges::delete);
    }

    /**
     * The retro time of one stream thread: every task of the thread shares one budget of {@code sliceNanos} per
     * {@link #TICK}, so that a thread with many tasks spends no more of its time on retro jobs than one with a single
     * task ({window start, nanos used}).
     */
    private static final ThreadLocal<long[]> THREAD_BUDGET = ThreadLocal.withInitial(() -> new long[2]);

    /** Screens ranges of the job until its time is up; when all are done, the cursor moves to the job's target. */
    private void slice() {
        long now = System.nanoTime();
        long[] budget = THREAD_BUDGET.get();
        if (now - budget[0] >= TICK.toNanos()) {
            budget[0] = now;
            budget[1] = 0;
        }
        long left = sliceNanos - budget[1];
        if (left <= 0 && sliceNanos > 0) {
            return; // this thread's other tasks used this tick's retro time
        }
        try {
            sliceUntil(now + Math.max(left, 0));
        } finally {
            budget[1] += System.nanoTime() - now;
        }
    }

    private void sliceUntil(long deadline) {
        long horizon = horizon();
        try (KeyValueIterator<Long, byte[]> it = ranges.range(job.nextRange, Long.MAX_VALUE)) {
            while (it.hasNext()) {
                var kv = it.next();
                if (kv.key == rangeKey) {
                    break; // the open range: in memory, below
                }
                ScreenedRange closed = ScreenedRange.decode(kv.value);
                if (closed.maxEventTime() >= horizon && rescreen(closed, horizon) > 0) {
                    ranges.put(kv.key, closed.encode(true));
                }
                job.rangesScanned++;
                job.nextRange = kv.key + 1;
                if (System.nanoTime() > deadline) {
                    writeProgress();
                    return;
                }
            }
        }
        if (rescreen(range, horizon) > 0) {
            writeOpenRange();
        }
        job.rangesScanned++;
        LOG.info("retro-screening: task {} screened its history against {} entities changed up to list offset {}: "
                        + "{} ranges, {} distinct texts probed, {} events read back, {} retro alerts, {} ms",
                context.taskId(), job.entities.size(), job.target, job.rangesScanned, job.textsProbed,
                job.recordsRead, job.alerts, (System.nanoTime() - job.started) / 1_000_000);
        observer.retroJobDone(job.entities.size(), job.rangesScanned, job.textsProbed, job.recordsRead, job.alerts,
                System.nanoTime() - job.started);
        progress = RetroProgress.idle(job.target);
        job = null;
        writeProgress();
    }

    /** Reads back the events of the range whose texts may match a changed entity, and raises each new alert once. */
    private int rescreen(ScreenedRange r, long horizon) {
        if (job.entities.isEmpty()) {
            return 0;
        }
        Map<String, long[]> wanted = r.matching(job::mayMatch);
        int[] raised = {0};
        int partition = context.taskId().partition();
        if (wanted == null) { // texts unknown (a range kept by an earlier version): every event
            r.offsets().forEach((topic, span) -> {
                if (span[1] >= span[0]) {
                    read(new TopicPartition(topic, partition), span[0], span[1], null, rec -> raised[0] +=
                            rescreen(r, rec, horizon));
                }
            });
            return raised[0];
        }
        wanted.forEach((topic, offsets) -> {
            TopicPartition tp = new TopicPartition(topic, partition);
            LongPredicate want = o -> Arrays.binarySearch(offsets, o) >= 0; // ascending and distinct
            int i = 0;
            while (i < offsets.length) {
                int j = i;
                while (j + 1 < offsets.length && offsets[j + 1] - offsets[j] <= SPAN_GAP) {
                    j++;
                }
                read(tp, offsets[i], offsets[j], want, rec -> raised[0] += rescreen(r, rec, horizon));
                i = j + 1;
            }
        });
        return raised[0];
    }

    /** @param want the offsets to hand on, of those read; null = all */
    private void read(TopicPartition tp, long from, long to, LongPredicate want,
                      java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try {
            long[] n = {0};
            input().read(tp, from, to, rec -> {
                n[0]++;
                if (want == null || want.test(rec.offset())) {
                    each.accept(rec);
                }
            });
            job.recordsRead += n[0];
            observer.retroRecordsRead(n[0]);
        } catch (StreamsException e) {
            throw e; // the task migrated or its producer was fenced: Kafka Streams handles it, never swallowed
        } catch (KafkaException e) {
            LOG.warn("retro-screening: task {} could not read offsets {} to {} of {} ({}); they are not re-screened",
                    context.taskId(), from, to, tp, e.toString());
        }
    }

    private int rescreen(ScreenedRange r, ConsumerRecord<byte[], byte[]> record, long horizon) {
        ScreeningEvent event = decoder.event(record);
        if (event == null || event.eventTime().toEpochMilli() < horizon) {
            return 0;
        }
        int n = 0;
        for (Alert a : screener.screen(event).alerts()) {
            if (job.entities.contains(a.entityId()) && r.raise(record.topic(), record.offset(), a.alertId())) {
                var avro = AvroMapping.toAvro(a);
                avro.setRetro(true);
                avro.setListChange("entity " + a.entityId() + " added or changed on the list after event "
                        + a.eventId() + " was screened");
                context.forward(new Record<>(a.entityId(), (SpecificRecord) avro,
                        EventTimeExtractor.outputTimestamp(a.eventTime().toEpochMilli(), record.timestamp())));
                observer.retroAlert();
                job.alerts++;
                n++;
            }
        }
        return n;
    }
}
