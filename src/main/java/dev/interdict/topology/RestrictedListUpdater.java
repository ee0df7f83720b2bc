package dev.interdict.topology;

import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.Screener;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import dev.interdict.topology.retro.ListChanges;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global store of restricted entities and the screener's in-memory index in step, one list record at a
 * time (no full rebuild per update). Runs on the global thread of every instance, so every instance sees the whole
 * list. Invalid list records are skipped here; the list-validation sub-topology sends them to the dead-letter topic.
 */
final class RestrictedListUpdater implements Processor<String, byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(RestrictedListUpdater.class);

    private final Screener screener;
    private final Deserializer<dev.interdict.avro.RestrictedEntity> deserializer;
    private final String storeName;
    private final String topic;
    private final ScreeningObserver observer;
    private final ListChanges changes;
    private KeyValueStore<String, byte[]> store;
    private ProcessorContext<Void, Void> context;

    RestrictedListUpdater(Screener screener, Deserializer<dev.interdict.avro.RestrictedEntity> deserializer,
                          String storeName, String topic, ScreeningObserver observer, ListChanges changes) {
        this.changes = changes;
        this.screener = screener;
        this.observer = observer;
        this.deserializer = deserializer;
        this.storeName = storeName;
        this.topic = topic;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        store = context.getStateStore(storeName);
        // Whatever the store holds and the index lacks goes into the index. Kafka Streams restores a global store by
        // passing each record through a processor like this one (so the index and the change log are filled with
        // the list offsets); this only matters if a restoration bypassed process(). Not a change for retro-screening.
        int loaded = 0;
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                RestrictedEntity e = decode(kv.key, kv.value);
                if (e != null && !e.equals(screener.entity(e.entityId()))) {
                    screener.upsert(e);
                    loaded++;
                }
            }
        }
        LOG.debug("list updater ready: {} restricted entities indexed from the store", loaded);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(ListChanges.NONE);
        if (record.key() == null) {
            changes.unchanged(offset);
            return; // invalid: the validator sends it to the dead-letter topic
        }
        long t0 = System.nanoTime();
        if (record.value() == null) {
            store.delete(record.key());
            screener.remove(record.key());
            changes.removed(record.key(), offset);
            observer.listUpdated(true, System.nanoTime() - t0);
            return;
        }
        RestrictedEntity e = decode(record.key(), record.value());
        if (e == null) {
            changes.unchanged(offset); // fail closed: the entry held before (if any) stays
            observer.listRecordSkipped();
            return;
        }
        store.put(record.key(), record.value());
        if (e.equals(screener.entity(e.entityId()))) {
            changes.unchanged(offset); // a republish of what is held: no change, nothing to re-screen
            observer.listRecordUnchanged();
        } else {
            screener.upsert(e);
            changes.changed(e.entityId(), offset);
        }
        observer.listUpdated(false, System.nanoTime() - t0);
    }

    private RestrictedEntity decode(String key, byte[] value) {
        try {
            return EntityRecords.validate(key, deserializer.deserialize(topic, value));
        } catch (dev.interdict.serde.SchemaRegistryException unavailable) {
            throw unavailable; // not the record's fault: never skip a list entry because the registry is down
        } catch (RuntimeException ex) {
            LOG.warn("skipping invalid restricted-entity record key={}: {}", key, ex.getMessage());
            return null;
        }
    }
}
