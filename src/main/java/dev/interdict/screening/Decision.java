package dev.interdict.screening;

import java.time.Instant;
import java.util.List;

/** The result of screening one event; {@code verdict} is the worst of its alerts (CLEAR when none). */
public record Decision(String eventId, EventType eventType, Instant eventTime, Verdict verdict, List<Alert> alerts) {
    public Decision {
        alerts = List.copyOf(alerts);
    }
}
