package dev.interdict.screening.names;

import dev.interdict.testutil.Shared;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The name pairs of shared/cases/peer-name-cases.tsv (from the test suites of watchman, nomenklatura and rigour):
 * every pair labelled match comes out MATCH or REVIEW, every pair labelled no match NO_MATCH, and every rigour
 * legal-form row maps as stated.
 */
class PeerNameCasesTest {
    private static final Pattern OUTPUT = Pattern.compile("output = (.*)");

    @TestFactory
    List<DynamicTest> everyLabelledPeerCaseComesOutRight() throws IOException {
        NameIndex index = NameIndexes.newIndex(MatcherConfig.DEFAULT);
        List<DynamicTest> tests = new ArrayList<>();
        int labelled = 0;
        for (String line : Files.readAllLines(Shared.file("cases/peer-name-cases.tsv"))) {
            String[] c = line.split("\t");
            if (c.length < 5 || c[0].equals("source_repo")) {
                continue;
            }
            String query = c[2];
            String candidate = c[3];
            String expected = c[4];
            Boolean match = expected.startsWith("match") || expected.contains("is_match=true") || expected.contains("matched=true")
                    ? Boolean.TRUE
                    : expected.startsWith("no match") || expected.contains("is_match=false") || expected.contains("matched=false")
                    ? Boolean.FALSE : null;
            Matcher out = OUTPUT.matcher(expected);
            if (match != null) {
                labelled++;
                tests.add(DynamicTest.dynamicTest((match ? "match: " : "no match: ") + query + " | " + candidate, () -> {
                    NameScore s = index.score(query, candidate);
                    if (match) {
                        assertNotEquals(MatchLevel.NO_MATCH, s.level(), s::toString);
                    } else {
                        assertEquals(MatchLevel.NO_MATCH, s.level(), s::toString);
                    }
                }));
            } else if (out.matches() && candidate.startsWith("(replace_org_types_compare")) {
                labelled++;
                boolean generic = candidate.contains("generic=True");
                boolean squash = candidate.contains("squash");
                tests.add(DynamicTest.dynamicTest("legal form: " + query + " -> " + out.group(1), () -> {
                    String replaced = LegalForms.replaceCompare(query, generic);
                    if (squash) {
                        replaced = TextNormalizer.normalize(replaced);
                    }
                    assertEquals(out.group(1), replaced);
                }));
            }
        }
        assertTrue(labelled >= 20, "expected the labelled peer cases, found " + labelled);
        return tests;
    }
}
