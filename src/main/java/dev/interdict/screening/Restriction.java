package dev.interdict.screening;

import java.time.Instant;
import java.util.Objects;

/**
 * One dated prohibition of a restricted entity.
 *
 * @param activity       what is forbidden ({@link Activity#ANY} covers everything)
 * @param effectiveFrom  start, inclusive
 * @param effectiveUntil end, exclusive; {@code null} = open-ended
 */
public record Restriction(Activity activity, Instant effectiveFrom, Instant effectiveUntil) {
    public Restriction {
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        if (effectiveUntil != null && !effectiveUntil.isAfter(effectiveFrom)) {
            throw new IllegalArgumentException("effectiveUntil " + effectiveUntil + " is not after effectiveFrom " + effectiveFrom);
        }
    }

    /** {@code effectiveFrom <= t < effectiveUntil}. */
    public boolean inForceAt(Instant t) {
        return !t.isBefore(effectiveFrom) && (effectiveUntil == null || t.isBefore(effectiveUntil));
    }

    /** In force at {@code t} and forbidding {@code eventActivity}. */
    public boolean forbids(Activity eventActivity, Instant t) {
        return activity.covers(eventActivity) && inForceAt(t);
    }
}
