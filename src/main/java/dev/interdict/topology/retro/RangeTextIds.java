package dev.interdict.topology.retro;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The texts section of a closed range (format 5): the ids of its distinct screened texts ({@link TextDictionary}),
 * each with the positions (topic, offset) of the events that hold it. No text is repeated here: the texts live once
 * per task in the dictionary.
 *
 * <p>Encoded as: the topic names (the positions' topic numbers index them), the number of texts, then per text its
 * id, the byte length of its positions, their number and the positions, each a varint of the offset's distance from
 * the previous position of the same topic (zigzag, so that one out of order still round-trips; shifted left by two
 * bits, the topic number in the low bits). The byte length lets a
 * reader skip the positions of a text it does not want: a job parses only the positions of matching texts.
 */
final class RangeTextIds {
    static final int MAX_TOPICS = 4;
    private static final long OFFSET_MASK = (1L << 60) - 1;

    private RangeTextIds() {
    }

    /** Positions of one text in one range: (topic number, offset) packed in a long each, ascending per topic. */
    static final class Positions {
        long[] packed = new long[4];
        int size;

        void add(int topic, long offset) {
            long p = ((long) topic << 60) | offset;
            if (size > 0 && packed[size - 1] == p) {
                return; // the same event names the text twice
            }
            if (size == packed.length) {
                packed = Arrays.copyOf(packed, size * 2);
            }
            packed[size++] = p;
        }
    }

    /** A growable byte buffer with varint writes. */
    static final class Writer {
        byte[] buf;
        int n;

        Writer(int capacity) {
            buf = new byte[Math.max(capacity, 16)];
        }

        private void ensure(int more) {
            if (n + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
            }
        }

        void varLong(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[n++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[n++] = (byte) v;
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varLong(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, n, b.length);
            n += b.length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, n);
        }
    }

    /** Reads varints from a byte array. */
    static final class Reader {
        final byte[] buf;
        int i;

        Reader(byte[] buf, int from) {
            this.buf = buf;
            this.i = from;
        }

        long varLong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = buf[i++];
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalStateException("malformed varint");
        }

        /** A string as {@code DataOutput.writeUTF} writes it (format 4 of ranges). */
        String javaUtf() {
            int len = ((buf[i] & 0xFF) << 8) | (buf[i + 1] & 0xFF);
            try {
                String s = new java.io.DataInputStream(new java.io.ByteArrayInputStream(buf, i, len + 2)).readUTF();
                i += len + 2;
                return s;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** A big-endian int ({@code DataOutput.writeInt}). */
        int int32() {
            int v = ((buf[i] & 0xFF) << 24) | ((buf[i + 1] & 0xFF) << 16) | ((buf[i + 2] & 0xFF) << 8) | (buf[i + 3] & 0xFF);
            i += 4;
            return v;
        }

        String string() {
            int len = (int) varLong();
            String s = new String(buf, i, len, StandardCharsets.UTF_8);
            i += len;
            return s;
        }
    }

    /**
     * Encodes the texts of a range: {@code ids[i]} held by the events at {@code positions[i]}. O(positions): one
     * varint per position, the ids in the order given.
     */
    static byte[] encode(List<String> topics, int count, int[] ids, Positions[] positions) {
        int total = 0;
        for (int i = 0; i < count; i++) {
            total += positions[i].size;
        }
        Writer w = new Writer(16 + 8 * count + 2 * total);
        w.varLong(topics.size());
        for (String t : topics) {
            w.string(t);
        }
        w.varLong(count);
        Writer block = new Writer(64);
        long[] previous = new long[MAX_TOPICS];
        for (int i = 0; i < count; i++) {
            Positions p = positions[i];
            block.n = 0;
            Arrays.fill(previous, 0);
            block.varLong(p.size);
            for (int k = 0; k < p.size; k++) {
                int topic = (int) (p.packed[k] >>> 60);
                long offset = p.packed[k] & OFFSET_MASK;
                long d = offset - previous[topic]; // zigzag: a position out of order still round-trips
                block.varLong((((d << 1) ^ (d >> 63)) << 2) | topic);
                previous[topic] = offset;
            }
            w.varLong(ids[i]);
            w.varLong(block.n);
            w.ensure(block.n);
            System.arraycopy(block.buf, 0, w.buf, w.n, block.n);
            w.n += block.n;
        }
        return w.toByteArray();
    }

    /** The text ids of an encoded section, in the order written (positions skipped, not parsed). */
    static int[] ids(byte[] section) {
        Reader r = new Reader(section, 0);
        for (long t = r.varLong(); t > 0; t--) {
            r.string();
        }
        int[] ids = new int[(int) r.varLong()];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = (int) r.varLong();
            int len = (int) r.varLong(); // (not r.i += r.varLong(): that would add to r.i as it was before the read)
            r.i += len;
        }
        return ids;
    }

    /**
     * Per topic, the ascending distinct offsets of the events that hold a text whose id {@code wanted} accepts; only
     * those texts' positions are parsed.
     */
    static Map<String, long[]> matching(byte[] section, IntPredicate wanted) {
        Reader r = new Reader(section, 0);
        List<String> topics = new ArrayList<>();
        for (long t = r.varLong(); t > 0; t--) {
            topics.add(r.string());
        }
        long[] all = new long[16];
        int total = 0;
        for (long n = r.varLong(); n > 0; n--) {
            int id = (int) r.varLong();
            int len = (int) r.varLong();
            if (!wanted.test(id)) {
                r.i += len;
                continue;
            }
            long[] previous = new long[MAX_TOPICS];
            for (long k = r.varLong(); k > 0; k--) {
                long v = r.varLong();
                int topic = (int) (v & 3);
                long zz = v >>> 2;
                long offset = previous[topic] + ((zz >>> 1) ^ -(zz & 1));
                previous[topic] = offset;
                if (total == all.length) {
                    all = Arrays.copyOf(all, total * 2);
                }
                all[total++] = ((long) topic << 60) | offset;
            }
        }
        return byTopic(all, total, topics);
    }

    /** Packed positions (any order, repeats allowed) as per topic ascending distinct offsets. */
    static Map<String, long[]> byTopic(long[] all, int total, List<String> topics) {
        Map<String, long[]> out = new TreeMap<>();
        if (total == 0) {
            return out;
        }
        Arrays.sort(all, 0, total); // by topic number, then offset
        int i = 0;
        while (i < total) {
            int topic = (int) (all[i] >>> 60);
            long[] offsets = new long[total - i];
            int n = 0;
            for (; i < total && (int) (all[i] >>> 60) == topic; i++) {
                long o = all[i] & OFFSET_MASK;
                if (n == 0 || offsets[n - 1] != o) {
                    offsets[n++] = o;
                }
            }
            out.merge(topics.get(topic), Arrays.copyOf(offsets, n), RangeTextIds::union);
        }
        return out;
    }

    private static long[] union(long[] a, long[] b) {
        long[] u = new long[a.length + b.length];
        System.arraycopy(a, 0, u, 0, a.length);
        System.arraycopy(b, 0, u, a.length, b.length);
        return Arrays.stream(u).sorted().distinct().toArray();
    }
}
