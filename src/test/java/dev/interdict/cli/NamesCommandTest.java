package dev.interdict.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamesCommandTest {
    @TempDir
    Path dir;

    @Test
    void scoresEachPairWithTheScreenersMatcherAndIgnoresOtherColumns() throws Exception {
        Path pairs = dir.resolve("pairs.tsv");
        Files.writeString(pairs, "id\tname1\tname2\n1\tKaspersky Labs Limited\tKASPERSKY LABS LTD\n2\tCasper Sleep Inc.\tKaspersky Lab, Inc.\n");
        Path out = dir.resolve("out.tsv");
        assertEquals(0, Main.execute("names", "--pairs", pairs.toString(), "--output", out.toString(), "--explain"));
        List<String> lines = Files.readAllLines(out);
        assertEquals("name1\tname2\tscore\tverdict\texplanation\trules", lines.get(0));
        String[] match = lines.get(1).split("\t");
        assertEquals("MATCH", match[3], lines.get(1));
        assertEquals("NO_MATCH", lines.get(2).split("\t")[3], lines.get(2));
        double score = Double.parseDouble(match[2]);
        assertTrue(score >= 0 && score <= 1);
    }

    @Test
    void headerWithoutNameColumnsFails() throws Exception {
        Path pairs = dir.resolve("pairs.tsv");
        Files.writeString(pairs, "a\tb\nx\ty\n");
        assertEquals(1, Main.execute("names", "--pairs", pairs.toString(), "--output", dir.resolve("o").toString()));
    }
}
