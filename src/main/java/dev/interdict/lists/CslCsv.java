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
import java.time.LocalDate;
import java.time.ZoneId;
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
 * thereof" style suffix removed; {@code start_date} is effectiveFrom (midnight US Eastern of that day, DST-correct; none = 1970-01-01) and
 * {@code end_date}, when set, effectiveUntil, of one {@code ANY} restriction; the citation is the Federal Register
 * notice, or the source list. The entityId is {@code csl-} and {@code _id} (or, without one, source and
 * {@code entity_number}); two rows with one id are both rejected ({@link Listed#unique}).
 */
public final class CslCsv {
    /**
     * US federal listings take effect on their date in Washington: midnight US Eastern, which is 04:00 UTC in summer
     * (EDT) and 05:00 UTC in winter (EST); the zone rules make the instant right on either side of a DST change.
     */
    static final ZoneId US_EASTERN = ZoneId.of("America/New_York");
    private static final Pattern SUCCESSOR = Pattern.compile(
            "[;,]?\\s*and any successor(s)?,? sub-units?,? (or|and) subsidiar(y|ies) thereof\\.?\\s*$", Pattern.CASE_INSENSITIVE);

    private CslCsv() {
    }

    public static List<RestrictedEntity> read(BufferedReader in, String sourceName, Consumer<Rejection> rejected) throws IOException {
        return read(CsvText.of(in), sourceName, rejected);
    }

    /** From UTF-8 bytes: a row with a line that is not UTF-8 is rejected, the others are read. */
    public static List<RestrictedEntity> read(InputStream in, String sourceName, Consumer<Rejection> rejected) throws IOException {
        return read(CsvText.of(in), sourceName, rejected);
    }

    private static List<RestrictedEntity> read(CsvText csv, String sourceName, Consumer<Rejection> rejected) throws IOException {
        List<Listed> out = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.parse(csv.text, format)) {
            for (String required : List.of("_id", "source", "name", "alt_names", "start_date", "end_date",
                    "federal_register_notice")) {
                if (!parser.getHeaderMap().containsKey(required)) {
                    throw new IOException(sourceName + ": not a Consolidated Screening List CSV: no column " + required);
                }
            }
            for (CSVRecord r : parser) {
                long row = csv.firstLine(r);
                String id = r.isMapped("_id") && r.isSet("_id") ? r.get("_id").trim() : "";
                if (csv.notUtf8(parser, row)) {
                    rejected.accept(new Rejection(sourceName, row, JsonLines.NOT_UTF8, id.isEmpty() ? null : "csl-" + id));
                    continue;
                }
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
                    if (id.isEmpty()) {
                        id = (source + "-" + r.get("entity_number")).trim();
                    }
                    Instant from = date(r.get("start_date"), "start_date");
                    Instant until = date(r.get("end_date"), "end_date");
                    if (until != null && !until.isAfter(from == null ? Instant.EPOCH : from)) {
                        throw new IllegalArgumentException("end_date: '" + r.get("end_date").trim()
                                + "' is not after start_date '" + r.get("start_date").trim() + "'");
                    }
                    out.add(new Listed(row, new RestrictedEntity("csl-" + id, name, List.copyOf(aliases), List.of(), null,
                            source.isEmpty() ? "Consolidated Screening List" : source,
                            notice.isEmpty() ? (source.isEmpty() ? "Consolidated Screening List" : source) : notice,
                            List.of(new Restriction(Activity.ANY, from == null ? Instant.EPOCH : from, until)))));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    rejected.accept(new Rejection(sourceName, row, e.getMessage(), id.isEmpty() ? null : "csl-" + id));
                }
            }
        }
        csv.rejectUnreported(sourceName, rejected);
        return Listed.unique(out, sourceName, rejected);
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
            return LocalDate.parse(v).atStartOfDay(US_EASTERN).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(column + ": '" + v + "' is not a date YYYY-MM-DD");
        }
    }
}
