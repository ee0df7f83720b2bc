package dev.interdict.topology;

import dev.interdict.avro.LicenseRenewal;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.contract.AvroMapping;
import dev.interdict.screening.Decision;
import dev.interdict.screening.ScreeningEvent;
import dev.interdict.screening.Screener;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

import java.util.ArrayList;
import java.util.List;

/**
 * The Interdict topology.
 *
 * <pre>
 * purchase-orders ──► screen-purchase-order ──┐                    ┌─► decisions (key eventId, every event)
 *                                              ├─► merge-decisions ─┤
 * license-renewals ─► screen-license-renewal ─┘                    └─► decision-to-alerts ─► alerts (key entityId)
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

    private final TopicNames topics;
    private final InterdictSerdes serdes;
    private final Screener screener;
    private final ScreeningObserver observer;

    public InterdictTopology(TopicNames topics, InterdictSerdes serdes, Screener screener) {
        this(topics, serdes, screener, ScreeningObserver.NONE);
    }

    public InterdictTopology(TopicNames topics, InterdictSerdes serdes, Screener screener, ScreeningObserver observer) {
        this.topics = topics;
        this.serdes = serdes;
        this.screener = screener;
        this.observer = observer;
    }

    public Screener screener() {
        return screener;
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
                        topics.restrictedEntities(), observer));

        // each event is converted, screened and turned into its Avro decision in one step (fewer hops per event)
        KStream<String, dev.interdict.avro.Decision> orders = builder.stream(topics.purchaseOrders(),
                        Consumed.with(Serdes.String(), serdes.purchaseOrders())
                                .withTimestampExtractor(eventTime).withName("purchase-orders-source"))
                .map((key, po) -> decide(purchaseOrderEvent(po)), Named.as("screen-purchase-order"));
        KStream<String, dev.interdict.avro.Decision> renewals = builder.stream(topics.licenseRenewals(),
                        Consumed.with(Serdes.String(), serdes.licenseRenewals())
                                .withTimestampExtractor(eventTime).withName("license-renewals-source"))
                .map((key, lr) -> decide(licenseRenewalEvent(lr)), Named.as("screen-license-renewal"));

        KStream<String, dev.interdict.avro.Decision> decisions = orders.merge(renewals, Named.as("merge-decisions"));
        decisions.to(topics.decisions(), Produced.with(Serdes.String(), serdes.decisions()).withName("decisions-sink"));
        decisions.flatMap((eventId, d) -> {
                    if (d.getAlerts().isEmpty()) {
                        return List.<KeyValue<String, dev.interdict.avro.Alert>>of();
                    }
                    List<KeyValue<String, dev.interdict.avro.Alert>> out = new ArrayList<>(d.getAlerts().size());
                    d.getAlerts().forEach(a -> out.add(KeyValue.pair(a.getEntityId(), a)));
                    return out;
                }, Named.as("decision-to-alerts"))
                .to(topics.alerts(), Produced.with(Serdes.String(), serdes.alerts()).withName("alerts-sink"));

        return builder.build();
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

    /** Screens one event: the decision keyed by eventId, in its Avro form. */
    private KeyValue<String, dev.interdict.avro.Decision> decide(ScreeningEvent event) {
        long t0 = System.nanoTime();
        Decision d = screener.screen(event);
        observer.screened(d, System.nanoTime() - t0);
        return KeyValue.pair(d.eventId(), AvroMapping.toAvro(d));
    }

    private static ScreeningEvent purchaseOrderEvent(PurchaseOrder po) {
        if (po == null) {
            throw new InvalidRecordException("purchase-order record has no value (a tombstone is not an event)");
        }
        return checkTime(AvroMapping.toScreeningEvent(po), "orderedAt");
    }

    private static ScreeningEvent licenseRenewalEvent(LicenseRenewal lr) {
        if (lr == null) {
            throw new InvalidRecordException("license-renewal record has no value (a tombstone is not an event)");
        }
        return checkTime(AvroMapping.toScreeningEvent(lr), "renewedAt");
    }

    private static ScreeningEvent checkTime(ScreeningEvent e, String field) {
        if (e.eventTime().toEpochMilli() < 0) {
            throw new InvalidRecordException("event " + e.eventId() + ": " + field + " " + e.eventTime()
                    + " is before 1970-01-01, not a plausible business instant");
        }
        return e;
    }
}
