package dev.interdict.lists;

import dev.interdict.contract.JsonLines;
import dev.interdict.contract.Rejection;
import dev.interdict.screening.Activity;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.Restriction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OFAC SDN list in its legacy CSV form ({@code sdn.csv}): 12 columns, no header — ent_num, SDN_Name, SDN_Type,
 * Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks — with {@code -0-} for empty.
 * Every alias is kept: they are inside Remarks as {@code a.k.a. 'NAME'} (also {@code f.k.a.}, {@code n.k.a.}).
 *
 * <p>The legacy file carries no designation dates, so each entry gets one {@code ANY} restriction in force from
 * 1970-01-01: it applies to every event, as a blocked party does. The official file ends with a 0x1A byte (DOS
 * end-of-file), which is not a row ({@link CsvText}). {@code ent_num} is unique in the file; two rows with one are
 * both rejected ({@link Listed#unique}).
 */
public final class OfacSdnCsv {
    public static final Instant NO_DATE = Instant.EPOCH;
    private static final Pattern ALIAS = Pattern.compile("\\b[afn]\\.k\\.a\\.,?\\s*'([^']+)'", Pattern.CASE_INSENSITIVE);

    private OfacSdnCsv() {
    }

    public static List<RestrictedEntity> read(BufferedReader in, String sourceName, Consumer<Rejection> rejected) throws IOException {
        return read(CsvText.of(in), sourceName, rejected);
    }

    /** From UTF-8 bytes: a row with a line that is not UTF-8 is rejected, the others are read. */
    public static List<RestrictedEntity> read(InputStream in, String sourceName, Consumer<Rejection> rejected) throws IOException {
        return read(CsvText.of(in), sourceName, rejected);
    }

    private static List<RestrictedEntity> read(CsvText csv, String sourceName, Consumer<Rejection> rejected) throws IOException {
        List<Listed> out = new ArrayList<>(16_000);
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get();
        try (CSVParser parser = CSVParser.parse(csv.text, format)) {
            for (CSVRecord r : parser) {
                long row = csv.firstLine(r);
                boolean notUtf8 = csv.notUtf8(parser, row);
                if (r.size() == 1 && r.get(0).isBlank() && !notUtf8) {
                    continue;
                }
                if (notUtf8) {
                    String num = r.size() > 0 ? value(r.get(0)) : null;
                    rejected.accept(new Rejection(sourceName, row, JsonLines.NOT_UTF8, num == null ? null : "ofac-sdn-" + num));
                    continue;
                }
                if (r.size() < 12) {
                    rejected.accept(new Rejection(sourceName, row, "expected 12 columns, got " + r.size()));
                    continue;
                }
                String id = value(r.get(0));
                String name = value(r.get(1));
                if (id == null || name == null) {
                    rejected.accept(new Rejection(sourceName, row, id == null ? "ent_num is empty" : "SDN_Name is empty",
                            id == null ? null : "ofac-sdn-" + id));
                    continue;
                }
                String program = value(r.get(3));
                String remarks = value(r.get(11));
                try {
                    out.add(new Listed(row, new RestrictedEntity("ofac-sdn-" + id, name, aliases(remarks, name), List.of(),
                            null, "OFAC SDN", "OFAC SDN" + (program == null ? "" : " " + program),
                            List.of(new Restriction(Activity.ANY, NO_DATE, null)))));
                } catch (IllegalArgumentException e) {
                    rejected.accept(new Rejection(sourceName, row, e.getMessage(), "ofac-sdn-" + id));
                }
            }
        }
        csv.rejectUnreported(sourceName, rejected);
        return Listed.unique(out, sourceName, rejected);
    }

    static List<String> aliases(String remarks, String name) {
        if (remarks == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        Matcher m = ALIAS.matcher(remarks);
        while (m.find()) {
            String a = m.group(1).trim();
            if (!a.isEmpty() && !a.equalsIgnoreCase(name)) {
                out.add(a);
            }
        }
        return List.copyOf(out);
    }

    private static String value(String cell) {
        String v = cell.trim();
        return v.isEmpty() || v.equals("-0-") ? null : v;
    }
}
