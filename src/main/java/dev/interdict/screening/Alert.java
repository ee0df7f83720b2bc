package dev.interdict.screening;

import java.time.Instant;

/** One match of an event against one restriction (in force at the event time) of one entity. */
public record Alert(
        String alertId,
        String eventId,
        EventType eventType,
        Instant eventTime,
        String entityId,
        String entityName,
        String matchedField,
        String matchedValue,
        String matchedName,
        double score,
        Activity activity,
        Instant effectiveFrom,
        Instant effectiveUntil,
        String source,
        String citation,
        Verdict verdict,
        String explanation) {
}
