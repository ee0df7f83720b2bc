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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The US Consolidated Screening List CSV (trade.gov): one row per listed party with a header row. Name and
 * {@code alt_names} (separated by {@code ;}) are kept, with the "; and any successor, sub-unit, or subsidiary
 * thereof" style suffix removed; {@code start_date} is effectiveFrom (00:00 UTC of that day; none = 1970-01-01) and
 * {@code end_date}, when set, effectiveUntil, of one {@code ANY} restriction; the citation is the Federal Register
 * notice, or the source list.
 */
public final class CslCsv {
    private static final Pattern SUCCESSOR = Pattern.compile(
            "[;,]?\\s*and any successor(s)?,? sub-units?,? (or|and) subsidiar(y|ies) thereof\\.?\\s*$", Pattern.CASE_INSENSITIVE);

    private CslCsv() {
    }

    public static List<RestrictedEntity> read(BufferedReader in, String sourceName, Consumer<Rejection> rejected) throws IOException {
        List<RestrictedEntity> out = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.parse(in, format)) {
            for (String required : List.of("_id", "source", "name", "alt_names", "start_date", "end_date",
                    "federal_register_notice")) {
                if (!parser.getHeaderMap().containsKey(required)) {
                    throw new IOException(sourceName + ": not a Consolidated Screening List CSV: no column " + required);
                }
            }
            for (CSVRecord r : parser) {
                long row = r.getRecordNumber() + 1; // the header is line 1
                try {
                    String name = clean(r.get("name"));
                    if (name.isEmpty()) {
                        rejected.accept(new Rejection(sourceName, row, "name is empty"));
                        continue;
                    }
                    Set<String> aliases = new LinkedHashSet<>();
                    for (String a : r.get("alt_names").split(";")) {
                        String c = clean(a);
                        if (!c.isEmpty() && !c.equalsIgnoreCase(name)) {
                            aliases.add(c);
                        }
                    }
                    String source = r.get("source").trim();
                    String notice = r.get("federal_register_notice").trim();
                    String id = r.get("_id").trim();
                    if (id.isEmpty()) {
                        id = (source + "-" + r.get("entity_number")).trim();
                    }
                    Instant from = date(r.get("start_date"), "start_date");
                    Instant until = date(r.get("end_date"), "end_date");
                    out.add(new RestrictedEntity("csl-" + id, name, List.copyOf(aliases), List.of(), null,
                            source.isEmpty() ? "Consolidated Screening List" : source,
                            notice.isEmpty() ? (source.isEmpty() ? "Consolidated Screening List" : source) : notice,
                            List.of(new Restriction(Activity.ANY, from == null ? Instant.EPOCH : from, until))));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    rejected.accept(new Rejection(sourceName, row, e.getMessage()));
                }
            }
        }
        return out;
    }

    static String clean(String name) {
        return SUCCESSOR.matcher(name.trim()).replaceAll("").trim();
    }

    private static Instant date(String value, String column) {
        String v = value.trim();
        if (v.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(column + ": '" + v + "' is not a date YYYY-MM-DD");
        }
    }
}
