package dev.interdict.topology;

import dev.interdict.screening.EventType;
import dev.interdict.screening.NameField;
import dev.interdict.screening.ScreeningEvent;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The format of the events kept for retro-screening: a batch is a run of entries, each the length-prefixed UTF-8 of
 * the event id, then of a compact text (type, event time, names with path and role, ids of the alerts raised).
 * {@link Batch#append} writes an entry straight into the batch's bytes (this runs once per event).
 */
final class KeptEvents {
    private static final char FIELD = '\u001f';
    private static final char ITEM = '\u001e';

    private KeptEvents() {
    }

    /**
     * What the open batch accounts for: per input topic of the task, the offset of the last record processed; and
     * the wall-clock time it was written.
     */
    record Position(long writtenAt, Map<String, Long> offsets) {
        byte[] encode() {
            StringBuilder b = new StringBuilder().append(writtenAt).append('\n');
            offsets.forEach((topic, offset) -> b.append(topic).append('\n').append(offset).append('\n'));
            return b.toString().getBytes(StandardCharsets.UTF_8);
        }

        static Position decode(byte[] bytes) {
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
            Map<String, Long> offsets = new TreeMap<>();
            for (int i = 1; i + 1 < lines.length; i += 2) {
                offsets.put(lines[i], Long.parseLong(lines[i + 1]));
            }
            return new Position(Long.parseLong(lines[0]), offsets);
        }
    }

    /** A kept event and the ids of the alerts already raised for it. */
    record Stored(ScreeningEvent event, Set<String> alertIds) {
    }

    /** A growing batch of entries. */
    static final class Batch {
        private byte[] bytes;
        private int length;

        Batch(int capacity) {
            bytes = new byte[capacity];
        }

        int length() {
            return length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, length);
        }

        byte[] copyOf(int from, int to) {
            return Arrays.copyOfRange(bytes, from, to);
        }

        void clear() {
            length = 0;
        }

        /** Appends entries written before (the open batch restored after a restart). */
        void append(byte[] entries) {
            ensure(entries.length);
            System.arraycopy(entries, 0, bytes, length, entries.length);
            length += entries.length;
        }

        /** Appends one entry; returns where it starts. */
        int append(ScreeningEvent e, Collection<String> alertIds) {
            int start = length;
            int idAt = reserveLength();
            utf8(e.eventId(), false);
            endLength(idAt);
            int bodyAt = reserveLength();
            utf8(e.type().wireName(), false);
            put(FIELD);
            utf8(Long.toString(e.eventTime().toEpochMilli()), false);
            for (NameField f : e.names()) {
                put(ITEM);
                put('n');
                utf8(f.path(), true);
                put(FIELD);
                utf8(f.value(), true);
                put(FIELD);
                utf8(f.role().name(), false);
            }
            for (String id : alertIds) {
                put(ITEM);
                put('a');
                utf8(id, true);
            }
            endLength(bodyAt);
            return start;
        }

        /** Moves the bytes from {@code start} on to the beginning (the entry that opens a new batch). */
        void keepFrom(int start) {
            System.arraycopy(bytes, start, bytes, 0, length - start);
            length -= start;
        }

        private int reserveLength() {
            ensure(4);
            length += 4;
            return length - 4;
        }

        private void endLength(int at) {
            int n = length - at - 4;
            bytes[at] = (byte) (n >>> 24);
            bytes[at + 1] = (byte) (n >>> 16);
            bytes[at + 2] = (byte) (n >>> 8);
            bytes[at + 3] = (byte) n;
        }

        private void put(char ascii) {
            ensure(1);
            bytes[length++] = (byte) ascii;
        }

        /** UTF-8, ASCII fast; in free text the separators (control characters, never in names) become spaces. */
        private void utf8(String s, boolean clean) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    String rest = s.substring(i);
                    byte[] b = (clean ? rest.replace(FIELD, ' ').replace(ITEM, ' ') : rest).getBytes(StandardCharsets.UTF_8);
                    ensure(b.length);
                    System.arraycopy(b, 0, bytes, length, b.length);
                    length += b.length;
                    return;
                }
                bytes[length++] = (byte) (clean && (c == FIELD || c == ITEM) ? ' ' : c);
            }
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
            }
        }
    }

    static byte[] encode(List<Stored> events) {
        Batch b = new Batch(256 * Math.max(1, events.size()));
        events.forEach(s -> b.append(s.event(), s.alertIds()));
        return b.toByteArray();
    }

    static List<Stored> decode(byte[] batch) {
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

    private static Stored decode(String eventId, String value) {
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
