package dev.interdict.cli;

import dev.interdict.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code interdict demo}: everything in one JVM, no Docker. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Starts a real Kafka broker in this JVM with an in-memory schema registry, publishes the Kaspersky list,",
            "a few hundred generated orders and renewals around 2024-07-20 and 2024-09-29 and a few malformed",
            "records, runs the screening topology, prints each alert as it arrives and a summary, then exits."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--events", paramLabel = "N", description = "Number of generated events. Default: ${DEFAULT-VALUE}.")
    int events = 400;

    @Option(names = "--seed", description = "Seed of the event generator (same seed, same events). Default: ${DEFAULT-VALUE}.")
    long seed = 20240720L;

    @Option(names = "--keep-running", description = "Stay up after the summary and print the bootstrap address.")
    boolean keepRunning;

    @Override
    public Integer call() throws Exception {
        Demo.Summary s = new Demo(events, seed, System.out).run(keepRunning);
        return s.accountedFor() ? 0 : 1;
    }
}
