package dev.interdict.cli;

import dev.interdict.bench.Bench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code interdict bench}: throughput against a passthrough, and latency at a fixed load, in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
            "Benchmarks on the embedded broker, in one run: N events to 4-partition topics, then (a) a plain Kafka",
            "Streams passthrough (same serde, same guarantee) and (b) Interdict with the OFAC SDN list + Kaspersky;",
            "events/s of both and the ratio b/a; then end-to-end latency p50/p99 (produced -> decision committed)",
            "at a fixed offered load, with heap samples every 30 s (use --latency-seconds 300 for a 5-minute soak).",
            "With --retro: retro-screening at production scale instead (issue 13): for each N of --retro-events, N",
            "events fill the lookback, then with fresh events offered at --retro-rate: a baseline, (a) one new entity",
            "matching 1 % of N, (a2) one matching a fixed 1,000 events, (b) the unchanged list republished, (c) a",
            "restart; fresh-event p50/p99/max per step, time to all retro alerts, read-backs, restart to first decision."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--events", description = "Events for the throughput runs. Default: ${DEFAULT-VALUE}.")
    int events = 1_000_000;

    @Option(names = "--partitions", description = "Partitions of the event topics. Default: ${DEFAULT-VALUE}.")
    int partitions = 4;

    @Option(names = "--threads", description = "num.stream.threads of both applications. Default: ${DEFAULT-VALUE}.")
    int threads = 1;

    @Option(names = "--warm-up", description = "Rounds (each: the passthrough, then Interdict) run first and not counted: "
            + "the JIT still recompiles in the second round, as the two applications' code paths alternate. "
            + "Default: ${DEFAULT-VALUE}.")
    int warmUp = 2;

    @Option(names = "--rounds", description = "Timed rounds after the warm-up; the round with the median b/a is reported "
            + "(every round is printed). Default: ${DEFAULT-VALUE}.")
    int rounds = 5;

    @Option(names = "--guarantee", description = "processing.guarantee. Default: ${DEFAULT-VALUE}.")
    String guarantee = "exactly_once_v2";

    @Option(names = "--rate", description = "Offered load of the latency run, events/s. Default: ${DEFAULT-VALUE}.")
    int rate = 20_000;

    @Option(names = "--latency-seconds", description = "Length of the latency run after 5 s of warm-up. Default: ${DEFAULT-VALUE}.")
    int latencySeconds = 30;

    @Option(names = "--sdn", paramLabel = "FILE", description = "OFAC SDN legacy CSV. Default: ${DEFAULT-VALUE}.")
    Path sdn = Path.of("..", "shared", "data", "ofac-sdn-2024-05-03.csv");

    @Option(names = "--retro-lookback", description = "interdict.retro.lookback for Interdict (PT0S = retro-screening off)."
            + " Default: ${DEFAULT-VALUE}.")
    String retroLookback = "P90D";

    @Option(names = "--retro", description = "Run the retro-screening benchmark (issue 13) instead of the throughput one.")
    boolean retro;

    @Option(names = "--retro-events", split = ",", paramLabel = "N[,N...]", description = "History sizes of the retro "
            + "benchmark, each with its own topics and application id on one broker. Default: ${DEFAULT-VALUE}.")
    java.util.List<Integer> retroEvents = java.util.List.of(1_000_000, 4_000_000);

    @Option(names = "--retro-rate", description = "Fresh events offered per second during the retro benchmark's steps. "
            + "Default: ${DEFAULT-VALUE}.")
    int retroRate = 2_000;

    @Option(names = "--retro-baseline-seconds", description = "Baseline window (no list change). Default: ${DEFAULT-VALUE}.")
    int retroBaselineSeconds = 30;

    @Option(names = "--retro-step-seconds", description = "Least length of each step's window (a, a2, b). "
            + "Default: ${DEFAULT-VALUE}.")
    int retroStepSeconds = 30;

    @Option(names = "--retro-after-restart-seconds", description = "Window after the first decision of the restarted "
            + "application (c). Default: ${DEFAULT-VALUE}.")
    int retroAfterRestartSeconds = 60;

    @Override
    public Integer call() throws Exception {
        if (retro) {
            new dev.interdict.bench.RetroBench(new dev.interdict.bench.RetroBench.Settings(retroEvents, partitions,
                    retroRate, Duration.ofSeconds(retroBaselineSeconds), Duration.ofSeconds(retroStepSeconds),
                    Duration.ofSeconds(retroAfterRestartSeconds), sdn, retroLookback, threads, System.out)).run();
            return 0;
        }
        new Bench(new Bench.Settings(events, partitions, guarantee, rate, Duration.ofSeconds(latencySeconds), sdn,
                retroLookback, threads, warmUp, rounds, System.out)).run();
        return 0;
    }
}
