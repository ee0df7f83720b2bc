package dev.interdict.screening;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the screener needs of an event: its id, kind, business instant and screened texts.
 * Built from a purchase order or licence renewal by the contract mappers.
 */
public record ScreeningEvent(String eventId, EventType type, Instant eventTime, List<NameField> names) {
    public ScreeningEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(eventTime, "eventTime");
        names = List.copyOf(names);
    }
}
