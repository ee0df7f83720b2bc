package dev.interdict.topology;

import dev.interdict.contract.AvroMapping;
import dev.interdict.screening.Alert;
import dev.interdict.screening.Decision;
import dev.interdict.screening.ScreeningEvent;
import dev.interdict.screening.Screener;
import dev.interdict.topology.retro.RetroScreening;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Screens each event and forwards its decision (key eventId) and each of its alerts (key entityId). Without a list
 * loaded it decides nothing ({@link ListNotLoadedException}). With retro-screening on, each screened event is also
 * recorded for {@link RetroScreening}, which raises, once, the alerts that a later list change makes due.
 */
final class ScreenProcessor implements Processor<String, ScreeningEvent, String, SpecificRecord> {
    /** The screening time is measured on one event in this many (a power of two). */
    static final int TIME_ONE_IN = 16;

    private final Screener screener;
    private final ScreeningObserver observer;
    private final RetroScreening retro;
    private final String purchaseOrders;
    private ProcessorContext<String, SpecificRecord> context;
    private long screened;

    /** @param retro null = retro-screening off */
    ScreenProcessor(Screener screener, ScreeningObserver observer, RetroScreening retro, String purchaseOrders) {
        this.screener = screener;
        this.observer = observer;
        this.retro = retro;
        this.purchaseOrders = purchaseOrders;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        if (retro != null) {
            retro.init(context);
        }
    }

    @Override
    public void process(Record<String, ScreeningEvent> record) {
        ScreeningEvent event = event(record.value());
        if (screener.size() == 0) {
            throw new ListNotLoadedException(event.eventId()); // no list, no verdict: held, not decided CLEAR
        }
        boolean timed = (++screened & (TIME_ONE_IN - 1)) == 0;
        long t0 = timed ? System.nanoTime() : 0;
        Decision d = screener.screen(event);
        observer.screened(d, timed ? System.nanoTime() - t0 : -1);
        // one new record each (withKey(..).withValue(..) made two, each copying the headers)
        context.forward(new Record<>(d.eventId(), AvroMapping.toAvro(d), record.timestamp(), record.headers()));
        for (Alert a : d.alerts()) {
            context.forward(new Record<>(a.entityId(), AvroMapping.toAvro(a), record.timestamp(), record.headers()));
        }
        if (retro != null) {
            context.recordMetadata().ifPresent(m -> retro.screened(m, event, d));
        }
    }

    /** The event, if it can be screened; an {@link InvalidRecordException} (a dead letter) if not. */
    private ScreeningEvent event(ScreeningEvent value) {
        // a tombstone has no type: the topic it came from says what it should have been
        boolean fromOrders = value == null
                ? context.recordMetadata().map(RecordMetadata::topic).orElse("").equals(purchaseOrders)
                : value.type() == dev.interdict.screening.EventType.PURCHASE_ORDER;
        return InterdictTopology.screenable(value, fromOrders);
    }

    @Override
    public void close() {
        if (retro != null) {
            retro.close();
        }
    }
}
