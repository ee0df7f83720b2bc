package dev.interdict.topology;

import dev.interdict.contract.ContractException;
import dev.interdict.contract.EventChecks;
import dev.interdict.contract.Printable;
import dev.interdict.screening.ScreeningEvent;
import dev.interdict.screening.Screener;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import dev.interdict.topology.retro.InputDecoder;
import dev.interdict.topology.retro.InputLog;
import dev.interdict.topology.retro.KafkaInputLog;
import dev.interdict.topology.retro.ListChanges;
import dev.interdict.topology.retro.RetroScreening;

import java.time.Duration;

/**
 * The Interdict topology.
 *
 * <pre>
 * purchase-orders ──┐            ┌─► decisions (key eventId, every event)
 *                   ├─► screen ─┤
 * license-renewals ──┘     │     └─► alerts (key entityId; retro alerts too)
 *        (retro-screening: screened-ranges-store, retro-texts-store, retro-raised-store, retro-progress-store)
 *
 * restricted-entities ═► global store + screener index (every instance sees the whole list)
 * </pre>
 *
 * A topic cannot be both a global and a stream source of one topology, so invalid list records reach the
 * dead-letter topic through the separate {@link #buildListValidation() list-validation topology}.
 *
 * Bad records never stop the stream: deserialisation and processing errors go to the dead-letter topic through
 * Kafka Streams' own handlers ({@code errors.dead.letter.queue.topic.name}), with the original bytes and the reason
 * in headers. Every processor, store and source is named so that names survive refactors.
 */
public final class InterdictTopology {
    public static final String ENTITY_STORE = "restricted-entities-store";
    /** Retro-screening: the input offsets screened, the alerts raised and the texts of each range. */
    public static final String SCREENED_RANGES_STORE = RetroScreening.RANGES_STORE;
    /** Retro-screening: how far each task's history has been screened against the list ({@code RetroProgress}). */
    public static final String RETRO_PROGRESS_STORE = RetroScreening.PROGRESS_STORE;
    /** Retro-screening: each task's distinct screened texts, by id (ranges keep the ids). */
    public static final String RETRO_TEXTS_STORE = RetroScreening.TEXTS_STORE;
    /** Retro-screening: the ids of the alerts raised per screened event (a retro alert is raised once). */
    public static final String RETRO_RAISED_STORE = RetroScreening.RAISED_STORE;
    /** Default retro-screening lookback: events of the last 90 days of event time are re-screened on list changes. */
    public static final Duration DEFAULT_RETRO_LOOKBACK = Duration.ofDays(90);
    static final String PURCHASE_ORDERS_SOURCE = "purchase-orders-source";
    static final String LICENSE_RENEWALS_SOURCE = "license-renewals-source";
    static final String SCREEN = "screen";
    static final String SINK = "decisions-and-alerts-sink";

    private final TopicNames topics;
    private final InterdictSerdes serdes;
    private final Screener screener;
    private final ScreeningObserver observer;
    private final Duration retroLookback;
    private final ListChanges changes = new ListChanges();
    private final InputLog.Opener inputs;
    private Duration retroSlice = RetroScreening.DEFAULT_SLICE;

    public InterdictTopology(TopicNames topics, InterdictSerdes serdes, Screener screener) {
        this(topics, serdes, screener, ScreeningObserver.NONE, DEFAULT_RETRO_LOOKBACK);
    }

    /**
     * @param retroLookback how far back (event time) events are re-screened when the list changes; null = off
     */
    public InterdictTopology(TopicNames topics, InterdictSerdes serdes, Screener screener, ScreeningObserver observer,
                             Duration retroLookback) {
        this(topics, serdes, screener, observer, retroLookback, KafkaInputLog::new);
    }

    /** @param inputs how retro-screening reads the input topics back by offset (a broker consumer, but in tests) */
    InterdictTopology(TopicNames topics, InterdictSerdes serdes, Screener screener, ScreeningObserver observer,
                      Duration retroLookback, InputLog.Opener inputs) {
        this.inputs = inputs;
        this.topics = topics;
        this.serdes = serdes;
        this.screener = screener;
        this.observer = observer;
        this.retroLookback = retroLookback;
    }

    public Screener screener() {
        return screener;
    }

    /** The list changes this instance applied, as retro-screening sees them. */
    public ListChanges listChanges() {
        return changes;
    }

    /** How long a retro-screening job may run on the stream thread per tick (default {@link RetroScreening#DEFAULT_SLICE}). */
    public InterdictTopology retroSlice(Duration slice) {
        this.retroSlice = slice;
        return this;
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        EventTimeExtractor eventTime = new EventTimeExtractor();

        // the list: a global store on every instance, feeding the screener's index record by record
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ENTITY_STORE), Serdes.String(), Serdes.ByteArray())
                        .withLoggingDisabled(),
                topics.restrictedEntities(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("update-restricted-list"),
                () -> new RestrictedListUpdater(screener, serdes.restrictedEntities().deserializer(), ENTITY_STORE,
                        topics.restrictedEntities(), observer, changes));

        Topology topology = builder.build();
        // the events: both topics read straight into screening events (EventDeserializer: only the fields screening
        // needs are decoded) and into screen (a mapValues per topic and a merge, as the DSL would have it, are three
        // more hops per event, each a new record with a copy of its headers). Undecodable bytes are a deserialisation
        // dead letter; a tombstone or an instant before 1970 throws in screen, before anything is forwarded or
        // stored: a processing dead letter. No offset reset of their own (null): auto.offset.reset applies.
        EventDeserializer orders = EventDeserializer.purchaseOrders(serdes.purchaseOrders().deserializer());
        EventDeserializer renewals = EventDeserializer.licenseRenewals(serdes.licenseRenewals().deserializer());
        topology.addSource((AutoOffsetReset) null, PURCHASE_ORDERS_SOURCE, eventTime, new StringDeserializer(),
                orders, topics.purchaseOrders());
        topology.addSource((AutoOffsetReset) null, LICENSE_RENEWALS_SOURCE, eventTime, new StringDeserializer(),
                renewals, topics.licenseRenewals());
        InputDecoder decoder = new InputDecoder(topics.purchaseOrders(), orders, renewals);
        String purchaseOrders = topics.purchaseOrders();
        topology.addProcessor(SCREEN, () -> new ScreenProcessor(screener, observer, retroLookback == null ? null
                        : new RetroScreening(screener, observer, changes, retroLookback, inputs, decoder, retroSlice),
                purchaseOrders), PURCHASE_ORDERS_SOURCE, LICENSE_RENEWALS_SOURCE);
        if (retroLookback != null) {
            topology.addStateStore(screenedRangesStore(), SCREEN);
            topology.addStateStore(retroProgressStore(), SCREEN);
            topology.addStateStore(retroTextsStore(), SCREEN);
            topology.addStateStore(retroRaisedStore(), SCREEN);
        }
        // the decision (key eventId) and its alerts (key entityId), plus retro alerts, each to its own topic
        OutputSerde output = new OutputSerde(serdes);
        topology.addSink(SINK, new OutputTopics(topics), new StringSerializer(), output.serializer(), SCREEN);
        return topology;
    }

    /**
     * The store of retro-screening: per task, numbered ranges of the input offsets screened, each closed one with the
     * ids of its distinct texts and the positions of the events holding each (ScreenedRange); the events themselves
     * are read back from the input topics. Persistent (RocksDB, changelogged) and cached: the open range is rewritten
     * every second while events come, and the record cache turns those rewrites into one write per commit.
     */
    private static StoreBuilder<KeyValueStore<Long, byte[]>> screenedRangesStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SCREENED_RANGES_STORE), Serdes.Long(),
                Serdes.ByteArray()).withCachingEnabled();
    }

    /**
     * Per task, its distinct screened texts by id (role and text): written once per new text, deleted when no range
     * kept holds it (RocksDB, changelogged; loaded into memory when the task starts).
     */
    private static StoreBuilder<KeyValueStore<Integer, byte[]>> retroTextsStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RETRO_TEXTS_STORE), Serdes.Integer(),
                Serdes.ByteArray());
    }

    /**
     * Per task, the ids of the alerts raised per event, keyed by topic and offset: written once per event that raises
     * an alert (and per retro alert), deleted with the range that covers the event (RocksDB, changelogged, cached).
     */
    private static StoreBuilder<KeyValueStore<Bytes, byte[]>> retroRaisedStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RETRO_RAISED_STORE), Serdes.Bytes(),
                Serdes.ByteArray()).withCachingEnabled();
    }

    /** Per task, one small record: how far its history has been screened against the list (changelogged). */
    private static StoreBuilder<KeyValueStore<String, byte[]>> retroProgressStore() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RETRO_PROGRESS_STORE), Serdes.String(),
                Serdes.ByteArray());
    }

    /**
     * The list-validation topology (run as its own Streams application, {@code <application.id>-list-validation}):
     * reads the restricted-entities topic as a stream and sends every invalid record to the dead-letter topic, with
     * the original bytes and the reason, so that no list record is lost unnoticed.
     */
    public Topology buildListValidation() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.restrictedEntities(),
                        Consumed.with(Serdes.String(), serdes.restrictedEntities()).withName("restricted-entities-validation-source"))
                .foreach((key, value) -> {
                    if (value != null) {
                        EntityRecords.validate(key, value);
                    }
                }, Named.as("validate-restricted-entity"));
        return builder.build();
    }

    /**
     * The event as it is screened, or an {@link InvalidRecordException} (a dead letter) if it cannot be: a tombstone
     * on an event topic, or an event that breaks {@link EventChecks} (a blank eventId or party name, a business
     * instant before 1970), the rules the offline {@code screen} rejects by, in the same words.
     */
    public static ScreeningEvent screenable(ScreeningEvent e, boolean fromPurchaseOrders) {
        if (e == null) {
            throw new InvalidRecordException((fromPurchaseOrders ? "purchase-order" : "license-renewal")
                    + " record has no value (a tombstone is not an event)");
        }
        try {
            return EventChecks.screenable(e);
        } catch (ContractException invalid) {
            throw new InvalidRecordException("event " + Printable.quote(e.eventId()) + ": " + invalid.getMessage());
        }
    }
}
