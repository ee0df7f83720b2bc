package dev.interdict.contract;

import dev.interdict.screening.EventType;
import dev.interdict.screening.NameField;
import dev.interdict.screening.ScreeningEvent;

import java.time.Instant;
import java.util.Set;

/**
 * What an event must be to be screened, the same in both paths: the offline {@code screen} rejects what the
 * streaming topology dead-letters, with the same words, and accepts what it accepts.
 * <ul>
 *   <li>an {@code eventId} that is not blank (decisions are keyed and de-duplicated by it);</li>
 *   <li>a party name and a product name that are not blank ({@code supplier.name}, {@code vendor.name},
 *       {@code product.name}: required by the contract; a blank name can match nothing, so its CLEAR would be
 *       a verdict on nothing); the optional {@code lines[i].manufacturer} and {@code product.publisher} may be blank;</li>
 *   <li>a business instant ({@code orderedAt}, {@code renewedAt}) not before 1970-01-01.</li>
 * </ul>
 */
public final class EventChecks {
    private static final Set<String> REQUIRED_NAMES = Set.of("supplier.name", "vendor.name", "product.name");

    private EventChecks() {
    }

    /** {@code e}, or a {@link ContractException} naming the field that makes it unscreenable. */
    public static ScreeningEvent screenable(ScreeningEvent e) {
        if (e.eventId().isBlank()) {
            throw new ContractException("eventId", "must not be blank");
        }
        for (NameField f : e.names()) {
            if ((f.value() == null || f.value().isBlank()) && REQUIRED_NAMES.contains(f.path())) {
                throw new ContractException(f.path(), "must not be blank");
            }
        }
        if (e.eventTime().isBefore(Instant.EPOCH)) {
            throw new ContractException(e.type() == EventType.PURCHASE_ORDER ? "orderedAt" : "renewedAt",
                    e.eventTime() + " is before 1970-01-01, not a plausible business instant");
        }
        return e;
    }
}
