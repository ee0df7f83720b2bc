package dev.interdict.cli;

import dev.interdict.screening.names.MatchRule;
import dev.interdict.screening.names.NameIndex;
import dev.interdict.screening.names.NameIndexes;
import dev.interdict.screening.names.NameScore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code interdict names}: scores name pairs with exactly the screener's matcher. */
@Command(name = "names", mixinStandardHelpOptions = true,
        description = {
            "Scores name pairs with exactly the matcher the screener uses; for tuning and explaining thresholds.",
            "Input: TSV with a header that has columns name1 and name2 (others ignored).",
            "Output: TSV name1, name2, score, verdict (MATCH, REVIEW or NO_MATCH)[, explanation, rules].",
            "rules: the matching rules that fired (MatchRule names, e.g. INITIALS, LEGAL_FORM), or none."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every row scored", "1:the command could not run", "2:at least one row was rejected"})
final class NamesCommand implements Callable<Integer> {

    @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "TSV of name pairs; '-' reads stdin.")
    String pairs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write results here instead of stdout.")
    String output;

    @Option(names = "--explain", description = "Add columns explaining each score and naming the rules that fired.")
    boolean explain;

    @Mixin
    MatcherOptions matcher;

    @Override
    public Integer call() throws Exception {
        NameIndex index = NameIndexes.newIndex(matcher.config());
        int rejected = 0;
        try (BufferedReader in = Io.reader(pairs); PrintWriter out = Io.writer(output)) {
            String header = in.readLine();
            if (header == null) {
                System.err.println(pairs + ": empty file, expected a header with columns name1 and name2");
                return 1;
            }
            List<String> columns = Arrays.asList(strip(header).split("\t", -1));
            int c1 = columns.indexOf("name1");
            int c2 = columns.indexOf("name2");
            if (c1 < 0 || c2 < 0) {
                System.err.println(pairs + ":1: header must have columns name1 and name2, got " + columns);
                return 1;
            }
            out.println(explain ? "name1\tname2\tscore\tverdict\texplanation\trules" : "name1\tname2\tscore\tverdict");
            String row;
            long number = 1;
            while ((row = in.readLine()) != null) {
                number++;
                if (row.isBlank()) {
                    continue;
                }
                String[] cells = row.split("\t", -1);
                if (cells.length <= Math.max(c1, c2)) {
                    rejected++;
                    System.err.println(pairs + ":" + number + ": expected at least " + (Math.max(c1, c2) + 1)
                            + " tab-separated columns, got " + cells.length);
                    continue;
                }
                NameScore s = index.score(cells[c1], cells[c2]);
                String line = cells[c1] + "\t" + cells[c2] + "\t" + String.format(Locale.ROOT, "%.4f", s.score())
                        + "\t" + s.level();
                out.println(explain ? line + "\t" + s.explanation().replace('\t', ' ') + "\t" + MatchRule.names(s.rules())
                        : line);
            }
        }
        return rejected > 0 ? 2 : 0;
    }

    private static String strip(String header) {
        return !header.isEmpty() && header.charAt(0) == '\uFEFF' ? header.substring(1) : header;
    }
}
