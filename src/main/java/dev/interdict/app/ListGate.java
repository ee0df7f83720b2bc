package dev.interdict.app;

import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * No list, no verdict: screening is paused ({@link KafkaStreams#pause()}) while no restricted entity is loaded (an
 * empty list topic, every list record invalid, or every entity removed), and resumed as soon as one is. Events wait
 * in their topics meanwhile; nothing is decided CLEAR for want of a list. The application starts paused and the gate
 * opens once the global thread has restored the list ({@code KafkaStreams.start()} returns after that), so with a
 * list on the topic the stream threads never see a closed gate. The screen processor refuses to decide an event
 * while the list is empty as well (it fails the task and the event is read again), for an event already in flight
 * when the list empties.
 */
final class ListGate implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ListGate.class);
    static final long CHECK_EVERY_MS = 100;

    private final KafkaStreams streams;
    private final IntSupplier listSize;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "interdict-list-gate");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean held;
    /** Whether the hold was logged since the list was last loaded. */
    private boolean warned;

    ListGate(KafkaStreams streams, IntSupplier listSize) {
        this.streams = streams;
        this.listSize = listSize;
    }

    /** Before {@link KafkaStreams#start()}: screening starts held. */
    void holdBeforeStart() {
        streams.pause();
        held = true;
    }

    /** After {@link KafkaStreams#start()} (the list is restored): opens now if there is a list, then checks. */
    void watch() {
        check();
        timer.scheduleWithFixedDelay(this::check, CHECK_EVERY_MS, CHECK_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /** Whether screening is held for want of a list. */
    boolean held() {
        return held;
    }

    synchronized void check() {
        try {
            int size = listSize.getAsInt();
            if (size > 0) {
                if (held) {
                    streams.resume();
                    held = false;
                    warned = false;
                    LOG.info("list loaded ({} restricted entities): screening runs", size);
                }
                return;
            }
            if (!held) {
                streams.pause();
                held = true;
            }
            if (!warned) {
                warned = true;
                LOG.warn("no restricted entities loaded (empty list topic, or every list record invalid): screening "
                        + "is held, events wait in their topics until a list is loaded");
            }
        } catch (RuntimeException e) {
            LOG.warn("list gate check failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
