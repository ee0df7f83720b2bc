package dev.interdict.screening;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScreenerTest {
    static final Instant BAN = Instant.parse("2024-07-20T04:00:00Z");
    static final Instant RENEWAL_BAN = Instant.parse("2024-09-29T04:00:00Z");

    static RestrictedEntity acme(Restriction... rs) {
        return new RestrictedEntity("e-acme", "Acme Widgets", List.of("Acme Widget Works"), List.of("Widgetron"),
                "US", "Test List", "1 FR 1", List.of(rs));
    }

    static ScreeningEvent order(String id, Instant t, String supplier, String... manufacturers) {
        var names = new java.util.ArrayList<NameField>();
        names.add(new NameField("supplier.name", supplier, NameField.Role.PARTY));
        for (int i = 0; i < manufacturers.length; i++) {
            names.add(new NameField("lines[" + i + "].manufacturer", manufacturers[i], NameField.Role.PARTY_AND_BRAND));
        }
        return new ScreeningEvent(id, EventType.PURCHASE_ORDER, t, names);
    }

    static ScreeningEvent renewal(String id, Instant t, String vendor, String product) {
        return new ScreeningEvent(id, EventType.LICENSE_RENEWAL, t, List.of(
                new NameField("vendor.name", vendor, NameField.Role.PARTY),
                new NameField("product.name", product, NameField.Role.BRAND)));
    }

    final Screener screener = new Screener();

    @Test
    void orderOneMilliBeforeTheBanIsClearAndAtTheBanIsAViolation() {
        screener.upsert(acme(new Restriction(Activity.PURCHASE, BAN, null)));
        assertEquals(Verdict.CLEAR, screener.screen(order("a", BAN.minusMillis(1), "Acme Widgets")).verdict());
        Decision d = screener.screen(order("b", BAN, "Acme Widgets"));
        assertEquals(Verdict.VIOLATION, d.verdict());
        assertEquals("supplier.name", d.alerts().get(0).matchedField());
        assertEquals(BAN, d.alerts().get(0).effectiveFrom());
    }

    @Test
    void purchaseRestrictionDoesNotCatchARenewalAndViceVersa() {
        screener.upsert(acme(new Restriction(Activity.PURCHASE, BAN, null)));
        assertEquals(Verdict.CLEAR, screener.screen(renewal("r", RENEWAL_BAN, "Acme Widgets", "Suite")).verdict());
        screener.upsert(acme(new Restriction(Activity.LICENSE_RENEWAL, RENEWAL_BAN, null)));
        assertEquals(Verdict.CLEAR, screener.screen(order("o", RENEWAL_BAN, "Acme Widgets")).verdict());
        assertEquals(Verdict.VIOLATION, screener.screen(renewal("r", RENEWAL_BAN, "Acme Widgets", "Suite")).verdict());
    }

    @Test
    void anyRestrictionCatchesEveryActivity() {
        screener.upsert(acme(new Restriction(Activity.ANY, BAN, null)));
        assertEquals(Verdict.VIOLATION, screener.screen(order("o", BAN, "Acme Widgets")).verdict());
        assertEquals(Verdict.VIOLATION, screener.screen(renewal("r", BAN, "Acme Widgets", "Suite")).verdict());
    }

    @Test
    void restrictionEndedByEffectiveUntilNoLongerAlertsButStillDoesForEarlierEvents() {
        Instant end = BAN.plusSeconds(86_400);
        screener.upsert(acme(new Restriction(Activity.ANY, BAN, end)));
        assertEquals(Verdict.VIOLATION, screener.screen(order("o1", end.minusMillis(1), "Acme Widgets")).verdict());
        assertEquals(Verdict.CLEAR, screener.screen(order("o2", end, "Acme Widgets")).verdict());
    }

    @Test
    void removedEntityNoLongerAlerts() {
        screener.upsert(acme(new Restriction(Activity.ANY, BAN, null)));
        screener.remove("e-acme");
        assertEquals(Verdict.CLEAR, screener.screen(order("o", BAN, "Acme Widgets")).verdict());
        assertEquals(0, screener.size());
        screener.remove("never-there"); // unknown ids are ignored
    }

    @Test
    void upsertReplacesTheEntityNamesAndRestrictions() {
        screener.upsert(acme(new Restriction(Activity.ANY, BAN, null)));
        screener.upsert(new RestrictedEntity("e-acme", "Other Name Corp", List.of(), List.of(), null, "Test List",
                "1 FR 1", List.of(new Restriction(Activity.ANY, BAN, null))));
        assertEquals(Verdict.CLEAR, screener.screen(order("o", BAN, "Acme Widgets")).verdict());
        assertEquals(Verdict.VIOLATION, screener.screen(order("o", BAN, "Other Name Corp")).verdict());
    }

    @Test
    void aliasAndBrandMatchAndBrandOnlyCountsInProductFields() {
        screener.upsert(acme(new Restriction(Activity.ANY, BAN, null)));
        Decision alias = screener.screen(order("o", BAN, "Acme Widget Works"));
        assertEquals("Acme Widget Works", alias.alerts().get(0).matchedName());
        Decision brand = screener.screen(order("o", BAN, "Reseller Inc", "Widgetron"));
        assertEquals(Verdict.VIOLATION, brand.verdict());
        assertEquals("lines[0].manufacturer", brand.alerts().get(0).matchedField());
        Decision inProduct = screener.screen(renewal("r", BAN, "Reseller Inc", "Widgetron Endpoint Suite"));
        assertEquals("product.name", inProduct.alerts().get(0).matchedField());
        // a brand in a supplier name is not a brand field
        assertEquals(Verdict.CLEAR, screener.screen(order("o", BAN, "Widgetron")).verdict());
    }

    @Test
    void oneAlertPerEntityAndRestrictionEvenWhenSeveralFieldsMatch() {
        screener.upsert(acme(new Restriction(Activity.ANY, BAN, null), new Restriction(Activity.PURCHASE, BAN, null)));
        Decision d = screener.screen(order("o", BAN, "Acme Widgets", "Widgetron", "Acme Widgets"));
        assertEquals(2, d.alerts().size(), () -> d.alerts().toString());
        assertEquals(List.of(Activity.PURCHASE, Activity.ANY), d.alerts().stream().map(Alert::activity).toList());
        assertEquals("supplier.name", d.alerts().get(0).matchedField()); // first field wins a tie
    }

    @Test
    void alertIdIsDeterministicPerEventEntityAndRestriction() {
        Restriction r = new Restriction(Activity.ANY, BAN, null);
        screener.upsert(acme(r));
        String first = screener.screen(order("o-1", BAN, "Acme Widgets")).alerts().get(0).alertId();
        Screener other = new Screener();
        other.upsert(acme(r));
        assertEquals(first, other.screen(order("o-1", BAN.plusSeconds(5), "Acme Widgets")).alerts().get(0).alertId());
        assertEquals(first, Screener.alertId("o-1", "e-acme", r));
        assertNotEquals(first, screener.screen(order("o-2", BAN, "Acme Widgets")).alerts().get(0).alertId());
        assertNotEquals(first, Screener.alertId("o-1", "e-acme", new Restriction(Activity.PURCHASE, BAN, null)));
    }

    @Test
    void alertIdIsTheVersion3UuidOfItsName() {
        // the per-thread digest must give exactly UUID.nameUUIDFromBytes: alert ids already on topics stay valid
        for (String name : List.of("", "interdict-alert|o-1|e-acme|ANY|1721448000000", "ключ", "x".repeat(1000))) {
            byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(java.util.UUID.nameUUIDFromBytes(bytes), Screener.nameUuid(bytes));
        }
        assertEquals(java.util.UUID.nameUUIDFromBytes("interdict-alert|o-1|e-acme|ANY|1721448000000"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString(),
                Screener.alertId("o-1", "e-acme", new Restriction(Activity.ANY, BAN, null)));
    }

    @Test
    void entityWithoutRestrictionsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RestrictedEntity("x", "X", List.of(), List.of(), null,
                "s", "c", List.of()));
    }
}
