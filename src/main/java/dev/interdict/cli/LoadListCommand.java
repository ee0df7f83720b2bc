package dev.interdict.cli;

import dev.interdict.app.InterdictConfig;
import dev.interdict.avro.RestrictedEntity;
import dev.interdict.contract.AvroMapping;
import dev.interdict.lists.ListFormat;
import dev.interdict.serde.AvroSerdes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/** {@code interdict load-list}: publishes a restricted-party list to the compacted list topic. */
@Command(name = "load-list", mixinStandardHelpOptions = true,
        description = {
            "Publishes restricted entities to the compacted restricted-entities topic (key = entityId, Avro value).",
            "Formats: jsonl (shared/contract.md), csl (US Consolidated Screening List CSV), ofac-sdn (OFAC SDN legacy",
            "CSV). Bad rows are reported on stderr with their line and never stop the load (exit status 2)."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every row published", "1:the command could not run", "2:some rows were rejected"})
final class LoadListCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The list file; '-' reads stdin.")
    String file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
            description = "jsonl, csl or ofac-sdn. Default: ${DEFAULT-VALUE}.")
    String format;




    @Override
    public Integer call() throws Exception {
        InterdictConfig effective = kafka.load();
        if (effective == null) {
            return 1;
        }
        ListFormat f = ListFormat.parse(format);
        int[] rejected = {0};
        List<dev.interdict.screening.RestrictedEntity> list;
        try (BufferedReader in = Io.reader(file)) {
            list = f.read(in, file, r -> {
                rejected[0]++;
                System.err.println("rejected " + r);
            });
        }
        String topic = effective.topics().restrictedEntities();
        Map<String, Object> props = new HashMap<>(effective.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        Serde<RestrictedEntity> serde = AvroSerdes.forClass(RestrictedEntity.class, effective.all());
        AtomicReference<Exception> failure = new AtomicReference<>();
        long t0 = System.nanoTime();
        try (KafkaProducer<String, RestrictedEntity> producer = new KafkaProducer<>(props, new StringSerializer(), serde.serializer())) {
            int sent = 0;
            for (var e : list) {
                producer.send(new ProducerRecord<>(topic, e.entityId(), AvroMapping.toAvro(e)), (md, ex) -> {
                    if (ex != null) {
                        failure.compareAndSet(null, ex);
                    }
                });
                if (++sent % 1000 == 0) {
                    System.err.printf("... %d of %d published%n", sent, list.size());
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            System.err.println("publishing failed: " + dev.interdict.serde.Urls.redact(String.valueOf(failure.get())));
            return 1;
        }
        System.err.printf("published %d entities to %s in %d ms; %d rows rejected%n", list.size(), topic,
                (System.nanoTime() - t0) / 1_000_000, rejected[0]);
        return rejected[0] > 0 ? 2 : 0;
    }
}
