package dev.interdict.it;

import dev.interdict.avro.RestrictedEntity;
import dev.interdict.cli.Main;
import dev.interdict.embedded.EmbeddedKafka;
import dev.interdict.replay.TopicScan;
import dev.interdict.serde.AvroSerdes;
import dev.interdict.serde.MockSchemaRegistryClient;
import dev.interdict.testutil.ItApp;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * {@code load-list --format ftm} then {@code --format ftm-delta} on a real broker: the delta publishes its upserts and
 * one ending for its DEL (never a tombstone), and the same delta again publishes nothing.
 */
class FtmDeltaIT {
    @Test
    @Timeout(120)
    void ftmDeltaPublishesUpsertsAndAnEndingForDelNeverATombstoneAndNothingTheSecondTime(@TempDir Path dir) throws Exception {
        String scope = "ftm-delta-it";
        String topic = "ftm.list";
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
            Path config = ItApp.listTopicAndConfig(kafka, topic, scope, dir);
            Path entities = copy("ftm/entities.ftm.json", dir);
            Path delta = copy("ftm/entities.delta.json", dir);

            assertEquals(0, Main.execute("load-list", "--format", "ftm", "--file", entities.toString(),
                    "--config", config.toString()));
            assertEquals(3, read(kafka, topic).size(), "the company, the person and the organisation");

            assertEquals(0, Main.execute("load-list", "--format", "ftm-delta", "--dry-run", "--file", delta.toString(),
                    "--config", config.toString()));
            assertEquals(3, read(kafka, topic).size(), "a dry run publishes nothing");

            Instant delisted = Instant.parse("2025-03-01T00:00:00Z");
            assertEquals(0, Main.execute("load-list", "--format", "ftm-delta", "--delisted-at", delisted.toString(),
                    "--file", delta.toString(), "--config", config.toString()));
            List<ConsumerRecord<byte[], byte[]>> after = read(kafka, topic);
            assertEquals(3 + 4, after.size(), "added 1, changed 2, ended 1");
            Deserializer<RestrictedEntity> de = AvroSerdes.forClass(RestrictedEntity.class,
                    Map.of("schema.registry.url", "mock://" + scope)).deserializer();
            RestrictedEntity ending = null;
            for (ConsumerRecord<byte[], byte[]> r : after.subList(3, after.size())) {
                assertNotNull(r.value(), "never a tombstone");
                if (new String(r.key(), StandardCharsets.UTF_8).equals("ftm-NK-petrenko")) {
                    ending = de.deserialize(topic, r.value());
                }
            }
            assertNotNull(ending, "the DEL is published as an ending");
            assertEquals(delisted, ending.getRestrictions().get(0).getEffectiveUntil());

            assertEquals(0, Main.execute("load-list", "--format", "ftm-delta", "--delisted-at", delisted.toString(),
                    "--file", delta.toString(), "--config", config.toString()));
            assertEquals(7, read(kafka, topic).size(), "the same delta again: nothing published");
        } finally {
            MockSchemaRegistryClient.dropScope(scope);
        }
    }

    private static Path copy(String resource, Path dir) throws Exception {
        try (InputStream in = FtmDeltaIT.class.getClassLoader().getResourceAsStream(resource)) {
            Path p = dir.resolve(Path.of(resource).getFileName().toString());
            Files.copy(in, p);
            return p;
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(EmbeddedKafka kafka, String topic) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        TopicScan.readAll(kafka.clientProperties(), List.of(topic), out::add);
        return out;
    }
}
