package dev.interdict.screening;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestrictionTest {
    static final Instant FROM = Instant.parse("2024-07-20T04:00:00Z");
    static final Instant UNTIL = Instant.parse("2024-09-29T04:00:00Z");
    final Restriction bounded = new Restriction(Activity.PURCHASE, FROM, UNTIL);

    @Test
    void effectiveFromIsInclusive() {
        assertTrue(bounded.inForceAt(FROM));
        assertFalse(bounded.inForceAt(FROM.minusMillis(1)));
    }

    @Test
    void effectiveUntilIsExclusive() {
        assertTrue(bounded.inForceAt(UNTIL.minusMillis(1)));
        assertFalse(bounded.inForceAt(UNTIL));
    }

    @Test
    void openEndedRestrictionStaysInForceForever() {
        Restriction open = new Restriction(Activity.PURCHASE, FROM, null);
        assertTrue(open.inForceAt(Instant.parse("2999-01-01T00:00:00Z")));
        assertFalse(open.inForceAt(FROM.minusSeconds(1)));
    }

    @Test
    void offsetsAreHonouredMidnightEasternIsFourAmUtc() {
        Instant beforeBan = OffsetDateTime.parse("2024-07-19T23:59:59.999-04:00").toInstant();
        Instant atBan = OffsetDateTime.parse("2024-07-20T00:00:00-04:00").toInstant();
        assertFalse(bounded.inForceAt(beforeBan));
        assertTrue(bounded.inForceAt(atBan));
    }

    @Test
    void anyCoversEveryActivityButASpecificActivityCoversOnlyItself() {
        assertTrue(Activity.ANY.covers(Activity.PURCHASE));
        assertTrue(Activity.ANY.covers(Activity.LICENSE_RENEWAL));
        assertTrue(Activity.PURCHASE.covers(Activity.PURCHASE));
        assertFalse(Activity.PURCHASE.covers(Activity.LICENSE_RENEWAL));
        assertFalse(Activity.LICENSE_RENEWAL.covers(Activity.PURCHASE));
    }

    @Test
    void forbidsNeedsBothActivityAndTime() {
        assertTrue(bounded.forbids(Activity.PURCHASE, FROM));
        assertFalse(bounded.forbids(Activity.LICENSE_RENEWAL, FROM));
        assertFalse(bounded.forbids(Activity.PURCHASE, UNTIL));
    }

    @Test
    void untilNotAfterFromIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Restriction(Activity.ANY, FROM, FROM));
    }
}
