package dev.interdict.topology.retro;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.interdict.screening.NameField;

/**
 * What retro-screening keeps of a run of screened events: not the events (they are read again from the input topics
 * when a scan needs them) but, per input topic of the task, the offsets they span, the latest event time among them,
 * and the ids of the alerts already raised for them, by offset. That is a few bytes per alert instead of a copy of
 * every event, so keeping costs almost nothing per event.
 *
 * <p>A range is mutable while it is open; {@link #next()} starts the one that follows it.
 */
public final class ScreenedRange {
    /**
     * 4: format 3, then the range's distinct screened texts with the positions of the events that hold them (written
     * when the range closes; the open range is written without them and rebuilt from the input after a restart).
     * 3: the raised alert ids as a list of (topic, offset, id) in the order they were raised, kept encoded as they are
     * raised: the open range is encoded with every event that raises an alert, and re-encoding every id each time
     * was most of that cost. 2 (still read): ids grouped by topic and offset, without the write time of format 1.
     */
    private static final byte FORMAT = 4;
    private static final byte FORMAT_3 = 3;
    private static final byte FORMAT_2 = 2;
    /** A text longer than this is kept as "any long text", which every probe reads back (conservative). */
    static final int MAX_TEXT = 2_000;

    /** Per topic: {first, last} offset; empty when last &lt; first. (A hash map: it is read with every event.) */
    private final Map<String, long[]> offsets = new java.util.HashMap<>();
    private long maxEventTime = Long.MIN_VALUE;
    private int records;
    /** Per topic, per offset: ids of the alerts raised for that event. */
    private final Map<String, TreeMap<Long, Set<String>>> raised = new TreeMap<>();
    /** The same ids, encoded in the order raised: (topic number, offset, id); the topics numbered as first raised. */
    private final ByteArrayOutputStream raisedEncoded = new ByteArrayOutputStream(256);
    private final DataOutputStream raisedOut = new DataOutputStream(raisedEncoded);
    private final List<String> raisedTopics = new ArrayList<>(2);
    private int raisedCount;
    /** The distinct screened texts and where they occur ({@link RangeTexts}); null = unknown (read everything). */
    private RangeTexts texts = new RangeTexts();

    /**
     * Adds one screened event (or, with {@code eventTime} = {@link Long#MIN_VALUE} and no alerts, a record that was
     * not one).
     *
     * @return whether this is the first record of this topic the task has seen (the range did not cover it yet)
     */
    public boolean add(String topic, long offset, long eventTime, Collection<String> alertIds) {
        long[] span = offsets.get(topic);
        boolean first = span == null;
        if (first) {
            offsets.put(topic, new long[] {offset, offset});
        } else {
            if (span[1] < span[0]) {
                span[0] = offset;
            }
            span[1] = Math.max(span[1], offset);
        }
        maxEventTime = Math.max(maxEventTime, eventTime);
        records++;
        for (String id : alertIds) {
            raise(topic, offset, id);
        }
        return first;
    }

    /** Records an alert as raised; false if it was raised already. */
    public boolean raise(String topic, long offset, String alertId) {
        boolean added = raised.computeIfAbsent(topic, t -> new TreeMap<>())
                .computeIfAbsent(offset, o -> new LinkedHashSet<>()).add(alertId);
        if (added) {
            int topicNumber = raisedTopics.indexOf(topic);
            if (topicNumber < 0) {
                topicNumber = raisedTopics.size();
                raisedTopics.add(topic);
            }
            try {
                raisedOut.writeShort(topicNumber);
                raisedOut.writeLong(offset);
                raisedOut.writeUTF(alertId);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            raisedCount++;
        }
        return added;
    }

    /** Ids of the alerts raised for the event at this offset (empty if none). */
    public Set<String> raised(String topic, long offset) {
        TreeMap<Long, Set<String>> byOffset = raised.get(topic);
        Set<String> ids = byOffset == null ? null : byOffset.get(offset);
        return ids == null ? Set.of() : Set.copyOf(ids);
    }

    /** Per topic, {first, last} offsets covered (a copy; empty spans included). */
    public Map<String, long[]> offsets() {
        Map<String, long[]> copy = new TreeMap<>();
        offsets.forEach((t, s) -> copy.put(t, s.clone()));
        return copy;
    }

    /** Per topic, the offset of the last record covered. */
    public Map<String, Long> lastOffsets() {
        Map<String, Long> last = new TreeMap<>();
        offsets.forEach((t, s) -> last.put(t, s[1]));
        return last;
    }

    public long maxEventTime() {
        return maxEventTime;
    }

    public int records() {
        return records;
    }

    /** Records the screened texts of the event at this offset (its names, with the role each is matched in). */
    public void addTexts(String topic, long offset, List<NameField> names) {
        if (texts != null) {
            texts.add(topic, offset, names);
        }
    }

    /** Whether the range knows its texts (a range written before format 4 does not: all its events are read back). */
    public boolean textsKnown() {
        return texts != null;
    }

    /** Forgets the texts (they are rebuilt from the input after a restart), or starts them again. */
    void resetTexts(boolean known) {
        texts = known ? new RangeTexts() : null;
    }

    /**
     * Per topic, the offsets (ascending, distinct) of the events that hold a text for which {@code probe} says yes;
     * all offsets covered when the texts are not known.
     */
    public Map<String, long[]> matching(RangeTexts.Probe probe) {
        if (texts == null) {
            return null;
        }
        return texts.matching(probe);
    }

    /** Distinct texts of the range. */
    public int distinctTexts() {
        return texts == null ? -1 : texts.size();
    }

    /**
     * Whether the range should be closed: it covers {@code maxRecords} records or its encoded alert ids fill
     * {@code maxBytes}.
     */
    public boolean full(int maxRecords, int maxBytes) {
        return records >= maxRecords || raisedEncoded.size() >= maxBytes;
    }

    /** The (empty) range that follows this one: per topic, it starts after this one's last offset. */
    public ScreenedRange next() {
        ScreenedRange n = new ScreenedRange();
        offsets.forEach((t, s) -> n.offsets.put(t, new long[] {s[1] + 1, s[1]}));
        return n;
    }

    /** The open range: without its texts (rebuilt from the input after a restart). */
    public byte[] encode() {
        return encode(false);
    }

    /** @param withTexts true for a closed range: its distinct texts and their positions are kept with it */
    public byte[] encode(boolean withTexts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + raisedEncoded.size() + 32 * offsets.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(maxEventTime);
            out.writeInt(records);
            out.writeInt(offsets.size());
            for (var e : new TreeMap<>(offsets).entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue()[0]);
                out.writeLong(e.getValue()[1]);
            }
            out.writeInt(raisedTopics.size());
            for (String topic : raisedTopics) {
                out.writeUTF(topic);
            }
            out.writeInt(raisedCount);
            raisedOut.flush();
            raisedEncoded.writeTo(out);
            boolean known = withTexts && texts != null;
            out.writeBoolean(known);
            if (known) {
                texts.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static ScreenedRange decode(byte[] bytes) {
        ScreenedRange r = new ScreenedRange();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT && format != FORMAT_3 && format != FORMAT_2) {
                throw new IllegalStateException("screened range in unknown format " + format);
            }
            r.maxEventTime = in.readLong();
            r.records = in.readInt();
            for (int i = in.readInt(); i > 0; i--) {
                r.offsets.put(in.readUTF(), new long[] {in.readLong(), in.readLong()});
            }
            r.texts = null; // unknown unless format 4 says otherwise
            if (format == FORMAT || format == FORMAT_3) {
                List<String> topics = new ArrayList<>();
                for (int t = in.readInt(); t > 0; t--) {
                    topics.add(in.readUTF());
                }
                for (int n = in.readInt(); n > 0; n--) {
                    String topic = topics.get(in.readShort());
                    r.raise(topic, in.readLong(), in.readUTF());
                }
                if (format == FORMAT && in.readBoolean()) {
                    r.texts = RangeTexts.lazy(in.readAllBytes()); // parsed only if a list change needs them
                }
                return r;
            }
            for (int t = in.readInt(); t > 0; t--) {
                String topic = in.readUTF();
                for (int o = in.readInt(); o > 0; o--) {
                    long offset = in.readLong();
                    for (int n = in.readInt(); n > 0; n--) {
                        r.raise(topic, offset, in.readUTF());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return r;
    }
}
