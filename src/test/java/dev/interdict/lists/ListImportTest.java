package dev.interdict.lists;

import dev.interdict.contract.Rejection;
import dev.interdict.screening.Activity;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.testutil.Shared;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
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
        assertEquals(Instant.parse("2023-07-19T00:00:00Z"), sinobright.restrictions().get(0).effectiveFrom());
        assertEquals(Activity.ANY, sinobright.restrictions().get(0).activity());
        assertEquals("Vol. 88, No. 151, 08/08/2023", sinobright.citation());
        assertTrue(list.stream().anyMatch(e -> !e.aliases().isEmpty()), "some CSL rows have alt_names");
        assertTrue(list.stream().flatMap(e -> e.allNames().stream()).noneMatch(n -> n.contains("successor")));
    }

    @Test
    void ofacSdnFileKeepsEveryAliasAndReadsEveryRow() throws Exception {
        Path p = Shared.file("data/ofac-sdn-2024-05-03.csv");
        List<Rejection> rejected = new ArrayList<>();
        List<RestrictedEntity> list = read(ListFormat.OFAC_SDN, p, rejected);
        long lines = Files.readAllLines(p).stream().filter(l -> !l.isBlank()).count();
        assertEquals(lines, list.size() + rejected.size(), "every row is an entity or a rejection");
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

    @Test
    void formatNamesParseAsTheCommandLineWritesThem() {
        assertEquals(ListFormat.OFAC_SDN, ListFormat.parse("ofac-sdn"));
        assertEquals(ListFormat.CSL, ListFormat.parse("csl"));
        assertEquals(ListFormat.JSONL, ListFormat.parse("jsonl"));
    }
}
