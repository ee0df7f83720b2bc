package dev.interdict.screening;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.interdict.screening.names.NameHit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #15 item 10: a screened field counts on its first {@link Screener#MAX_SCREENED_CHARS} characters, an entity on
 * its name and first {@link Screener#MAX_ALIASES} aliases (and brands), and neither hangs the screener.
 */
class ScreeningLimitsTest {
    static final Instant T = Instant.parse("2024-08-01T00:00:00Z");
    static final String FILLER = "Общество с ограниченной ответственностью Щёлково ";

    static RestrictedEntity entity(String id, String name, List<String> aliases, List<String> brands) {
        return new RestrictedEntity(id, name, aliases, brands, "RU", "Test List", "1 FR 1",
                List.of(new Restriction(Activity.ANY, T.minusSeconds(86_400), null)));
    }

    static String filler(int length) {
        StringBuilder b = new StringBuilder(length + FILLER.length());
        while (b.length() < length) {
            b.append(FILLER);
        }
        b.setLength(length);
        return b.toString();
    }

    static ScreeningEvent renewal(String id, String productName) {
        return new ScreeningEvent(id, EventType.LICENSE_RENEWAL, T, List.of(
                new NameField("vendor.name", "Acme Resellers", NameField.Role.PARTY),
                new NameField("product.name", productName, NameField.Role.BRAND)));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aTwoMillionCharacterCyrillicFieldIsScreenedOnItsFirstMaxCharsOnly() {
        Screener screener = new Screener();
        screener.upsert(entity("e-zhil", "Zhilstroy Holding", List.of(), List.of("Жилстрой")));
        String inside = filler(Screener.MAX_SCREENED_CHARS - 20) + " Жилстрой ";
        Decision found = screener.screen(renewal("in", inside + filler(2_000_000)));
        assertEquals(Verdict.VIOLATION, found.verdict(), "a brand within the first characters is found");
        assertTrue(found.alerts().get(0).matchedValue().length() <= Screener.MAX_SCREENED_CHARS,
                "the alert quotes the text that was screened");
        String beyond = filler(Screener.MAX_SCREENED_CHARS + 100) + " Жилстрой " + filler(2_000_000);
        assertEquals(Verdict.CLEAR, screener.screen(renewal("out", beyond)).verdict(),
                "a brand after the first characters does not count");
        // normal lengths screen as before
        assertEquals(Verdict.VIOLATION, screener.screen(renewal("short", "ПО Жилстрой 2024")).verdict());
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anEntityWithFiftyThousandAliasesIsIndexedWithItsNameAndFirstMaxAliasesAndAWarningNamesIt() {
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            aliases.add("Zorbex Trading " + i);
        }
        Logger log = (Logger) LoggerFactory.getLogger(Screener.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        log.addAppender(appender);
        Screener screener = new Screener();
        try {
            screener.upsert(entity("e-many", "Zorbex Holdings", aliases, List.of()));
            screener.upsert(entity("e-many", "Zorbex Holdings", aliases, List.of())); // replaced: same answer
        } finally {
            log.detachAppender(appender);
        }
        assertEquals(1 + Screener.MAX_ALIASES, screener.names().nameCount("e-many"));
        assertEquals(50_000, screener.entity("e-many").aliases().size(), "the entity itself is kept as published");
        List<ILoggingEvent> warnings = appender.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertEquals(2, warnings.size());
        String message = warnings.get(0).getFormattedMessage();
        assertTrue(message.contains("e-many") && message.contains("50000") && message.contains("49000"), message);

        String lastKept = aliases.get(Screener.MAX_ALIASES - 1);
        String firstDropped = aliases.get(Screener.MAX_ALIASES);
        assertTrue(matchedNames(screener, lastKept).contains(lastKept), "the first aliases in list order are kept");
        assertFalse(matchedNames(screener, firstDropped).contains(firstDropped), "later aliases are dropped");
    }

    @Test
    void anEntityWithFiftyThousandBrandsKeepsItsFirstMaxAliasesBrands() {
        List<String> brands = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            brands.add("Zorbex Suite " + i);
        }
        Screener screener = new Screener();
        screener.upsert(entity("e-brands", "Zorbex Holdings", List.of(), brands));
        assertEquals(Verdict.VIOLATION,
                screener.screen(renewal("kept", brands.get(Screener.MAX_ALIASES - 1))).verdict());
        assertEquals(Verdict.CLEAR, screener.screen(renewal("dropped", brands.get(Screener.MAX_ALIASES))).verdict());
    }

    @Test
    void anEntityWithinTheLimitsKeepsEveryName() {
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < Screener.MAX_ALIASES; i++) {
            aliases.add("Zorbex Trading " + i);
        }
        Screener screener = new Screener();
        screener.upsert(entity("e-max", "Zorbex Holdings", aliases, List.of()));
        assertEquals(1 + Screener.MAX_ALIASES, screener.names().nameCount("e-max"));
    }

    static List<String> matchedNames(Screener screener, String text) {
        return screener.names().matchParty(text).stream().map(NameHit::matchedName).toList();
    }
}
