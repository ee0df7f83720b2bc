package dev.interdict.cli;

import dev.interdict.app.InterdictConfig;
import dev.interdict.replay.Replay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code interdict replay}: re-screen a time range of the input topics, optionally verify the decisions topic. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {
            "Re-screens the events of a time range (event time) read straight from the input topics, against the list",
            "the list topic holds now; writes the decisions (contract JSON Lines, ordered by eventId: byte-identical for",
            "the same topics and list) and, with --verify, compares them with the decisions topic."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:replayed (and, with --verify, identical)", "1:could not run",
                        "3:--verify found differences"})
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--from", paramLabel = "INSTANT", description = "Start of the range, inclusive (ISO-8601). Default: the beginning.")
    Instant from = Instant.EPOCH;

    @Option(names = "--to", paramLabel = "INSTANT", description = "End of the range, exclusive (ISO-8601). Default: none.")
    Instant to = Instant.parse("9999-12-31T00:00:00Z");

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the replayed decisions here (default stdout).")
    String output;

    @Option(names = "--verify", description = "Compare with the decisions topic; print every difference.")
    boolean verify;



    @Override
    public Integer call() throws Exception {
        InterdictConfig cfg = kafka.load();
        if (cfg == null) {
            return 1;
        }
        Replay replay = new Replay(cfg);
        Replay.Result r = replay.run(from, to);
        try (PrintWriter out = Io.writer(output)) {
            r.decisions().values().forEach(out::println);
        }
        System.err.printf("replayed %d events in [%s, %s); %d outside the range, %d unreadable (dead letters)%n",
                r.decisions().size(), from, to, r.skippedOutsideRange(), r.unreadable());
        if (!verify) {
            return 0;
        }
        List<String> diffs = replay.verify(r);
        diffs.forEach(System.err::println);
        System.err.println(diffs.isEmpty() ? "verify: the decisions topic agrees with the replay"
                : "verify: " + diffs.size() + " differences");
        return diffs.isEmpty() ? 0 : 3;
    }
}
