package dev.interdict.topology.retro;

import dev.interdict.screening.NameField;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The distinct screened texts of a range of events, each with the positions (topic, offset) of the events that hold
 * it, by the role the text is matched in. ERP streams repeat a few suppliers, vendors, manufacturers and publishers,
 * so a list change probes the few distinct texts of a range instead of screening its thousands of events, and reads
 * back only the events whose texts may match a changed entity.
 *
 * <p>Encoded as: the topics, then per text its role, the text and its positions, each a varint of the offset's
 * distance from the previous position of the same topic (shifted left by two bits, the topic number in the low
 * bits): one or two bytes per event and text. A text longer than {@link ScreenedRange#MAX_TEXT} is kept as "a long
 * text" (role with the high bit set, no text) and is always read back; so is every new text once the range's distinct
 * texts hold {@value #MAX_TEXT_CHARS} characters (free-text descriptions are rarely repeated: without this bound a
 * closed range of them would outgrow a changelog record).
 */
public final class RangeTexts {
    /** Says whether a text, matched in a field of this role, may raise an alert that is being looked for. */
    @FunctionalInterface
    public interface Probe {
        boolean mayMatch(NameField.Role role, String text);
    }

    private static final NameField.Role[] ROLES = NameField.Role.values();
    private static final int MAX_TOPICS = 4;
    /** Characters of distinct texts a range keeps; texts beyond are kept as "a long text" (always read back). */
    static final int MAX_TEXT_CHARS = 131_072;
    /** An entry for texts longer than {@link ScreenedRange#MAX_TEXT}: always read back. */
    private static final String LONG_TEXT = null;

    private final List<String> topics = new ArrayList<>(2);
    @SuppressWarnings("unchecked")
    private final Map<String, Positions>[] byRole = new Map[ROLES.length];
    /** Encoded texts not parsed yet (a closed range read from the store), or null. */
    private byte[] raw;
    /** Characters of the distinct texts kept. */
    private int textChars;

    RangeTexts() {
        for (int i = 0; i < byRole.length; i++) {
            byRole[i] = new HashMap<>();
        }
    }

    static RangeTexts lazy(byte[] encoded) {
        RangeTexts t = new RangeTexts();
        t.raw = encoded;
        return t;
    }

    /** Positions of one text: (topic number, offset) packed in a long each, in the order added. */
    private static final class Positions {
        long[] packed = new long[4];
        int size;

        void add(int topic, long offset) {
            if (size == packed.length) {
                packed = Arrays.copyOf(packed, size * 2);
            }
            packed[size++] = ((long) topic << 60) | offset;
        }
    }

    void add(String topic, long offset, List<NameField> names) {
        parse();
        int topicNo = topics.indexOf(topic);
        if (topicNo < 0) {
            if (topics.size() == MAX_TOPICS) {
                throw new IllegalStateException("a task reads at most " + MAX_TOPICS + " topics");
            }
            topicNo = topics.size();
            topics.add(topic);
        }
        for (int i = 0, n = names.size(); i < n; i++) {
            NameField f = names.get(i);
            String text = f.value();
            if (text == null || text.isBlank()) {
                continue; // never screened
            }
            String key = text.length() > ScreenedRange.MAX_TEXT ? LONG_TEXT : text;
            Map<String, Positions> texts = byRole[f.role().ordinal()];
            Positions p = texts.get(key);
            if (p == null && key != LONG_TEXT && textChars + key.length() > MAX_TEXT_CHARS) {
                key = LONG_TEXT; // the range holds enough text: this one is read back whatever changes
                p = texts.get(key);
            }
            if (p == null) {
                p = new Positions();
                texts.put(key, p);
                textChars += key == LONG_TEXT ? 0 : key.length();
            }
            if (p.size == 0 || p.packed[p.size - 1] != (((long) topicNo << 60) | offset)) {
                p.add(topicNo, offset);
            }
        }
    }

    int size() {
        parse();
        int n = 0;
        for (Map<String, Positions> m : byRole) {
            n += m.size();
        }
        return n;
    }

    /** Per topic, ascending distinct offsets of the events that hold a text the probe says yes to. */
    Map<String, long[]> matching(Probe probe) {
        parse();
        List<long[]> hits = new ArrayList<>();
        int total = 0;
        for (int r = 0; r < byRole.length; r++) {
            for (Map.Entry<String, Positions> e : byRole[r].entrySet()) {
                if (e.getKey() == LONG_TEXT || probe.mayMatch(ROLES[r], e.getKey())) {
                    long[] packed = Arrays.copyOf(e.getValue().packed, e.getValue().size);
                    hits.add(packed);
                    total += packed.length;
                }
            }
        }
        Map<String, long[]> out = new TreeMap<>();
        if (total == 0) {
            return out;
        }
        long[] all = new long[total];
        int i = 0;
        for (long[] h : hits) {
            System.arraycopy(h, 0, all, i, h.length);
            i += h.length;
        }
        Arrays.sort(all); // by topic number, then offset
        for (int t = 0; t < topics.size(); t++) {
            long[] offsets = new long[all.length];
            int n = 0;
            for (long p : all) {
                if ((int) (p >>> 60) == t) {
                    long o = p & ((1L << 60) - 1);
                    if (n == 0 || offsets[n - 1] != o) {
                        offsets[n++] = o;
                    }
                }
            }
            if (n > 0) {
                out.put(topics.get(t), Arrays.copyOf(offsets, n));
            }
        }
        return out;
    }

    void writeTo(DataOutputStream out) throws IOException {
        if (raw != null) {
            out.write(raw); // never parsed: written back as it was read
            return;
        }
        out.writeByte(topics.size());
        for (String t : topics) {
            out.writeUTF(t);
        }
        out.writeInt(size());
        for (int r = 0; r < byRole.length; r++) {
            for (Map.Entry<String, Positions> e : byRole[r].entrySet()) {
                if (e.getKey() == LONG_TEXT) {
                    out.writeByte(r | 0x80);
                } else {
                    out.writeByte(r);
                    out.writeUTF(e.getKey());
                }
                Positions p = e.getValue();
                writeVarLong(out, p.size);
                long[] previous = new long[MAX_TOPICS];
                for (int i = 0; i < p.size; i++) {
                    int topic = (int) (p.packed[i] >>> 60);
                    long offset = p.packed[i] & ((1L << 60) - 1);
                    writeVarLong(out, ((offset - previous[topic]) << 2) | topic);
                    previous[topic] = offset;
                }
            }
        }
    }

    private void parse() {
        if (raw == null) {
            return;
        }
        byte[] bytes = raw;
        raw = null;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            for (int t = in.readUnsignedByte(); t > 0; t--) {
                topics.add(in.readUTF());
            }
            for (int n = in.readInt(); n > 0; n--) {
                int role = in.readUnsignedByte();
                String text = (role & 0x80) != 0 ? LONG_TEXT : in.readUTF();
                Positions p = new Positions();
                long[] previous = new long[MAX_TOPICS];
                for (long k = readVarLong(in); k > 0; k--) {
                    long v = readVarLong(in);
                    int topic = (int) (v & 3);
                    long offset = previous[topic] + (v >>> 2);
                    previous[topic] = offset;
                    p.add(topic, offset);
                }
                byRole[role & 0x7f].put(text, p);
                textChars += text == LONG_TEXT ? 0 : text.length();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeVarLong(DataOutputStream out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    private static long readVarLong(DataInputStream in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("malformed varint");
    }
}
