package dev.interdict.topology.retro;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * What retro-screening keeps of a run of screened events: not the events (they are read again from the input topics
 * when a job needs them) but, per input topic of the task, the offsets they span and the latest event time among
 * them; once closed, the ids of its distinct screened texts ({@link TextDictionary}) with the positions of the events
 * that hold each ({@link RangeTextIds}). The ids of the alerts raised are kept apart ({@link RaisedAlerts}), so a
 * range covers its {@link RetroScreening#RANGE_RECORDS} records whatever the alert rate.
 *
 * <p>A range is mutable while it is open; {@link #next()} starts the one that follows it.
 */
public final class ScreenedRange {
    /**
     * 5: offsets, event time and record count, then (closed ranges) the text ids with their positions; no alert ids
     * (kept in their own store). Still read: 4 (format 3, then the range's texts themselves: moved into the
     * dictionary and the range rewritten as 5 when the task starts), 3 (the raised alert ids as (topic, offset, id) in the order raised),
     * 2 (ids grouped by topic and offset). The alert ids of those formats are moved to the raised-alerts store.
     */
    private static final byte FORMAT = 5;
    private static final byte FORMAT_4 = 4;
    private static final byte FORMAT_3 = 3;
    private static final byte FORMAT_2 = 2;
    /** A text longer than this is kept as "any long text", which every probe reads back (conservative). */
    static final int MAX_TEXT = 2_000;

    /** Per topic: {first, last} offset; empty when last &lt; first. (A hash map: it is read with every event.) */
    private final Map<String, long[]> offsets = new java.util.HashMap<>();
    private long maxEventTime = Long.MIN_VALUE;
    private int records;
    /** The encoded texts section of a closed range ({@link RangeTextIds}); null = unknown (open, or before 5). */
    private byte[] texts;
    /** The alert ids kept in the range by formats 2 to 4, per topic and offset (empty for format 5). */
    private final Map<String, TreeMap<Long, Set<String>>> legacyRaised = new TreeMap<>();
    private byte format = FORMAT;
    /** A closed range of format 4: its texts themselves, with their positions (see {@link #legacyTexts()}). */
    private byte[] legacyTexts;

    /**
     * Adds one screened event (or, with {@code eventTime} = {@link Long#MIN_VALUE}, a record that was not one).
     *
     * @return whether this is the first record of this topic the task has seen (the range did not cover it yet)
     */
    public boolean add(String topic, long offset, long eventTime) {
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
        if (eventTime > maxEventTime) {
            maxEventTime = eventTime;
        }
        records++;
        return first;
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

    /** The format the range was read in ({@link #FORMAT} for a new one). */
    int format() {
        return format;
    }

    /** Whether the range knows its texts (a closed range of format 5): if not, all its events are read back. */
    public boolean textsKnown() {
        return texts != null;
    }

    /** The ids of the range's distinct texts (empty when unknown). */
    int[] textIds() {
        return texts == null ? new int[0] : RangeTextIds.ids(texts);
    }

    /**
     * Per topic, the offsets (ascending, distinct) of the events that hold a text whose id {@code wanted} accepts;
     * null when the texts are not known (every event must be read).
     */
    public Map<String, long[]> matching(IntPredicate wanted) {
        return texts == null ? null : RangeTextIds.matching(texts, wanted);
    }

    /** Alert ids kept in the range itself by a format before 5 (per topic, per offset); empty for format 5. */
    Map<String, TreeMap<Long, Set<String>>> legacyRaised() {
        return legacyRaised;
    }

    /**
     * The texts a closed range of format 4 kept itself, or null: the topic count (a byte) and names ({@code writeUTF}),
     * the text count (an int), then per text its role (a byte; high bit set = "a long text", no text follows), the
     * text ({@code writeUTF}), the number of positions and the positions, each a varint of the offset's distance
     * from the previous position of the same topic shifted left by two bits, the topic number in the low bits.
     */
    byte[] legacyTexts() {
        return legacyTexts;
    }

    /** Ids kept in the range by a format before 5 for the event at this offset (empty if none). */
    public Set<String> legacyRaised(String topic, long offset) {
        TreeMap<Long, Set<String>> byOffset = legacyRaised.get(topic);
        Set<String> ids = byOffset == null ? null : byOffset.get(offset);
        return ids == null ? Set.of() : Set.copyOf(ids);
    }

    /** The (empty) range that follows this one: per topic, it starts after this one's last offset. */
    public ScreenedRange next() {
        ScreenedRange n = new ScreenedRange();
        offsets.forEach((t, s) -> n.offsets.put(t, new long[] {s[1] + 1, s[1]}));
        return n;
    }

    /** The open range: offsets, time and count only (its texts are rebuilt from the input after a restart). */
    public byte[] encode() {
        return encode(null);
    }

    /** @param textsSection a closed range's texts ({@link RangeTextIds#encode}), or null for none known */
    public byte[] encode(byte[] textsSection) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + 24 * offsets.size()
                + (textsSection == null ? 0 : textsSection.length));
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
            out.writeBoolean(textsSection != null);
            if (textsSection != null) {
                out.write(textsSection);
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
            if (format != FORMAT && format != FORMAT_4 && format != FORMAT_3 && format != FORMAT_2) {
                throw new IllegalStateException("screened range in unknown format " + format);
            }
            r.format = format;
            r.maxEventTime = in.readLong();
            r.records = in.readInt();
            for (int i = in.readInt(); i > 0; i--) {
                r.offsets.put(in.readUTF(), new long[] {in.readLong(), in.readLong()});
            }
            if (format == FORMAT) {
                if (in.readBoolean()) {
                    r.texts = in.readAllBytes();
                }
                return r;
            }
            if (format == FORMAT_4 || format == FORMAT_3) {
                List<String> topics = new ArrayList<>();
                for (int t = in.readInt(); t > 0; t--) {
                    topics.add(in.readUTF());
                }
                for (int n = in.readInt(); n > 0; n--) {
                    String topic = topics.get(in.readShort());
                    r.legacyRaise(topic, in.readLong(), in.readUTF());
                }
                if (format == FORMAT_4 && in.readBoolean()) {
                    r.legacyTexts = in.readAllBytes(); // moved into the dictionary when the task starts
                }
                return r;
            }
            for (int t = in.readInt(); t > 0; t--) {
                String topic = in.readUTF();
                for (int o = in.readInt(); o > 0; o--) {
                    long offset = in.readLong();
                    for (int n = in.readInt(); n > 0; n--) {
                        r.legacyRaise(topic, offset, in.readUTF());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return r;
    }

    private void legacyRaise(String topic, long offset, String id) {
        legacyRaised.computeIfAbsent(topic, t -> new TreeMap<>()).computeIfAbsent(offset, o -> new LinkedHashSet<>())
                .add(id);
    }
}
