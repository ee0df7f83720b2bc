package dev.interdict.screening;

import dev.interdict.contract.AvroMapping;
import dev.interdict.contract.JsonContract;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue #14, item 13 through the screener: purchase-order line descriptions and brands inside words. */
class DescriptionScreeningTest {
    static final Instant BAN = Instant.parse("2024-07-20T04:00:00Z");
    static final Instant T = BAN.plusSeconds(86_400);

    final Screener screener = new Screener();

    DescriptionScreeningTest() {
        screener.upsert(new RestrictedEntity("e-z", "Zorvanex Lab GmbH", List.of("AO Zorvanex Laboratory"),
                List.of("Quorvix"), "DE", "Test List", "1 FR 1", List.of(new Restriction(Activity.ANY, BAN, null))));
    }

    static ScreeningEvent order(String supplier, String manufacturer, String description) {
        List<NameField> names = new ArrayList<>();
        names.add(new NameField("supplier.name", supplier, NameField.Role.PARTY));
        if (manufacturer != null) {
            names.add(new NameField("lines[0].manufacturer", manufacturer, NameField.Role.PARTY_AND_BRAND));
        }
        names.add(new NameField("lines[0].description", description, NameField.Role.DESCRIPTION));
        return new ScreeningEvent("o", EventType.PURCHASE_ORDER, T, names);
    }

    static ScreeningEvent renewal(String product) {
        return new ScreeningEvent("r", EventType.LICENSE_RENEWAL, T, List.of(
                new NameField("vendor.name", "Acme Resellers", NameField.Role.PARTY),
                new NameField("product.name", product, NameField.Role.BRAND)));
    }

    @Test
    void anOrderWhoseOnlyTraceIsTheDescriptionIsReviewNamingTheFieldAndRules() {
        Decision d = screener.screen(order("Acme Resellers", null, "Quorvix Endpoint Guard for Business Select, 100 nodes"));
        assertEquals(Verdict.REVIEW, d.verdict(), d::toString);
        Alert a = d.alerts().get(0);
        assertEquals("lines[0].description", a.matchedField());
        assertTrue(a.explanation().contains("rules: BRAND, DESCRIPTION"), a::toString);
    }

    @Test
    void aBrandOrADistinctiveNameInASentenceIsReviewTheWholeNameAViolation() {
        for (String text : List.of("QuorvixOS gateway licence", "Quorvix's endpoint agent", "Coating by Zorvanex Lab, 20 l",
                "QUORVIX\u2019S ENDPOINT GUARD")) {
            assertEquals(Verdict.REVIEW, screener.screen(order("Acme Resellers", null, text)).verdict(), text);
        }
        assertEquals(Verdict.VIOLATION, screener.screen(order("Acme Resellers", null,
                "Spare parts from AO Zorvanex Laboratory, Kaluga")).verdict());
        assertEquals(Verdict.CLEAR, screener.screen(order("Acme Resellers", null, "Office chairs, 12 units")).verdict());
    }

    @Test
    void aDescriptionNeverWeakensAMatchElsewhereInTheOrder() {
        Decision d = screener.screen(order("Acme Resellers", "Quorvix", "Quorvix Endpoint Guard"));
        assertEquals(Verdict.VIOLATION, d.verdict(), d::toString);
        assertEquals("lines[0].manufacturer", d.alerts().get(0).matchedField());
    }

    @Test
    void brandsInsideWordsOfProductNamesAndMakersAreAtLeastReview() {
        assertEquals(Verdict.REVIEW, screener.screen(renewal("QuorvixOS for Workstations")).verdict());
        assertEquals(Verdict.VIOLATION, screener.screen(renewal("Quorvix's Endpoint Guard")).verdict());
        assertNotEquals(Verdict.CLEAR, screener.screen(order("Acme Resellers", "QuorvixOS", "Gateway")).verdict());
        Alert a = screener.screen(renewal("QuorvixOS")).alerts().get(0);
        assertTrue(a.explanation().contains("BRAND_PREFIX"), a::toString);
    }

    /** The hostile-input acceptance, on the shared sample list (no string of it is special-cased). */
    @Test
    void hostileSpellingsOfTheSampleBrandAreAtLeastReview() throws Exception {
        Screener sample = ScreeningCasesTest.sampleScreener();
        Instant t = Instant.parse("2024-10-01T00:00:00Z");
        for (String product : List.of("Kaspersky's Endpoint Security", "Kaspersky’s Endpoint Security",
                "KasperskyOS", "KASPERSKYOS Secure Gateway")) {
            Decision d = sample.screen(new ScreeningEvent("r", EventType.LICENSE_RENEWAL, t, List.of(
                    new NameField("vendor.name", "Acme Resellers", NameField.Role.PARTY),
                    new NameField("product.name", product, NameField.Role.BRAND))));
            assertNotEquals(Verdict.CLEAR, d.verdict(), product);
        }
        Decision d = sample.screen(new ScreeningEvent("o", EventType.PURCHASE_ORDER, t, List.of(
                new NameField("supplier.name", "CDW Government LLC", NameField.Role.PARTY),
                new NameField("lines[0].description", "Kaspersky Endpoint Security for Business Select, 100 nodes",
                        NameField.Role.DESCRIPTION))));
        assertEquals(Verdict.REVIEW, d.verdict(), d::toString);
        assertNotEquals(Verdict.CLEAR, sample.screen(new ScreeningEvent("o", EventType.PURCHASE_ORDER, t, List.of(
                new NameField("lines[0].manufacturer", "KasperskyOS", NameField.Role.PARTY_AND_BRAND)))).verdict());
    }

    @Test
    void mayMatchAgreesWithScreenForDescriptions() {
        assertTrue(screener.mayMatch(NameField.Role.DESCRIPTION, "QuorvixOS gateway", Set.of("e-z")));
        assertFalse(screener.mayMatch(NameField.Role.DESCRIPTION, "Office chairs", Set.of("e-z")));
        assertFalse(screener.mayMatch(NameField.Role.DESCRIPTION, "QuorvixOS gateway", Set.of("other")));
    }

    @Test
    void theContractMapsEveryLineDescriptionCutToTheScreenedLength() throws Exception {
        String longText = "Quorvix Endpoint Guard " + "x".repeat(2_000);
        String line = "{\"type\":\"purchase_order\",\"eventId\":\"po-1\",\"poNumber\":\"1\",\"orderedAt\":\"2024-08-01T00:00:00Z\","
                + "\"buyer\":{\"id\":\"1\",\"name\":\"Buyer\"},\"supplier\":{\"id\":\"2\",\"name\":\"Acme Resellers\"},"
                + "\"lines\":[{\"lineNumber\":1,\"description\":\"Chairs\",\"quantity\":1,\"unitPrice\":\"1.00\"},"
                + "{\"lineNumber\":2,\"description\":\"" + longText + "\",\"quantity\":1,\"unitPrice\":\"1.00\"}],"
                + "\"currency\":\"USD\"}";
        ScreeningEvent e = AvroMapping.toScreeningEvent(JsonContract.event(JsonContract.parse(line)));
        List<NameField> descriptions = e.names().stream().filter(f -> f.role() == NameField.Role.DESCRIPTION).toList();
        assertEquals(List.of("lines[0].description", "lines[1].description"),
                descriptions.stream().map(NameField::path).toList());
        assertEquals(Screener.MAX_DESCRIPTION_CHARS, descriptions.get(1).value().length());
        Decision d = screener.screen(e);
        assertEquals(Verdict.REVIEW, d.verdict());
        assertEquals(Screener.MAX_DESCRIPTION_CHARS, d.alerts().get(0).matchedValue().length(), "the part screened");
    }
}
