package dev.interdict.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interdict.contract.AvroMapping;
import dev.interdict.contract.ContractException;
import dev.interdict.contract.EventChecks;
import dev.interdict.contract.JsonContract;
import dev.interdict.contract.JsonLines;
import dev.interdict.contract.Printable;
import dev.interdict.contract.Rejection;
import dev.interdict.lists.ListFile;
import dev.interdict.lists.ListFormat;
import dev.interdict.screening.Decision;
import dev.interdict.screening.Screener;
import dev.interdict.screening.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code interdict screen}: screens a JSON Lines file of events offline, one decision per event. */
@Command(name = "screen", mixinStandardHelpOptions = true,
        description = {
            "Screens events (JSON Lines) against a list of restricted entities, as of each event's own time.",
            "Writes one decision per event, in input order. A malformed event line (bad JSON, a missing field, bytes",
            "that are not UTF-8) never stops the run: its error goes to stderr with line number and field, a REJECTED",
            "line is written in its place, and the exit status is 2.",
            "The list is checked first: a rejected entity line or an entityId on two lines, or a list with no valid",
            "entity, stops the run before anything is screened (exit status 2, no decisions) unless",
            "--allow-partial-list / --allow-empty-list."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every line screened", "1:the command could not run (e.g. file not found)",
                        "2:at least one event or entity line was rejected, or the list was refused"})
final class ScreenCommand implements Callable<Integer> {

    @Option(names = "--entities", required = true, paramLabel = "FILE",
            description = "Restricted entities, one JSON object per line (shared/contract.md).")
    String entities;

    @Option(names = "--entities-format", paramLabel = "FORMAT", defaultValue = "jsonl",
            description = "Format of --entities: jsonl (contract), csl (Consolidated Screening List CSV) or ofac-sdn"
                    + " (OFAC SDN legacy CSV). Default: ${DEFAULT-VALUE}.")
    String entitiesFormat;

    @Option(names = "--events", required = true, paramLabel = "FILE",
            description = "Purchase orders and licence renewals, one JSON object per line; '-' reads stdin.")
    String events;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write decisions here instead of stdout.")
    String output;

    @Option(names = "--allow-partial-list",
            description = "Screen against the valid entities when some list rows were rejected (the exit status is"
                    + " still 2). Without it, a rejected row (a bad line, a duplicate entityId) stops the run before"
                    + " anything is screened: exit status 2, no decisions written.")
    boolean allowPartialList;

    @Option(names = "--allow-empty-list",
            description = "Screen even when the list holds no valid entity (every event is then CLEAR). Without it,"
                    + " an empty list stops the run: exit status 2, no decisions written.")
    boolean allowEmptyList;

    @Mixin
    MatcherOptions matcher;

    @Override
    public Integer call() throws Exception {
        ListFile list;
        try (InputStream in = Io.input(entities)) {
            list = ListFile.read(ListFormat.parse(entitiesFormat), in, entities);
        }
        list.rejections().forEach(r -> System.err.println("rejected entity " + r));
        if (!list.complete()) {
            System.err.println(list.rejectedSummary());
            if (!allowPartialList) {
                System.err.printf("not screening: the list has rejected entries, so entities would be missing; fix"
                        + " the list, or give --allow-partial-list to screen against its %d valid entities%n",
                        list.entities().size());
                return 2;
            }
        }
        if (list.entities().isEmpty() && !allowEmptyList) {
            System.err.println("not screening: " + Printable.escape(entities) + " holds no valid entity, and every"
                    + " event would be CLEAR; give --allow-empty-list to screen against an empty list");
            return 2;
        }
        Screener screener = new Screener(matcher.config());
        screener.upsertAll(list.entities());
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        int[] rejectedEvents = {0};
        try (InputStream in = Io.input(events); PrintWriter out = Io.writer(output)) {
            JsonLines.forEach(in, line -> {
                JsonNode n = null;
                try {
                    if (!line.decoded()) {
                        throw new IllegalArgumentException(line.error());
                    }
                    n = JsonContract.parse(line.text());
                    Decision d = screener.screen(EventChecks.screenable(
                            AvroMapping.toScreeningEvent(JsonContract.event(n))));
                    counts.merge(d.verdict(), 1, Integer::sum);
                    out.println(JsonContract.toLine(JsonContract.decision(d)));
                } catch (ContractException | IllegalArgumentException e) {
                    rejectedEvents[0]++;
                    String eventId = n != null && n.path("eventId").isTextual() ? n.get("eventId").asText() : null;
                    Rejection r = new Rejection(events, line.number(), e.getMessage(), eventId);
                    System.err.println("rejected event " + r
                            + (eventId == null ? "" : " (eventId " + Printable.quote(eventId) + ")"));
                    out.println(JsonContract.toLine(rejectedLine(line.number(), r)));
                }
            });
        }
        System.err.printf("screened %d events against %d entities: %d VIOLATION, %d REVIEW, %d CLEAR, %d rejected"
                        + " (%d entity lines rejected)%n",
                counts.values().stream().mapToInt(Integer::intValue).sum() + rejectedEvents[0], screener.size(),
                counts.getOrDefault(Verdict.VIOLATION, 0), counts.getOrDefault(Verdict.REVIEW, 0),
                counts.getOrDefault(Verdict.CLEAR, 0), rejectedEvents[0], list.rejections().size());
        return list.rejections().size() + rejectedEvents[0] > 0 ? 2 : 0;
    }

    /** The line written in place of a rejected event, so that every input line is accounted for. */
    private static ObjectNode rejectedLine(long line, Rejection r) {
        ObjectNode o = JsonContract.MAPPER.createObjectNode();
        if (r.recordId() == null) {
            o.putNull("eventId");
        } else {
            o.put("eventId", r.recordId());
        }
        o.put("line", line);
        o.put("verdict", "REJECTED");
        o.put("error", r.reason());
        return o;
    }
}
