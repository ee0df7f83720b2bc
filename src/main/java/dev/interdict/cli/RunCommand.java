package dev.interdict.cli;

import dev.interdict.app.InterdictApp;
import dev.interdict.app.InterdictConfig;
import dev.interdict.topology.InterdictSerdes;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code interdict run}: the production entry point against a real Kafka cluster. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Runs the screening topology against a Kafka cluster until SIGTERM/SIGINT (clean shutdown).",
            "Every Kafka client, Streams and Schema Registry property in the file passes through (security.protocol,",
            "sasl.*, ssl.*, schema.registry.url, ...); INTERDICT_* environment variables override the file."})
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file (optional when everything comes from INTERDICT_* variables).")
    Path config;

    @Override
    public Integer call() throws Exception {
        InterdictConfig cfg = InterdictConfig.load(config, System.getenv());
        if (cfg.clientProperties().get("bootstrap.servers") == null) {
            System.err.println("bootstrap.servers is not set (in --config FILE or INTERDICT_BOOTSTRAP_SERVERS)");
            return 1;
        }
        LOG.info("starting with configuration {}", cfg);
        String problem = Preflight.kafka(cfg.clientProperties());
        if (problem != null) {
            System.err.println(problem);
            return 1;
        }
        InterdictApp app = new InterdictApp(cfg, InterdictSerdes.avro(cfg.all()));
        CountDownLatch stopped = new CountDownLatch(1);
        app.streams().setStateListener((now, before) -> {
            LOG.info("streams state {} -> {}", before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        Thread hook = new Thread(() -> {
            LOG.info("shutting down");
            app.close();
            stopped.countDown();
            Main.flushLogs(); // the JVM is exiting: main may not get to it
        }, "interdict-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        app.start();
        stopped.await();
        return app.streams().state() == KafkaStreams.State.ERROR ? 1 : 0;
    }
}
