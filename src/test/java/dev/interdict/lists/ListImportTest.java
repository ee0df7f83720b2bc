package dev.interdict.lists;

import dev.interdict.contract.Rejection;
import dev.interdict.screening.Activity;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.testutil.Shared;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListImportTest {

    static List<RestrictedEntity> read(ListFormat f, Path p, List<Rejection> rejected) throws Exception {
        try (BufferedReader in = Files.newBufferedReader(p)) {
            return f.read(in, p.toString(), rejected::add);
        }
    }

    @Test
    void cslSampleKeepsAliasesStripsSuccessorClauseAndUsesStartDate() throws Exception {
        List<Rejection> rejected = new ArrayList<>();
        List<RestrictedEntity> list = read(ListFormat.CSL, Shared.file("data/csl-sample.csv"), rejected);
        assertEquals(List.of(), rejected);
        assertEquals(13, list.size());
        RestrictedEntity sinobright = list.stream().filter(e -> e.name().startsWith("Sinobright")).findFirst().orElseThrow();
        assertEquals("Sinobright Import and Export Company", sinobright.name());
        // midnight in Washington on the listing date: EDT in July (UTC-4)
        assertEquals(Instant.parse("2023-07-19T04:00:00Z"), sinobright.restrictions().get(0).effectiveFrom());
        assertEquals(Activity.ANY, sinobright.restrictions().get(0).activity());
        assertEquals("Vol. 88, No. 151, 08/08/2023", sinobright.citation());
        assertTrue(list.stream().anyMatch(e -> !e.aliases().isEmpty()), "some CSL rows have alt_names");
        assertTrue(list.stream().flatMap(e -> e.allNames().stream()).noneMatch(n -> n.contains("successor")));
    }

    @Test
    void cslStartDateIsMidnightUsEasternOnEitherSideOfDaylightSavingWithTheFederalRegisterCitation() throws Exception {
        List<Rejection> rejected = new ArrayList<>();
        Map<String, RestrictedEntity> byName = read(ListFormat.CSL, Shared.file("data/csl-sample.csv"), rejected)
                .stream().collect(Collectors.toMap(RestrictedEntity::name, Function.identity()));
        RestrictedEntity cetc = byName.values().stream().filter(e -> e.name().startsWith("China Electronics Technology"))
                .findFirst().orElseThrow(); // Entity List, start_date 2018-08-01 (EDT)
        assertEquals(Instant.parse("2018-08-01T04:00:00Z"), cetc.restrictions().get(0).effectiveFrom());
        assertEquals("83 FR 37423; 87 FR 77505", cetc.citation());
        RestrictedEntity ash = byName.get("I. ASH"); // Denied Persons List, start_date 2002-03-04 (EST)
        assertEquals(Instant.parse("2002-03-04T05:00:00Z"), ash.restrictions().get(0).effectiveFrom());
        // the days of the DST changes themselves: the zone rules, not a fixed offset
        String header = Files.readAllLines(Shared.file("data/csl-sample.csv")).get(0);
        String rows = header + "\n"
                + csvRow(header, "dst-spring", "Spring Forward Trading", "2024-03-10") + "\n"
                + csvRow(header, "dst-fall", "Fall Back Trading", "2024-11-03") + "\n";
        Path file = Files.createTempFile("csl-dst", ".csv");
        Files.writeString(file, rows);
        Map<String, RestrictedEntity> dst = read(ListFormat.CSL, file, rejected).stream()
                .collect(Collectors.toMap(RestrictedEntity::entityId, Function.identity()));
        assertEquals(Instant.parse("2024-03-10T05:00:00Z"), dst.get("csl-dst-spring").restrictions().get(0).effectiveFrom(),
                "midnight comes before the 2 a.m. change: still EST");
        assertEquals(Instant.parse("2024-11-03T04:00:00Z"), dst.get("csl-dst-fall").restrictions().get(0).effectiveFrom(),
                "midnight comes before the 2 a.m. change: still EDT");
        assertEquals(List.of(), rejected);
    }

    /** A CSL row with the given id, name and start date, other columns empty, in the header's column order. */
    private static String csvRow(String header, String id, String name, String startDate) {
        List<String> cells = new ArrayList<>();
        for (String column : header.split(",")) {
            cells.add("\"" + switch (column) {
                case "_id" -> id;
                case "source" -> "Entity List (EL) - Bureau of Industry and Security";
                case "name" -> name;
                case "start_date" -> startDate;
                case "federal_register_notice" -> "99 FR 12345";
                default -> "";
            } + "\"");
        }
        return String.join(",", cells);
    }

    @Test
    void ofacSdnFileKeepsEveryAliasAndReadsEveryRow() throws Exception {
        Path p = Shared.file("data/ofac-sdn-2024-05-03.csv");
        List<Rejection> rejected = new ArrayList<>();
        List<RestrictedEntity> list = read(ListFormat.OFAC_SDN, p, rejected);
        // the official file ends with a 0x1A (DOS end-of-file) after its last line: not a row
        long lines = Files.readAllLines(p).stream().filter(l -> !l.isBlank() && !l.equals("\u001a")).count();
        assertEquals(List.of(), rejected);
        assertEquals(lines, list.size(), "every row is an entity");
        assertTrue(list.size() > 14_000, "entities: " + list.size());
        Map<String, RestrictedEntity> byId = list.stream().collect(Collectors.toMap(RestrictedEntity::entityId, Function.identity()));
        RestrictedEntity bnc = byId.get("ofac-sdn-306");
        assertEquals("BANCO NACIONAL DE CUBA", bnc.name());
        assertEquals(List.of("BNC"), bnc.aliases());
        assertEquals("OFAC SDN CUBA", bnc.citation());
        assertEquals(Instant.EPOCH, bnc.restrictions().get(0).effectiveFrom());
        int aliases = list.stream().mapToInt(e -> e.aliases().size()).sum();
        assertTrue(aliases > 3_500, "the remarks hold about 3,600 a.k.a. names; kept: " + aliases);
    }

    @Test
    void ofacRowsWithTooFewColumnsOrNoNameAreRejectedNotFatal() throws Exception {
        String csv = "1,\"GOOD NAME\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"a.k.a. 'GOOD ALIAS'; f.k.a. 'OLD NAME'.\"\n"
                + "2,\"SHORT\"\n"
                + "3,-0- ,-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n";
        List<Rejection> rejected = new ArrayList<>();
        List<RestrictedEntity> list = OfacSdnCsv.read(new BufferedReader(new StringReader(csv)), "x.csv", rejected::add);
        assertEquals(1, list.size());
        assertEquals(List.of("GOOD ALIAS", "OLD NAME"), list.get(0).aliases());
        assertEquals(2, rejected.size());
        assertEquals(2, rejected.get(0).line());
        assertTrue(rejected.get(1).reason().contains("SDN_Name"));
        assertNull(list.get(0).country());
        assertFalse(list.get(0).restrictions().isEmpty());
    }

    static final String SDN_ROW = "%s,\"%s\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";

    static ListFile readBytes(ListFormat f, byte[] bytes) throws Exception {
        return ListFile.read(f, new ByteArrayInputStream(bytes), "x");
    }

    @Test
    void ofacFileEndingWithTheDosEndOfFileByteHasNoBogusLastRow() throws Exception {
        String csv = String.format(SDN_ROW, 1, "ONE") + String.format(SDN_ROW, 2, "TWO") + "\u001a";
        List<Rejection> rejected = new ArrayList<>();
        List<RestrictedEntity> list = OfacSdnCsv.read(new BufferedReader(new StringReader(csv)), "x.csv", rejected::add);
        assertEquals(List.of(), rejected);
        assertEquals(List.of("ofac-sdn-1", "ofac-sdn-2"), list.stream().map(RestrictedEntity::entityId).toList());
        ListFile fromBytes = readBytes(ListFormat.OFAC_SDN, csv.getBytes(StandardCharsets.UTF_8));
        assertTrue(fromBytes.complete(), fromBytes.rejections().toString());
        assertEquals(2, fromBytes.entities().size());
    }

    static final String FTM_PARTY = "{\"id\":\"%s\",\"schema\":\"Company\",\"properties\":{\"name\":[\"%s\"]},\"target\":true}\n";
    static final String CSL_HEADER = "_id,source,entity_number,name,alt_names,start_date,end_date,federal_register_notice\n";

    @Test
    void anEntityIdOnTwoRowsRejectsBothNamingTheOtherLineInEveryFormat() throws Exception {
        String entity = "{\"entityId\":\"%s\",\"name\":\"%s\",\"source\":\"S\",\"citation\":\"C\","
                + "\"restrictions\":[{\"activity\":\"ANY\",\"effectiveFrom\":\"2024-01-01T00:00:00Z\"}]}\n";
        Map<ListFormat, String> files = Map.of(
                ListFormat.JSONL, String.format(entity, "a", "A") + String.format(entity, "b", "B") + String.format(entity, "a", "C"),
                ListFormat.CSL, CSL_HEADER + "a,Entity List,,A,,2024-01-01,,1 FR 1\nb,Entity List,,B,,,,\na,Entity List,,C,,,,\n",
                ListFormat.OFAC_SDN, String.format(SDN_ROW, 7, "A") + String.format(SDN_ROW, 8, "B") + String.format(SDN_ROW, 7, "C"),
                ListFormat.FTM, String.format(FTM_PARTY, "a", "A") + String.format(FTM_PARTY, "b", "B") + String.format(FTM_PARTY, "a", "C"));
        Map<ListFormat, String> ids = Map.of(ListFormat.JSONL, "a", ListFormat.CSL, "csl-a", ListFormat.OFAC_SDN, "ofac-sdn-7",
                ListFormat.FTM, "ftm-a");
        Map<ListFormat, Integer> firstLine = Map.of(ListFormat.JSONL, 1, ListFormat.CSL, 2, ListFormat.OFAC_SDN, 1, ListFormat.FTM, 1);
        for (ListFormat f : ListFormat.values()) {
            ListFile list = readBytes(f, files.get(f).getBytes(StandardCharsets.UTF_8));
            assertEquals(1, list.entities().size(), f + ": only the entity with a unique id is kept: " + list.entities());
            int a = firstLine.get(f);
            int c = a + 2;
            assertEquals(List.of(a, c), list.rejections().stream().map(r -> (int) r.line()).toList(), f.toString());
            assertEquals("x:" + c + ": entityId \"" + ids.get(f) + "\" is also on x:" + a
                    + "; an entityId must be unique, so none of its entries is used", list.rejections().get(1).toString());
            assertEquals("2 entities rejected in x: \"" + ids.get(f) + "\" (lines " + a + ", " + c + ")", list.rejectedSummary());
        }
    }

    @Test
    void aRowThatIsNotUtf8IsRejectedWithItsLineAndTheOthersAreRead() throws Exception {
        byte[] bad = (String.format(SDN_ROW, 1, "ONE") + String.format(SDN_ROW, 2, "TW?") + String.format(SDN_ROW, 3, "THREE"))
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bad.length; i++) {
            if (bad[i] == '?') {
                bad[i] = (byte) 0xC3; // a lead byte followed by '"': malformed
            }
        }
        ListFile sdn = readBytes(ListFormat.OFAC_SDN, bad);
        assertEquals(List.of("ofac-sdn-1", "ofac-sdn-3"), sdn.entities().stream().map(RestrictedEntity::entityId).toList());
        assertEquals("x:2: not valid UTF-8", sdn.rejections().get(0).toString());
        assertEquals("ofac-sdn-2", sdn.rejections().get(0).recordId());

        byte[] jsonl = ("{\"entityId\":\"a\",\"name\":\"\u00ff\"}\n{}\n").getBytes(StandardCharsets.ISO_8859_1);
        ListFile entities = readBytes(ListFormat.JSONL, jsonl);
        assertEquals("x:1: not valid UTF-8", entities.rejections().get(0).toString());
        assertEquals("x:2: field 'restrictions': required field is missing", entities.rejections().get(1).toString());
    }

    @Test
    void cslEndDateNotAfterStartDateRejectsTheRowNamingTheColumn() throws Exception {
        ListFile list = readBytes(ListFormat.CSL, (CSL_HEADER + "a,Entity List,,A,,2024-01-01,2023-01-01,\n")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), list.entities());
        assertEquals("x:2: end_date: '2023-01-01' is not after start_date '2024-01-01'", list.rejections().get(0).toString());
    }

    @Test
    void formatNamesParseAsTheCommandLineWritesThem() {
        assertEquals(ListFormat.OFAC_SDN, ListFormat.parse("ofac-sdn"));
        assertEquals(ListFormat.CSL, ListFormat.parse("csl"));
        assertEquals(ListFormat.JSONL, ListFormat.parse("jsonl"));
    }
}
