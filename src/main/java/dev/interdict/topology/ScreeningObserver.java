package dev.interdict.topology;

import dev.interdict.screening.Decision;

/** What the topology reports as it works (metrics, alert log lines). Every method is called on a Streams thread. */
public interface ScreeningObserver {
    ScreeningObserver NONE = new ScreeningObserver() {
    };

    /**
     * One event screened, in {@code nanos}; -1 when it was not timed (the screening time is measured on one event in
     * {@link ScreenProcessor#TIME_ONE_IN} only: two clock reads and a histogram update per event cost more than a
     * cached name lookup).
     */
    default void screened(Decision decision, long nanos) {
    }

    /** The list restored into the global store (and the index) at start: {@code entities} indexed in {@code nanos}. */
    default void listRestored(int entities, long nanos) {
    }

    /** One list record applied (upsert or removal) in {@code nanos}. */
    default void listUpdated(boolean removed, long nanos) {
    }

    /** Retro-screening raised an alert for an event screened before the list change. */
    default void retroAlert() {
    }

    /** Retro-screening read back {@code records} input records (events whose texts may match a changed entity). */
    default void retroRecordsRead(long records) {
    }

    /**
     * A retro-screening job of one task finished: the changed entities screened against its history, in
     * {@code nanos}; {@code rangesRead} closed ranges read from the store (those holding a text that may match),
     * {@code textsProbed} distinct texts probed (each once).
     */
    default void retroJobDone(int entities, long rangesRead, long textsProbed, long recordsRead, long alerts,
                              long nanos) {
    }

    /** A list record equal to the entry held (a republish): no change, nothing re-screened. */
    default void listRecordUnchanged() {
    }

    /** A list record that is not a valid entity was skipped (it goes to the dead-letter topic). */
    default void listRecordSkipped() {
    }
}
