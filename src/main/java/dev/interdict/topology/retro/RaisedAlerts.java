package dev.interdict.topology.retro;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The ids of the alerts raised for each screened event of a task, live or retro, in the changelogged
 * {@link RetroScreening#RAISED_STORE raised store}, keyed by (topic, offset): a retro alert is raised only if its id
 * is not kept for that event. Apart from the ranges, so that a range is not rewritten with every alert and covers its
 * records whatever the alert rate; deleted with the range that covers the offsets.
 *
 * <p>Key: the topic's UTF-8 bytes, a zero byte, the offset (8 bytes, big-endian), so that the keys of one topic sort by
 * offset and a range's span is one key range. Value: the number of ids, then each id ({@code writeUTF}).
 */
final class RaisedAlerts {
    private final KeyValueStore<Bytes, byte[]> store;

    RaisedAlerts(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    static Bytes key(String topic, long offset) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(t.length + 9).put(t).put((byte) 0).putLong(offset).array());
    }

    /** Ids kept for the event at this offset (empty if none). */
    Set<String> get(String topic, long offset) {
        return decode(store.get(key(topic, offset)));
    }

    /** Keeps the ids of the alerts raised for an event (with any kept for it already). */
    void addAll(String topic, long offset, Collection<String> ids) {
        Bytes key = key(topic, offset);
        byte[] kept = store.get(key);
        if (kept == null) {
            store.put(key, encode(ids));
            return;
        }
        Set<String> all = decode(kept);
        if (all.addAll(ids)) {
            store.put(key, encode(all));
        }
    }

    /** Keeps one id; false if it was kept already (the alert was raised). */
    boolean add(String topic, long offset, String id) {
        Bytes key = key(topic, offset);
        Set<String> all = decode(store.get(key));
        if (!all.add(id)) {
            return false;
        }
        store.put(key, encode(all));
        return true;
    }

    /** Deletes the ids kept for the offsets {@code from} to {@code to} (both included) of a topic. */
    int delete(String topic, long from, long to) {
        if (to < from) {
            return 0;
        }
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(key(topic, from), key(topic, to))) {
            while (it.hasNext()) {
                keys.add(it.next().key);
            }
        }
        keys.forEach(store::delete);
        return keys.size();
    }

    static byte[] encode(Collection<String> ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 + 40 * ids.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeShort(ids.size());
            for (String id : ids) {
                out.writeUTF(id);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Set<String> decode(byte[] value) {
        Set<String> ids = new LinkedHashSet<>();
        if (value == null) {
            return ids;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            for (int n = in.readUnsignedShort(); n > 0; n--) {
                ids.add(in.readUTF());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }
}
