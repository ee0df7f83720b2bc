package dev.interdict.topology.retro;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScreenedRangeTest {
    @Test
    void screenedRangeRoundTripsOffsetsAndEventTime() {
        ScreenedRange r = new ScreenedRange();
        assertTrue(r.add("po", 5, 1000));
        assertTrue(!r.add("po", 6, 3000));
        assertTrue(r.add("lr", 9, 2000));
        ScreenedRange back = ScreenedRange.decode(r.encode());
        assertEquals(3000, back.maxEventTime());
        assertEquals(3, back.records());
        assertArrayEquals(new long[] {5, 6}, back.offsets().get("po"));
        assertArrayEquals(new long[] {9, 9}, back.offsets().get("lr"));
        ScreenedRange next = back.next();
        assertEquals(java.util.Map.of("lr", 9L, "po", 6L), next.lastOffsets());
        assertTrue(!next.add("po", 7, 4000), "the next range goes on from the same topics");
        assertArrayEquals(new long[] {7, 7}, next.offsets().get("po"));
    }

    @Test
    void screenedRangeStoredInFormat2IsStillReadItsAlertIdsAsLegacyAndItsTextsUnknown() throws Exception {
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
        assertEquals(java.util.Set.of("a1", "a2"), r.legacyRaised("po", 6));
        assertFalse(r.textsKnown(), "read back whole once");
        assertNull(r.matching(id -> true));
        ScreenedRange rewritten = ScreenedRange.decode(r.encode());
        assertEquals(java.util.Set.of(), rewritten.legacyRaised("po", 6), "format 5 keeps no alert ids");
        assertArrayEquals(new long[] {5, 7}, rewritten.offsets().get("po"));
    }

    @Test
    void screenedRangeStoredInFormat4IsReadWithItsAlertIdsAndItsTextsUnknown() throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(4);
            out.writeLong(3000);
            out.writeInt(2);
            out.writeInt(1);
            out.writeUTF("po");
            out.writeLong(5);
            out.writeLong(6);
            out.writeInt(1); // raised topics
            out.writeUTF("po");
            out.writeInt(1); // raised ids
            out.writeShort(0);
            out.writeLong(6);
            out.writeUTF("a9");
            out.writeBoolean(true); // format 4's texts: not used
            out.write(new byte[] {1, 2, 3});
        }
        ScreenedRange r = ScreenedRange.decode(bytes.toByteArray());
        assertEquals(java.util.Set.of("a9"), r.legacyRaised("po", 6));
        assertFalse(r.textsKnown());
    }

    @Test
    void closedRangeKeepsTextIdsWithThePositionsOfTheEventsThatHoldThemAboutAByteEach() {
        ScreenedRange r = new ScreenedRange();
        RangeTextIds.Positions common = new RangeTextIds.Positions();
        RangeTextIds.Positions rare = new RangeTextIds.Positions();
        RangeTextIds.Positions acme = new RangeTextIds.Positions();
        for (long o = 0; o < 1000; o++) {
            r.add("po", o, 1000 + o);
            (o % 100 == 7 ? rare : common).add(0, o);
            acme.add(0, o);
        }
        r.add("lr", 3, 5000);
        rare.add(1, 3);
        byte[] section = RangeTextIds.encode(List.of("po", "lr"), 3, new int[] {4, 17, 900},
                new RangeTextIds.Positions[] {common, rare, acme});
        byte[] closed = r.encode(section);
        assertTrue(closed.length < 2_200, "1,000 events with 2 texts each: about a byte per event and text, no text "
                + "itself: " + closed.length + " bytes");
        ScreenedRange back = ScreenedRange.decode(closed);
        assertTrue(back.textsKnown());
        assertArrayEquals(new int[] {4, 17, 900}, back.textIds());
        Map<String, long[]> rareAt = back.matching(id -> id == 17);
        assertArrayEquals(new long[] {7, 107, 207, 307, 407, 507, 607, 707, 807, 907}, rareAt.get("po"));
        assertArrayEquals(new long[] {3}, rareAt.get("lr"));
        assertEquals(1000, back.matching(id -> id != 17).get("po").length, "offsets of two texts, each once");
        assertTrue(back.matching(id -> false).isEmpty());
    }

    @Test
    void positionsOutOfOrderStillRoundTrip() {
        RangeTextIds.Positions p = new RangeTextIds.Positions();
        p.add(0, 50);
        p.add(0, 10); // a record processed again after an at-least-once restart
        p.add(0, 60);
        byte[] section = RangeTextIds.encode(List.of("po"), 1, new int[] {1}, new RangeTextIds.Positions[] {p});
        assertArrayEquals(new long[] {10, 50, 60}, RangeTextIds.matching(section, id -> true).get("po"));
    }

    @Test
    void openRangeIsWrittenWithoutTexts() {
        ScreenedRange r = new ScreenedRange();
        r.add("po", 1, 1000);
        assertTrue(!ScreenedRange.decode(r.encode()).textsKnown(), "rebuilt from the input after a restart");
        assertNull(ScreenedRange.decode(r.encode()).matching(id -> true));
    }

    @Test
    void textDictionaryEntriesRoundTripIncludingTheLongTextEntry() {
        var t = TextDictionary.decode(7, TextDictionary.encode(
                new TextDictionary.Text(7, dev.interdict.screening.NameField.Role.PARTY_AND_BRAND, "Acme Gmbh")));
        assertEquals("Acme Gmbh", t.text);
        assertEquals(dev.interdict.screening.NameField.Role.PARTY_AND_BRAND, t.role);
        var longText = TextDictionary.decode(8, TextDictionary.encode(
                new TextDictionary.Text(8, dev.interdict.screening.NameField.Role.BRAND, null)));
        assertNull(longText.text);
        assertEquals(dev.interdict.screening.NameField.Role.BRAND, longText.role);
    }
}
