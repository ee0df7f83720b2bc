package dev.interdict.topology.retro;

import dev.interdict.contract.AvroMapping;
import dev.interdict.screening.Alert;
import dev.interdict.screening.Decision;
import dev.interdict.screening.NameField;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * Retro-screening of one task: an entity listed or changed after an event was screened still raises its alert, once,
 * marked {@code retro}, for the events of the last {@code lookback} of event time.
 *
 * <p>What is kept, all changelogged: numbered ranges of the input offsets screened (the {@link #RANGES_STORE ranges
 * store}), each closed one with the ids of its distinct screened texts and the positions of the events that hold
 * each ({@link ScreenedRange}, {@link RangeTextIds}); the texts themselves once per task, each with a small id
 * ({@link #TEXTS_STORE}, {@link TextDictionary}); the ids of the alerts raised per event ({@link #RAISED_STORE},
 * {@link RaisedAlerts}); the events themselves are read back from the input topics. In the
 * {@link #PROGRESS_STORE progress store}: the list offset up to which this task's history has been screened, and the
 * job under way ({@link RetroProgress}).
 *
 * <p>What a list change costs: the global thread records which entity changed at which list offset
 * ({@link ListChanges}; a record equal to the entry held is no change). A task whose cursor is behind starts a job:
 * each distinct text of the dictionary is probed once against the changed entities only
 * ({@link Screener#mayMatch}); only the ranges that hold a text that may match are read, and of those only the
 * events that hold one are read back from the input and screened in full; an alert not raised yet for that event is
 * forwarded. So a job costs the distinct texts of the lookback plus the ranges and events that match, not the
 * history.
 *
 * <p>Fresh events first: a job runs in slices of at most {@code sliceBudget} every {@link #TICK}, between the stream
 * thread's other work, and its progress (next range) is kept, so a restart goes on where it stopped. A task that
 * starts with nothing kept starts its cursor at the changes already applied (it screens with them); a task restored
 * from its changelog goes on from its kept cursor.
 */
public final class RetroScreening {
    public static final String RANGES_STORE = "screened-ranges-store";
    public static final String PROGRESS_STORE = "retro-progress-store";
    /** The distinct screened texts of each task, by id ({@link TextDictionary}). */
    public static final String TEXTS_STORE = "retro-texts-store";
    /** The ids of the alerts raised per screened event ({@link RaisedAlerts}). */
    public static final String RAISED_STORE = "retro-raised-store";
    /** A range is closed once it covers this many records (whatever the alerts raised: their ids are kept apart). */
    public static final int RANGE_RECORDS = 10_000;
    /** How often ranges whose events are all older than the lookback are deleted, with their alert ids and texts. */
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
    /** The deadline is looked at after this many texts probed. */
    private static final int PROBES_PER_CHECK = 64;

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
    private RaisedAlerts raised;
    private TextDictionary dictionary;
    private InputLog input;
    private long rangeKey;
    private ScreenedRange range;
    /** Whether the open range changed since it was last written. */
    private boolean dirty;
    /** Whether the open range's texts are all collected (false after its read-back failed: it is read whole). */
    private boolean openTextsKnown = true;
    /** The texts of the open range (each collects its positions in {@link TextDictionary.Text#open}). */
    private final List<TextDictionary.Text> touched = new ArrayList<>();
    /** The input topics, numbered for the positions of texts (at most {@link RangeTextIds#MAX_TOPICS}). */
    private final List<String> topics = new ArrayList<>(2);
    /** The closed ranges kept: key → latest event time. */
    private final TreeMap<Long, Long> closed = new TreeMap<>();
    /** Closed ranges whose texts are not known (kept by an earlier version, or read back in part): read whole. */
    private final TreeSet<Long> textsUnknown = new TreeSet<>();
    private long lastHousekeeping;
    private long lastPurge;
    private RetroProgress progress;
    private Job job;
    private int jobs;

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

    /**
     * A list change being screened against this task's history, in slices: first every distinct text is probed
     * (once), then the closed ranges that hold a text that may match are read, in key order, then those closed since
     * the job started, then the open range.
     */
    private final class Job {
        final long from;
        final long target;
        final Set<String> entities;
        final int serial = ++jobs;
        /** Ranges before this are done. */
        long nextRange;
        /** Closed ranges below this are found through the texts that may match; from it on, each is read. */
        final long indexedBelow = rangeKey;
        List<TextDictionary.Text> toProbe;
        final Screener.Probe probe;
        int probed;
        long[] visit;
        int visitAt;
        final long started = System.nanoTime();
        long rangesRead;
        long textsProbed;
        long recordsRead;
        long alerts;

        Job(long from, long target, long nextRange) {
            this.from = from;
            this.target = target;
            this.nextRange = nextRange;
            this.entities = new HashSet<>(changes.changedBetween(from, target));
            this.toProbe = dictionary.snapshot();
            this.probe = screener.probe(entities);
        }

        /** Whether a text may match a changed entity: probed once per job. */
        boolean mayMatch(TextDictionary.Text t) {
            if (t.text == null) {
                return true; // a long text: always read back
            }
            if (t.probedBy != serial) {
                t.probedBy = serial;
                t.mayMatch = probe.mayMatch(t.role, t.text);
                textsProbed++;
            }
            return t.mayMatch;
        }

        boolean mayMatch(int textId) {
            TextDictionary.Text t = dictionary.byId(textId);
            return t == null || mayMatch(t); // an id not in the dictionary: read back (conservative)
        }
    }

    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        // everything in memory is rebuilt from the stores: a task revived after a failure (its state restored from
        // the changelogs, an aborted transaction's writes gone) is initialised again on the same processor
        dictionary = new TextDictionary();
        touched.clear();
        topics.clear();
        closed.clear();
        textsUnknown.clear();
        rangeKey = 0;
        range = null;
        dirty = false;
        openTextsKnown = true;
        job = null;
        close();
        ranges = context.getStateStore(RANGES_STORE);
        progressStore = context.getStateStore(PROGRESS_STORE);
        raised = new RaisedAlerts(context.getStateStore(RAISED_STORE));
        KeyValueStore<Integer, byte[]> texts = context.getStateStore(TEXTS_STORE);
        dictionary.load(texts);
        // every closed range is indexed (its texts know it holds them); the last range is the open one
        Long lastKey = null;
        ScreenedRange last = null;
        try (KeyValueIterator<Long, byte[]> it = ranges.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                if (last != null) {
                    indexClosed(lastKey, last);
                }
                lastKey = kv.key;
                last = ScreenedRange.decode(kv.value);
            }
        }
        if (last != null) {
            rangeKey = lastKey;
            range = last;
        }
        convertFormat4();
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
            if (moveLegacyRaised(range)) {
                dirty = true; // written again in format 5, without them
            }
            readBackOpenRange();
        }
        LOG.info("retro-screening: task {} keeps {} closed ranges ({} with texts unknown) and {} distinct texts",
                context.taskId(), closed.size(), textsUnknown.size(), dictionary.size());
        if (progress.jobUnderWay()) {
            job = new Job(progress.cursor(), progress.target(), progress.nextRange());
            LOG.info("retro-screening: task {} goes on with the list changes after offset {} up to {} from range {}",
                    context.taskId(), progress.cursor(), progress.target(), progress.nextRange());
        }
        if (dirty) {
            writeOpenRange();
        }
        writeProgress();
        context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    /** A closed range, as its texts know it: each text it holds lists it. */
    private void indexClosed(long key, ScreenedRange r) {
        closed.put(key, r.maxEventTime());
        if (!r.textsKnown()) {
            textsUnknown.add(key);
            return;
        }
        for (int id : r.textIds()) {
            TextDictionary.Text t = dictionary.byId(id);
            if (t == null) {
                textsUnknown.add(key); // not in the dictionary (it cannot be probed): read whole
            } else {
                t.addRange(key);
            }
        }
    }

    /**
     * The closed ranges of format 4 (which kept their texts themselves): their texts go into the dictionary and each is
     * written again as format 5, with its alert ids moved to the raised store; once, when the task starts.
     */
    private void convertFormat4() {
        int converted = 0;
        for (long key : new ArrayList<>(textsUnknown)) {
            byte[] kept = ranges.get(key);
            ScreenedRange r = kept == null ? null : ScreenedRange.decode(kept);
            if (r == null || r.legacyTexts() == null) {
                continue; // format 2 or 3: read back whole once, on the next change
            }
            moveLegacyRaised(r);
            Map<TextDictionary.Text, RangeTextIds.Positions> found = new LinkedHashMap<>();
            RangeTextIds.Reader in = new RangeTextIds.Reader(r.legacyTexts(), 0);
            List<String> rangeTopics = new ArrayList<>();
            for (int t = in.buf[in.i++] & 0xFF; t > 0; t--) {
                rangeTopics.add(in.javaUtf());
            }
            for (int n = in.int32(); n > 0; n--) {
                int role = in.buf[in.i++] & 0xFF;
                String text = (role & 0x80) != 0 ? null : in.javaUtf();
                TextDictionary.Text entry = text == null ? dictionary.longText(NameField.Role.values()[role & 0x7F])
                        : dictionary.intern(NameField.Role.values()[role], text);
                RangeTextIds.Positions p = found.computeIfAbsent(entry, e -> new RangeTextIds.Positions());
                long[] previous = new long[RangeTextIds.MAX_TOPICS];
                for (long k = in.varLong(); k > 0; k--) {
                    long v = in.varLong();
                    int topic = (int) (v & 3);
                    long offset = previous[topic] + (v >>> 2);
                    previous[topic] = offset;
                    p.add(topicNumber(rangeTopics.get(topic)), offset);
                }
            }
            writeWithTexts(key, r, found);
            converted++;
        }
        if (converted > 0) {
            LOG.info("retro-screening: task {} moved the texts of {} ranges of format 4 into its dictionary",
                    context.taskId(), converted);
        }
    }

    /** Writes a closed range again with the ids of these texts (format 5); each text notes that the range holds it. */
    private void writeWithTexts(long key, ScreenedRange r, Map<TextDictionary.Text, RangeTextIds.Positions> found) {
        List<TextDictionary.Text> texts = new ArrayList<>(found.keySet());
        texts.sort((a, b) -> Integer.compare(a.id, b.id));
        int[] ids = new int[texts.size()];
        RangeTextIds.Positions[] positions = new RangeTextIds.Positions[texts.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = texts.get(i).id;
            positions[i] = found.get(texts.get(i));
            texts.get(i).addRange(key);
        }
        ranges.put(key, r.encode(RangeTextIds.encode(topics, ids.length, ids, positions)));
        textsUnknown.remove(key);
    }

    /** Records a screened event: its offset, event time, texts and the alerts it raised. */
    public void screened(RecordMetadata m, ScreeningEvent event, Decision d) {
        String topic = m.topic();
        long offset = m.offset();
        boolean firstFromTopic = range.add(topic, offset, event.eventTime().toEpochMilli());
        List<Alert> alerts = d.alerts();
        if (!alerts.isEmpty()) {
            List<String> ids = new ArrayList<>(alerts.size());
            for (Alert a : alerts) {
                ids.add(a.alertId());
            }
            raised.addAll(topic, offset, ids); // in the same commit as the event's offset
        }
        collect(topic, offset, event.names());
        dirty = true;
        if (range.records() >= RANGE_RECORDS) {
            closeRange();
        } else if (firstFromTopic) {
            writeOpenRange(); // where the task started reading a topic is recorded with its first commit
        }
    }

    /** The event's texts into the open range: per text, one hash lookup and one position added. */
    private void collect(String topic, long offset, List<NameField> names) {
        if (!openTextsKnown) {
            return;
        }
        int topicNo = topicNumber(topic);
        for (int i = 0, n = names.size(); i < n; i++) {
            NameField f = names.get(i);
            String text = f.value();
            if (text == null || text.isBlank()) {
                continue; // never screened
            }
            TextDictionary.Text t = dictionary.intern(f.role(), text);
            if (t.openRange != rangeKey) {
                t.openRange = rangeKey;
                t.open = new RangeTextIds.Positions();
                touched.add(t);
            }
            t.open.add(topicNo, offset);
        }
    }

    private int topicNumber(String topic) {
        int n = topics.indexOf(topic);
        if (n < 0) {
            if (topics.size() == RangeTextIds.MAX_TOPICS) {
                throw new IllegalStateException("a task reads at most " + RangeTextIds.MAX_TOPICS + " topics");
            }
            n = topics.size();
            topics.add(topic);
        }
        return n;
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
     * committed event (the ids of the alerts they raised are in the raised store, in the same commit).
     */
    private void readBackOpenRange() {
        int partition = context.taskId().partition();
        Map<String, long[]> spans = range.offsets();
        Map<String, Long> last = range.lastOffsets();
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
                        range.add(r.topic(), r.offset(), event == null ? Long.MIN_VALUE : event.eventTime().toEpochMilli());
                        n[0]++;
                    }
                    if (event != null) {
                        collect(r.topic(), r.offset(), event.names());
                    }
                });
            }
        } catch (StreamsException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("retro-screening: task {} could not read back its open range from {} ({}); its records are read "
                    + "back whole on list changes", context.taskId(), from, e.toString());
            openTextsKnown = false;
        }
        LOG.info("retro-screening: task {} read back its open range from {}: {} records processed after its last "
                + "write", context.taskId(), from, n[0]);
        if (n[0] > 0) {
            dirty = true;
        }
    }

    private void writeOpenRange() {
        ranges.put(rangeKey, range.encode());
        dirty = false;
    }

    /**
     * Writes the range for good, with its text ids and their positions (O(events in it)); each of its texts notes
     * that this range holds it. The next range starts after it and is written in the same commit (no record is in
     * both, none in neither).
     */
    private void closeRange() {
        byte[] section = openTextsKnown ? encodeOpenTexts() : null;
        ranges.put(rangeKey, range.encode(section));
        closed.put(rangeKey, range.maxEventTime());
        if (section == null) {
            textsUnknown.add(rangeKey);
        }
        for (TextDictionary.Text t : touched) {
            t.addRange(rangeKey);
            t.open = null; // not kept for every text of the dictionary between the ranges that hold it
        }
        touched.clear();
        openTextsKnown = true;
        range = range.next();
        rangeKey++;
        writeOpenRange();
    }

    private byte[] encodeOpenTexts() {
        touched.sort((a, b) -> Integer.compare(a.id, b.id));
        int n = touched.size();
        int[] ids = new int[n];
        RangeTextIds.Positions[] positions = new RangeTextIds.Positions[n];
        for (int i = 0; i < n; i++) {
            ids[i] = touched.get(i).id;
            positions[i] = touched.get(i).open;
        }
        return RangeTextIds.encode(topics, n, ids, positions);
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

    /**
     * Deletes the closed ranges whose events all fell out of the lookback, the alert ids kept for their events, and
     * the texts no live range holds any more.
     */
    private void purge() {
        long horizon = horizon();
        List<Long> expired = new ArrayList<>();
        closed.forEach((key, maxEventTime) -> {
            if (maxEventTime < horizon) {
                expired.add(key);
            }
        });
        for (long key : expired) {
            byte[] kept = ranges.get(key);
            if (kept != null) {
                ScreenedRange.decode(kept).offsets().forEach((topic, span) -> raised.delete(topic, span[0], span[1]));
            }
            ranges.delete(key);
            closed.remove(key);
            textsUnknown.remove(key);
        }
        long oldest = closed.isEmpty() ? rangeKey : closed.firstKey();
        int gone = dictionary.expire(t -> {
            t.dropRangesBelow(oldest);
            if (t.openRange == rangeKey) {
                return false; // the open range holds it
            }
            for (int i = 0; i < t.rangeCount; i++) {
                if (closed.containsKey(t.ranges[i])) {
                    return false;
                }
            }
            return true;
        });
        if (!expired.isEmpty() || gone > 0) {
            LOG.info("retro-screening: task {} deleted {} ranges older than the lookback and {} texts no range holds",
                    context.taskId(), expired.size(), gone);
        }
    }

    /**
     * The retro time of one stream thread: every task of the thread shares one budget of {@code sliceNanos} per
     * {@link #TICK}, so that a thread with many tasks spends no more of its time on retro jobs than one with a single
     * task ({window start, nanos used}).
     */
    private static final ThreadLocal<long[]> THREAD_BUDGET = ThreadLocal.withInitial(() -> new long[2]);

    /** Goes on with the job until its time is up; when all is done, the cursor moves to the job's target. */
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
        if (job.entities.isEmpty()) { // (removed since): nothing to look for
            job.visit = new long[0];
            job.toProbe = null;
        }
        if (job.visit == null) {
            // 1. every distinct text, probed once
            List<TextDictionary.Text> texts = job.toProbe;
            while (job.probed < texts.size()) {
                job.mayMatch(texts.get(job.probed++));
                if (job.probed % PROBES_PER_CHECK == 0 && System.nanoTime() > deadline) {
                    return;
                }
            }
            job.visit = rangesToVisit();
            job.toProbe = null;
        }
        // 2. the closed ranges that hold a text that may match
        while (job.visitAt < job.visit.length) {
            long key = job.visit[job.visitAt++];
            if (key < job.nextRange) {
                continue;
            }
            visitClosed(key, horizon);
            job.nextRange = key + 1;
            if (System.nanoTime() > deadline) {
                writeProgress();
                return;
            }
        }
        // 3. the ranges closed since the job started: each read, its texts probed as they come
        long from = Math.max(job.nextRange, job.indexedBelow);
        if (from < rangeKey && !job.entities.isEmpty()) {
            for (long key : new ArrayList<>(closed.subMap(from, rangeKey).keySet())) {
                visitClosed(key, horizon);
                job.nextRange = key + 1;
                if (System.nanoTime() > deadline) {
                    writeProgress();
                    return;
                }
            }
        }
        // 4. the open range, in memory
        if (!job.entities.isEmpty()) {
            rescreenOpen(horizon);
        }
        LOG.info("retro-screening: task {} screened its history against {} entities changed up to list offset {}: "
                        + "{} distinct texts probed, {} of {} closed ranges read, {} events read back, {} retro alerts, "
                        + "{} ms", context.taskId(), job.entities.size(), job.target, job.textsProbed, job.rangesRead,
                closed.size(), job.recordsRead, job.alerts, (System.nanoTime() - job.started) / 1_000_000);
        observer.retroJobDone(job.entities.size(), job.rangesRead, job.textsProbed, job.recordsRead, job.alerts,
                System.nanoTime() - job.started);
        progress = RetroProgress.idle(job.target);
        job = null;
        writeProgress();
    }

    /**
     * The keys (ascending, distinct) of the closed ranges before {@link Job#indexedBelow}, from the job's next range
     * on, that hold a text that may match, or whose texts are not known.
     */
    private long[] rangesToVisit() {
        long[] keys = new long[64];
        int n = 0;
        for (TextDictionary.Text t : dictionary.all()) {
            if (t.text != null && (t.probedBy != job.serial || !t.mayMatch)) {
                continue; // (a long text is always read back)
            }
            for (int i = 0; i < t.rangeCount; i++) {
                long k = t.ranges[i];
                if (k >= job.nextRange && k < job.indexedBelow) {
                    if (n == keys.length) {
                        keys = Arrays.copyOf(keys, n * 2);
                    }
                    keys[n++] = k;
                }
            }
        }
        for (long k : textsUnknown.subSet(job.nextRange, true, Math.max(job.nextRange, job.indexedBelow), false)) {
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, n * 2);
            }
            keys[n++] = k;
        }
        return Arrays.stream(keys, 0, n).sorted().distinct().toArray();
    }

    /** Re-screens the events of a closed range whose texts may match (all of them if its texts are unknown). */
    private void visitClosed(long key, long horizon) {
        Long maxEventTime = closed.get(key);
        if (maxEventTime == null || maxEventTime < horizon) {
            return; // deleted, or older than the lookback
        }
        byte[] kept = ranges.get(key);
        if (kept == null) {
            return;
        }
        job.rangesRead++;
        ScreenedRange r = ScreenedRange.decode(kept);
        moveLegacyRaised(r);
        if (r.textsKnown()) {
            rescreen(r.matching(job::mayMatch), horizon);
        } else {
            rescreenWhole(key, r, horizon);
        }
    }

    /** The open range: the events holding a text that may match (all of them if its texts are unknown). */
    private void rescreenOpen(long horizon) {
        if (!openTextsKnown) {
            readWhole(range, horizon, null);
            return;
        }
        long[] all = new long[64];
        int n = 0;
        for (TextDictionary.Text t : touched) {
            if (job.mayMatch(t)) {
                RangeTextIds.Positions p = t.open;
                if (n + p.size > all.length) {
                    all = Arrays.copyOf(all, Math.max(all.length * 2, n + p.size));
                }
                System.arraycopy(p.packed, 0, all, n, p.size);
                n += p.size;
            }
        }
        rescreen(RangeTextIds.byTopic(all, n, topics), horizon);
    }

    /**
     * A closed range whose texts are not known (an earlier format, or read back in part): every event is read back and
     * screened, and its texts collected; the range is then written again with them (format 5), so that it is read
     * whole once.
     */
    private void rescreenWhole(long key, ScreenedRange r, long horizon) {
        Map<TextDictionary.Text, RangeTextIds.Positions> found = new LinkedHashMap<>();
        boolean complete = readWhole(r, horizon, (rec, event) -> {
            int topicNo = topicNumber(rec.topic());
            for (NameField f : event.names()) {
                if (f.value() != null && !f.value().isBlank()) {
                    found.computeIfAbsent(dictionary.intern(f.role(), f.value()), t -> new RangeTextIds.Positions())
                            .add(topicNo, rec.offset());
                }
            }
        });
        if (complete) {
            writeWithTexts(key, r, found); // else read whole again next time
        }
    }

    /**
     * Reads back and re-screens every event of a range; {@code texts}, if not null, is handed each event read.
     *
     * @return whether every read succeeded
     */
    private boolean readWhole(ScreenedRange r, long horizon,
                              BiConsumer<ConsumerRecord<byte[], byte[]>, ScreeningEvent> texts) {
        int partition = context.taskId().partition();
        boolean complete = true;
        for (var e : r.offsets().entrySet()) {
            long[] span = e.getValue();
            if (span[1] >= span[0]) {
                complete &= read(new TopicPartition(e.getKey(), partition), span[0], span[1], null, rec -> {
                    ScreeningEvent event = decoder.event(rec);
                    if (event != null && texts != null) {
                        texts.accept(rec, event);
                    }
                    rescreen(rec, event, horizon);
                });
            }
        }
        return complete;
    }

    /** Reads back the events at these offsets (per topic, ascending) and raises each new alert once. */
    private void rescreen(Map<String, long[]> wanted, long horizon) {
        if (job.entities.isEmpty()) {
            return;
        }
        int partition = context.taskId().partition();
        wanted.forEach((topic, offsets) -> {
            TopicPartition tp = new TopicPartition(topic, partition);
            LongPredicate want = o -> Arrays.binarySearch(offsets, o) >= 0; // ascending and distinct
            int i = 0;
            while (i < offsets.length) {
                int j = i;
                while (j + 1 < offsets.length && offsets[j + 1] - offsets[j] <= SPAN_GAP) {
                    j++;
                }
                read(tp, offsets[i], offsets[j], want, rec -> rescreen(rec, decoder.event(rec), horizon));
                i = j + 1;
            }
        });
    }

    /**
     * @param want the offsets to hand on, of those read; null = all
     * @return false if the read failed (logged)
     */
    private boolean read(TopicPartition tp, long from, long to, LongPredicate want,
                         Consumer<ConsumerRecord<byte[], byte[]>> each) {
        long[] n = {0};
        try {
            input().read(tp, from, to, rec -> {
                n[0]++;
                if (want == null || want.test(rec.offset())) {
                    each.accept(rec);
                }
            });
            return true;
        } catch (StreamsException e) {
            throw e; // the task migrated or its producer was fenced: Kafka Streams handles it, never swallowed
        } catch (KafkaException e) {
            LOG.warn("retro-screening: task {} could not read offsets {} to {} of {} ({}); they are not re-screened",
                    context.taskId(), from, to, tp, e.toString());
            return false;
        } finally {
            job.recordsRead += n[0];
            observer.retroRecordsRead(n[0]);
        }
    }

    private void rescreen(ConsumerRecord<byte[], byte[]> record, ScreeningEvent event, long horizon) {
        if (event == null || event.eventTime().toEpochMilli() < horizon || job.entities.isEmpty()) {
            return;
        }
        for (Alert a : screener.screen(event).alerts()) {
            if (job.entities.contains(a.entityId()) && raised.add(record.topic(), record.offset(), a.alertId())) {
                var avro = AvroMapping.toAvro(a);
                avro.setRetro(true);
                avro.setListChange("entity " + a.entityId() + " added or changed on the list after event "
                        + a.eventId() + " was screened");
                context.forward(new Record<>(a.entityId(), (SpecificRecord) avro,
                        EventTimeExtractor.outputTimestamp(a.eventTime().toEpochMilli(), record.timestamp())));
                observer.retroAlert();
                job.alerts++;
            }
        }
    }

    /** Moves the alert ids a range of an earlier format kept in itself to the raised store; whether there were any. */
    private boolean moveLegacyRaised(ScreenedRange r) {
        var legacy = r.legacyRaised();
        legacy.forEach((topic, byOffset) -> byOffset.forEach((offset, ids) -> raised.addAll(topic, offset, ids)));
        return !legacy.isEmpty();
    }
}
