package dev.interdict.lists;

import dev.interdict.contract.Rejection;
import dev.interdict.screening.Activity;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.Restriction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
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
 * 1970-01-01: it applies to every event, as a blocked party does.
 */
public final class OfacSdnCsv {
    public static final Instant NO_DATE = Instant.EPOCH;
    private static final Pattern ALIAS = Pattern.compile("\\b[afn]\\.k\\.a\\.,?\\s*'([^']+)'", Pattern.CASE_INSENSITIVE);

    private OfacSdnCsv() {
    }

    public static List<RestrictedEntity> read(BufferedReader in, String sourceName, Consumer<Rejection> rejected) throws IOException {
        List<RestrictedEntity> out = new ArrayList<>(16_000);
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get();
        try (CSVParser parser = CSVParser.parse(in, format)) {
            for (CSVRecord r : parser) {
                long row = r.getRecordNumber();
                if (r.size() == 1 && r.get(0).isBlank()) {
                    continue;
                }
                if (r.size() < 12) {
                    rejected.accept(new Rejection(sourceName, row, "expected 12 columns, got " + r.size()));
                    continue;
                }
                String id = value(r.get(0));
                String name = value(r.get(1));
                if (id == null || name == null) {
                    rejected.accept(new Rejection(sourceName, row, id == null ? "ent_num is empty" : "SDN_Name is empty"));
                    continue;
                }
                String program = value(r.get(3));
                String remarks = value(r.get(11));
                try {
                    out.add(new RestrictedEntity("ofac-sdn-" + id, name, aliases(remarks, name), List.of(), null,
                            "OFAC SDN", "OFAC SDN" + (program == null ? "" : " " + program),
                            List.of(new Restriction(Activity.ANY, NO_DATE, null))));
                } catch (IllegalArgumentException e) {
                    rejected.accept(new Rejection(sourceName, row, e.getMessage()));
                }
            }
        }
        return out;
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
