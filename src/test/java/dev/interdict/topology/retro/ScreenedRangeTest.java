package dev.interdict.topology.retro;

import dev.interdict.screening.NameField;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScreenedRangeTest {
    @Test
    void screenedRangeRoundTripsOffsetsEventTimeAndRaisedAlerts() {
        ScreenedRange r = new ScreenedRange();
        assertTrue(r.add("po", 5, 1000, List.of("a1", "a2")));
        assertTrue(!r.add("po", 6, 3000, List.of()));
        assertTrue(r.add("lr", 9, 2000, List.of("a3")));
        ScreenedRange back = ScreenedRange.decode(r.encode());
        assertEquals(3000, back.maxEventTime());
        assertEquals(3, back.records());
        assertArrayEquals(new long[] {5, 6}, back.offsets().get("po"));
        assertArrayEquals(new long[] {9, 9}, back.offsets().get("lr"));
        assertEquals(java.util.Set.of("a1", "a2"), back.raised("po", 5));
        assertEquals(java.util.Set.of(), back.raised("po", 6));
        assertTrue(!back.raise("lr", 9, "a3"), "raised already");
        ScreenedRange next = back.next();
        assertEquals(java.util.Map.of("lr", 9L, "po", 6L), next.lastOffsets());
        assertTrue(!next.add("po", 7, 4000, List.of()), "the next range goes on from the same topics");
        assertArrayEquals(new long[] {7, 7}, next.offsets().get("po"));
    }

    @Test
    void screenedRangeStoredInFormat2IsStillRead() throws Exception {
        // a store written before format 3: ids grouped by topic and offset
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(2);
            out.writeLong(3000);
            out.writeInt(3);
            out.writeInt(1);
            out.writeUTF("po");
            out.writeLong(5);
            out.writeLong(7);
            out.writeInt(1);
            out.writeUTF("po");
            out.writeInt(1);
            out.writeLong(6);
            out.writeInt(2);
            out.writeUTF("a1");
            out.writeUTF("a2");
        }
        ScreenedRange r = ScreenedRange.decode(bytes.toByteArray());
        assertEquals(3000, r.maxEventTime());
        assertArrayEquals(new long[] {5, 7}, r.offsets().get("po"));
        assertEquals(java.util.Set.of("a1", "a2"), r.raised("po", 6));
        assertEquals(java.util.Set.of("a1", "a2"), ScreenedRange.decode(r.encode()).raised("po", 6), "rewritten as 3");
    }

    static List<NameField> names(String supplier, String maker) {
        return List.of(new NameField("supplier.name", supplier, NameField.Role.PARTY),
                new NameField("lines[0].manufacturer", maker, NameField.Role.PARTY_AND_BRAND));
    }

    @Test
    void closedRangeKeepsEachDistinctTextOnceWithThePositionsOfTheEventsThatHoldIt() {
        ScreenedRange r = new ScreenedRange();
        for (long o = 0; o < 1000; o++) {
            r.add("po", o, 1000 + o, List.of());
            r.addTexts("po", o, names(o % 100 == 7 ? "Rare Vendor GmbH" : "Common Supplies Ltd", "Acme"));
        }
        r.add("lr", 3, 5000, List.of());
        r.addTexts("lr", 3, List.of(new NameField("vendor.name", "Rare Vendor GmbH", NameField.Role.PARTY)));
        byte[] closed = r.encode(true);
        assertTrue(closed.length < 2_500, "1,000 events with 2 texts each, 3 distinct: about a byte per event and "
                + "text, not a copy of each text: " + closed.length + " bytes");
        ScreenedRange back = ScreenedRange.decode(closed);
        assertEquals(3, back.distinctTexts());
        Map<String, long[]> rare = back.matching((role, text) -> text.equals("Rare Vendor GmbH"));
        assertArrayEquals(new long[] {7, 107, 207, 307, 407, 507, 607, 707, 807, 907}, rare.get("po"));
        assertArrayEquals(new long[] {3}, rare.get("lr"));
        Map<String, long[]> party = back.matching((role, text) -> role == NameField.Role.PARTY_AND_BRAND);
        assertEquals(1000, party.get("po").length, "the role a text is matched in is kept");
        assertTrue(back.matching((role, text) -> false).isEmpty());
        assertArrayEquals(rare.get("po"), ScreenedRange.decode(back.encode(true))
                .matching((role, text) -> text.equals("Rare Vendor GmbH")).get("po"), "written back unparsed");
    }

    @Test
    void openRangeIsWrittenWithoutTextsAndARangeOfAnEarlierFormatKnowsNone() {
        ScreenedRange r = new ScreenedRange();
        r.add("po", 1, 1000, List.of());
        r.addTexts("po", 1, names("A", "B"));
        assertTrue(!ScreenedRange.decode(r.encode(false)).textsKnown(), "rebuilt from the input after a restart");
        assertNull(ScreenedRange.decode(r.encode(false)).matching((role, text) -> true));
    }

    @Test
    void aTextLongerThanTheLimitIsKeptAsALongTextWhichEveryProbeReadsBack() {
        ScreenedRange r = new ScreenedRange();
        r.add("po", 4, 1000, List.of());
        r.addTexts("po", 4, names("x".repeat(ScreenedRange.MAX_TEXT + 1), "B"));
        ScreenedRange back = ScreenedRange.decode(r.encode(true));
        assertArrayEquals(new long[] {4}, back.matching((role, text) -> false).get("po"));
    }

    @Test
    void textsBeyondTheRangesTextBudgetAreReadBackWhateverChangesAndTheRangeStaysSmall() {
        ScreenedRange r = new ScreenedRange();
        int events = 2 * RangeTexts.MAX_TEXT_CHARS / 500 + 10;
        for (int i = 0; i < events; i++) {
            r.add("po", i, 1000, List.of());
            r.addTexts("po", i, List.of(new NameField("lines[0].description",
                    "Line " + i + " " + "d".repeat(500), NameField.Role.DESCRIPTION)));
        }
        byte[] encoded = r.encode(true);
        assertTrue(encoded.length < RangeTexts.MAX_TEXT_CHARS + 64 * events, () -> encoded.length + " bytes");
        long[] readBack = ScreenedRange.decode(encoded).matching((role, text) -> false).get("po");
        assertTrue(readBack.length > events / 2 && readBack[readBack.length - 1] == events - 1,
                () -> readBack.length + " of " + events);
    }
}
