package dev.interdict.cli;

import dev.interdict.app.InterdictConfig;
import dev.interdict.contract.ContractException;
import dev.interdict.contract.JsonContract;
import dev.interdict.contract.JsonLines;
import dev.interdict.topology.EventWriter;
import dev.interdict.topology.InterdictSerdes;
import dev.interdict.topology.TopicNames;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/** {@code interdict publish-events}: JSON Lines events to the event topics, as an ERP integration would. */
@Command(name = "publish-events", mixinStandardHelpOptions = true,
        description = {
            "Publishes purchase orders and licence renewals (contract JSON Lines) to their topics as Avro in the",
            "Confluent wire format, key = eventId: what an ERP integration does; for tests, demos and backfills.",
            "A malformed line is reported on stderr with its number and field and skipped (exit status 2)."})
final class PublishEventsCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;
    @Option(names = "--file", required = true, paramLabel = "FILE", description = "Events, JSON Lines; '-' reads stdin.")
    String file;




    @Override
    public Integer call() throws Exception {
        InterdictConfig cfg = kafka.load();
        if (cfg == null) {
            return 1;
        }
        TopicNames topics = cfg.topics();
        EventWriter writer = new EventWriter(topics, InterdictSerdes.from(InterdictSerdes.avro(cfg.all())));
        Map<String, Object> props = new HashMap<>(cfg.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        int[] counts = {0, 0};
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (BufferedReader in = Io.reader(file);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            JsonLines.forEach(in, line -> {
                try {
                    SpecificRecord e = JsonContract.event(JsonContract.parse(line.text()));
                    producer.send(writer.record(e), (md, ex) -> {
                        if (ex != null) {
                            failure.compareAndSet(null, ex);
                        }
                    });
                    counts[0]++;
                } catch (ContractException | IllegalArgumentException ex) {
                    counts[1]++;
                    System.err.println("rejected " + file + ":" + line.number() + ": " + ex.getMessage());
                }
            });
            producer.flush();
        }
        if (failure.get() != null) {
            System.err.println("publishing failed: " + dev.interdict.serde.Urls.redact(String.valueOf(failure.get())));
            return 1;
        }
        System.err.printf("published %d events; %d lines rejected%n", counts[0], counts[1]);
        return counts[1] > 0 ? 2 : 0;
    }
}
