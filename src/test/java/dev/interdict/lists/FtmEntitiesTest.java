package dev.interdict.lists;

import dev.interdict.contract.Rejection;
import dev.interdict.screening.Activity;
import dev.interdict.screening.EventType;
import dev.interdict.screening.NameField;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.Restriction;
import dev.interdict.screening.Screener;
import dev.interdict.screening.ScreeningEvent;
import dev.interdict.screening.Verdict;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --format ftm}: OpenSanctions / FollowTheMoney entities, on small fixtures of made-up names in the public shape. */
class FtmEntitiesTest {
    static final String FIXTURE = "ftm/entities.ftm.json";

    static InputStream resource(String name) {
        InputStream in = FtmEntitiesTest.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("no test resource " + name);
        }
        return in;
    }

    static Map<String, RestrictedEntity> fixture(List<Rejection> rejected) throws IOException {
        try (InputStream in = resource(FIXTURE)) {
            return ListFormat.parse("ftm").read(in, FIXTURE, rejected::add).stream()
                    .collect(Collectors.toMap(RestrictedEntity::entityId, Function.identity()));
        }
    }

    static List<RestrictedEntity> read(String text, List<Rejection> rejected) {
        return FtmEntities.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.ftm.json", rejected::add);
    }

    static Instant utc(String s) {
        return Instant.parse(s);
    }

    @Test
    void sanctionedCompanyGetsOneDatedRestrictionPerSanctionEntityWithAuthorityAndProgramAsItsCitation() throws IOException {
        List<Rejection> rejected = new ArrayList<>();
        RestrictedEntity volna = fixture(rejected).get("ftm-NK-volna");
        assertEquals(List.of(), rejected);
        assertEquals(List.of(
                new Restriction(Activity.ANY, utc("2024-06-21T00:00:00Z"), null),
                // startDate 2022-03: from the first of the month; endDate 2025: in force all of 2025
                new Restriction(Activity.ANY, utc("2022-03-01T00:00:00Z"), utc("2026-01-01T00:00:00Z"))),
                volna.restrictions());
        assertEquals("Bureau of Industry and Security \u2014 Entity List (EAR); "
                + "Office of Foreign Assets Control \u2014 RUSSIA-EO14024", volna.citation());
        assertEquals("OpenSanctions us_trade_csl, us_ofac_sdn", volna.source());
        assertEquals("Volna Kontrol Systems LLC", volna.name(), "the caption, one of its names, is the name");
        assertEquals(List.of("OOO Volna Kontrol", "VKS Group", "Volna Telecom OOO"), volna.aliases(),
                "the other names, alias and previousName");
        assertEquals("RU", volna.country(), "jurisdiction when there is no country");
    }

    @Test
    void sanctionedPersonIsRestrictedFromTheStartOfThePartialYearOfItsSanction() throws IOException {
        List<Rejection> rejected = new ArrayList<>();
        RestrictedEntity p = fixture(rejected).get("ftm-NK-petrenko");
        assertEquals(List.of(new Restriction(Activity.ANY, utc("2023-01-01T00:00:00Z"), null)), p.restrictions());
        assertEquals("Office of Financial Sanctions Implementation \u2014 Russia", p.citation());
        assertEquals(List.of("Ivan Petrenko"), p.aliases());
        assertEquals("RU", p.country());
    }

    @Test
    void onlyPartiesBecomeEntitiesAndATargetWithoutSanctionIsRestrictedAlwaysWhileANonTargetIsSkipped() throws IOException {
        List<Rejection> rejected = new ArrayList<>();
        Map<String, RestrictedEntity> all = fixture(rejected);
        assertEquals(List.of(), rejected);
        assertEquals(java.util.Set.of("ftm-NK-volna", "ftm-NK-petrenko", "ftm-NK-orbita"), all.keySet(),
                "Address, Ownership and Sanction are not parties; the sister (target: false) is context only");
        RestrictedEntity orbita = all.get("ftm-NK-orbita");
        assertEquals(List.of(new Restriction(Activity.ANY, Instant.EPOCH, null)), orbita.restrictions());
        assertEquals("OpenSanctions eu_fsf", orbita.citation());
    }

    @Test
    void weakAliasIsNeverAnAliasSoItCannotMatchOnItsOwn() throws IOException {
        Map<String, RestrictedEntity> all = fixture(new ArrayList<>());
        Screener screener = new Screener();
        screener.upsertAll(all.values());
        Instant t = utc("2024-07-01T00:00:00Z");
        // never a confident match on its own (the matcher may still ask for review: "VKS" is the distinctive word
        // of the ordinary alias "VKS Group")
        assertNotEquals(Verdict.VIOLATION, screener.screen(order("weak", t, "VKS")).verdict(),
                "a supplier named only by the weak alias is no confident match");
        assertEquals(Verdict.VIOLATION, screener.screen(order("strong", t, "VKS Group")).verdict(),
                "the ordinary alias still matches");
        assertFalse(all.get("ftm-NK-volna").allNames().contains("VKS"), all.get("ftm-NK-volna").allNames().toString());
        assertFalse(all.get("ftm-NK-petrenko").allNames().contains("Vanya"));
    }

    static ScreeningEvent order(String id, Instant t, String supplier) {
        return new ScreeningEvent(id, EventType.PURCHASE_ORDER, t,
                List.of(new NameField("supplier.name", supplier, NameField.Role.PARTY)));
    }

    @Test
    void partialDatesAreUtcAndWidenedTowardTheRestriction() {
        assertEquals(utc("2024-01-01T00:00:00Z"), FtmEntities.start("2024", "f"));
        assertEquals(utc("2024-05-01T00:00:00Z"), FtmEntities.start("2024-05", "f"));
        assertEquals(utc("2024-05-31T00:00:00Z"), FtmEntities.start("2024-05-31", "f"));
        assertEquals(utc("2025-01-01T00:00:00Z"), FtmEntities.end("2024", "f"));
        assertEquals(utc("2024-06-01T00:00:00Z"), FtmEntities.end("2024-05", "f"));
        assertEquals(utc("2024-06-01T00:00:00Z"), FtmEntities.end("2024-05-31", "f"));
        assertEquals(utc("2024-03-01T00:00:00Z"), FtmEntities.end("2024-02-29", "f"));
        assertEquals(utc("2024-05-31T00:00:00Z"), FtmEntities.start("2024-05-31T13:45:00", "f"), "a time is dropped");
        assertThrows(IllegalArgumentException.class, () -> FtmEntities.start("2023-02-29", "f"));
        assertThrows(IllegalArgumentException.class, () -> FtmEntities.start("31/05/2024", "f"));
        assertThrows(IllegalArgumentException.class, () -> FtmEntities.start("2024-13", "f"));
    }

    static final String PARTY = "{\"id\":\"%s\",\"schema\":\"Company\",\"properties\":{\"name\":[\"%s\"]},\"target\":true}\n";
    static final String SANCTION = "{\"id\":\"%s\",\"schema\":\"Sanction\",\"properties\":{%s}}\n";

    @Test
    void aSanctionWithoutEntityOrNamingAnIdNotInTheFileIsRejectedWithLineAndField() {
        List<Rejection> rejected = new ArrayList<>();
        List<RestrictedEntity> out = read(String.format(PARTY, "c1", "Alpha Fiktiv AG")
                + String.format(SANCTION, "s1", "\"program\":[\"X\"],\"startDate\":[\"2024\"]")
                + String.format(SANCTION, "s2", "\"entity\":[\"nowhere\"],\"startDate\":[\"2024\"]"), rejected);
        assertEquals(List.of("t.ftm.json:2: properties.entity: required: a Sanction names the entity it sanctions",
                "t.ftm.json:3: properties.entity: \"nowhere\" is not in the file; a Sanction must name an entity of its list"),
                rejected.stream().map(Rejection::toString).toList());
        assertEquals(List.of("ftm-c1"), out.stream().map(RestrictedEntity::entityId).toList());
    }

    @Test
    void aPartyWhoseSanctionIsRejectedIsRejectedTooNeverPublishedWithoutItsDates() {
        List<Rejection> rejected = new ArrayList<>();
        List<RestrictedEntity> out = read(String.format(PARTY, "c1", "Alpha Fiktiv AG")
                + String.format(SANCTION, "s1", "\"entity\":[\"c1\"],\"startDate\":[\"2024-06-21\"],\"endDate\":[\"2023\"]")
                + String.format(SANCTION, "s2", "\"entity\":[\"c1\"],\"startDate\":[\"21.06.2024\"]"), rejected);
        assertEquals(List.of(), out);
        List<String> msgs = rejected.stream().map(Rejection::toString).toList();
        assertEquals(3, msgs.size(), msgs.toString());
        assertTrue(msgs.contains("t.ftm.json:2: properties.endDate: \"2023\" is not after startDate 2024-06-21T00:00:00Z"), msgs.toString());
        assertTrue(msgs.contains("t.ftm.json:3: properties.startDate: \"21.06.2024\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"), msgs.toString());
        assertTrue(msgs.contains("t.ftm.json:1: its Sanction \"s1\" (t.ftm.json:2) was rejected; the entity is not used without it"), msgs.toString());
    }

    @Test
    void aPartyWithoutSanctionOrTargetFlagOrNameIsRejectedAndAnIdOnTwoLinesRejectsBoth() {
        List<Rejection> rejected = new ArrayList<>();
        List<RestrictedEntity> out = read(
                "{\"id\":\"p1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Boris Erfunden\"]}}\n"
                + "{\"id\":\"p2\",\"schema\":\"Person\",\"properties\":{\"firstName\":[\"Boris\"]},\"target\":true}\n"
                + String.format(PARTY, "c1", "Alpha Fiktiv AG") + String.format(PARTY, "c1", "Beta Fiktiv AG")
                + "{\"id\":\"c3\",\"schema\":\"Company\",\"properties\":{\"name\":\"Gamma\"},\"target\":true}\n"
                + "not json\n", rejected);
        assertEquals(List.of(), out);
        assertEquals(List.of(
                "t.ftm.json:6: field '(record)': malformed JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                "t.ftm.json:3: entityId \"ftm-c1\" is also on t.ftm.json:4; an entityId must be unique, so none of its entries is used",
                "t.ftm.json:4: entityId \"ftm-c1\" is also on t.ftm.json:3; an entityId must be unique, so none of its entries is used",
                "t.ftm.json:1: target: no Sanction names this entity and it is not marked \"target\": true, so whether it is restricted is unknown",
                "t.ftm.json:2: properties.name: required, missing or empty",
                "t.ftm.json:5: properties.name: expected an array of strings"),
                rejected.stream().map(Rejection::toString).toList());
    }

    @Test
    void aLineThatIsNotUtf8IsRejectedAndTheOthersRead() {
        byte[] good = String.format(PARTY, "c1", "Alpha Fiktiv AG").getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"id\":\"c2\",\"schema\":\"Company\",\"properties\":{\"name\":[\"\u00ff\"]}}\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[good.length + bad.length];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        List<Rejection> rejected = new ArrayList<>();
        List<RestrictedEntity> out = FtmEntities.read(new ByteArrayInputStream(all), "t.ftm.json", rejected::add);
        assertEquals(1, out.size());
        assertEquals(List.of("t.ftm.json:2: not valid UTF-8"), rejected.stream().map(Rejection::toString).toList());
    }
}
