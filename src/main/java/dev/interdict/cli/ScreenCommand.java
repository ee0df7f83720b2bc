package dev.interdict.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interdict.contract.AvroMapping;
import dev.interdict.contract.ContractException;
import dev.interdict.contract.JsonContract;
import dev.interdict.contract.JsonLines;
import dev.interdict.contract.Rejection;
import dev.interdict.lists.ListFormat;
import dev.interdict.screening.Decision;
import dev.interdict.screening.Screener;
import dev.interdict.screening.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code interdict screen}: screens a JSON Lines file of events offline, one decision per event. */
@Command(name = "screen", mixinStandardHelpOptions = true,
        description = {
            "Screens events (JSON Lines) against a list of restricted entities, as of each event's own time.",
            "Writes one decision per event, in input order. A malformed line never stops the run: its error goes to",
            "stderr with line number and field, a REJECTED line is written in its place, and the exit status is 2."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every line screened", "1:the command could not run (e.g. file not found)",
                        "2:at least one event or entity line was rejected"})
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

    @Mixin
    MatcherOptions matcher;

    @Override
    public Integer call() throws Exception {
        Screener screener = new Screener(matcher.config());
        int[] rejected = {0};
        try (BufferedReader in = Io.reader(entities)) {
            screener.upsertAll(ListFormat.parse(entitiesFormat).read(in, entities, r -> {
                rejected[0]++;
                System.err.println("rejected entity " + r);
            }));
        }
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        int[] rejectedEvents = {0};
        try (BufferedReader in = Io.reader(events); PrintWriter out = Io.writer(output)) {
            JsonLines.forEach(in, line -> {
                try {
                    Decision d = screener.screen(AvroMapping.toScreeningEvent(
                            JsonContract.event(JsonContract.parse(line.text()))));
                    counts.merge(d.verdict(), 1, Integer::sum);
                    out.println(JsonContract.toLine(JsonContract.decision(d)));
                } catch (ContractException | IllegalArgumentException e) {
                    rejectedEvents[0]++;
                    Rejection r = new Rejection(events, line.number(), e.getMessage());
                    System.err.println("rejected event " + r);
                    out.println(JsonContract.toLine(rejectedLine(line, r)));
                }
            });
        }
        System.err.printf("screened %d events against %d entities: %d VIOLATION, %d REVIEW, %d CLEAR, %d rejected"
                        + " (%d entity lines rejected)%n",
                counts.values().stream().mapToInt(Integer::intValue).sum() + rejectedEvents[0], screener.size(),
                counts.getOrDefault(Verdict.VIOLATION, 0), counts.getOrDefault(Verdict.REVIEW, 0),
                counts.getOrDefault(Verdict.CLEAR, 0), rejectedEvents[0], rejected[0]);
        return rejected[0] + rejectedEvents[0] > 0 ? 2 : 0;
    }

    /** The line written in place of a rejected event, so that every input line is accounted for. */
    private static ObjectNode rejectedLine(JsonLines.Line line, Rejection r) {
        ObjectNode o = JsonContract.MAPPER.createObjectNode();
        String eventId = null;
        try {
            var n = JsonContract.parse(line.text());
            eventId = n.hasNonNull("eventId") ? n.get("eventId").asText() : null;
        } catch (ContractException ignored) {
            // not JSON at all: no event id to report
        }
        if (eventId == null) {
            o.putNull("eventId");
        } else {
            o.put("eventId", eventId);
        }
        o.put("line", line.number());
        o.put("verdict", "REJECTED");
        o.put("error", r.reason());
        return o;
    }
}
