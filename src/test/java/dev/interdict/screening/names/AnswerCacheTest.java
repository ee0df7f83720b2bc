package dev.interdict.screening.names;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AnswerCacheTest {
    @Test
    void aTextIsAnsweredOnceUntilTheListChanges() {
        AnswerCache cache = new AnswerCache(true);
        AtomicInteger computed = new AtomicInteger();
        cache.party("Acme", t -> { computed.incrementAndGet(); return List.of(); });
        cache.party("Acme", t -> { computed.incrementAndGet(); return List.of(); });
        assertEquals(1, computed.get());
        cache.invalidate();
        cache.party("Acme", t -> { computed.incrementAndGet(); return List.of(); });
        assertEquals(2, computed.get());
    }

    @Test
    void anAnswerComputedWhileTheListChangesIsNeverGivenAgain() {
        AnswerCache cache = new AnswerCache(true);
        AtomicInteger computed = new AtomicInteger();
        cache.party("Acme", t -> { computed.incrementAndGet(); cache.invalidate(); return List.of(); });
        cache.party("Acme", t -> { computed.incrementAndGet(); return List.of(); });
        assertEquals(2, computed.get());
    }

    @Test
    void descriptionsAreCachedApartFromNamesAndForgottenWithThem() {
        AnswerCache cache = new AnswerCache(true);
        AtomicInteger computed = new AtomicInteger();
        cache.party("Acme", t -> List.of());
        cache.description("Acme", t -> { computed.incrementAndGet(); return List.of(); });
        cache.description("Acme", t -> { computed.incrementAndGet(); return List.of(); });
        assertEquals(1, computed.get());
        cache.invalidate();
        cache.description("Acme", t -> { computed.incrementAndGet(); return List.of(); });
        assertEquals(2, computed.get());
    }

    @Test
    void disabledItComputesEveryTime() {
        AnswerCache cache = new AnswerCache(false);
        AtomicInteger computed = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            cache.brand("Acme", t -> { computed.incrementAndGet(); return List.of(); });
        }
        assertEquals(3, computed.get());
    }
}
