package dev.interdict.it;

import dev.interdict.avro.RestrictedEntity;
import dev.interdict.cli.Main;
import dev.interdict.embedded.EmbeddedKafka;
import dev.interdict.replay.TopicScan;
import dev.interdict.serde.AvroSerdes;
import dev.interdict.serde.MockSchemaRegistryClient;
import dev.interdict.testutil.ItApp;
import dev.interdict.testutil.Shared;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code load-list --sync} on a real broker: the daily reload of an unchanged list publishes nothing; an entity that
 * left the file is ended (an effectiveUntil), never a tombstone; a dry run publishes nothing.
 */
class ListSyncIT {
    @Test
    @Timeout(120)
    void syncPublishesOnlyChangesAndEndsWhatLeftTheFileNeverATombstone(@TempDir Path dir) throws Exception {
        String scope = "list-sync-it";
        String topic = "sync.list";
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
            Path config = ItApp.listTopicAndConfig(kafka, topic, scope, dir);
            Path full = Shared.file("data/sample-entities.jsonl");
            List<String> lines = Files.readAllLines(full).stream().filter(l -> !l.isBlank()).toList();

            assertEquals(0, Main.execute("load-list", "--sync", "--file", full.toString(), "--config", config.toString()));
            assertEquals(lines.size(), read(kafka, topic, scope).size(), "the first sync publishes every entry");

            assertEquals(0, Main.execute("load-list", "--sync", "--file", full.toString(), "--config", config.toString()));
            assertEquals(lines.size(), read(kafka, topic, scope).size(), "the same file again: 0 records published");

            Path fewer = dir.resolve("fewer.jsonl");
            Files.write(fewer, lines.subList(0, lines.size() - 1));
            assertEquals(0, Main.execute("load-list", "--sync", "--dry-run", "--file", fewer.toString(),
                    "--config", config.toString()));
            assertEquals(lines.size(), read(kafka, topic, scope).size(), "a dry run publishes nothing");

            Instant delisted = Instant.parse("2026-11-30T00:00:00Z");
            assertEquals(0, Main.execute("load-list", "--sync", "--delisted-at", delisted.toString(),
                    "--file", fewer.toString(), "--config", config.toString()));
            List<ConsumerRecord<byte[], byte[]>> after = read(kafka, topic, scope);
            assertEquals(lines.size() + 1, after.size(), "one record: the ending");
            ConsumerRecord<byte[], byte[]> ending = after.get(after.size() - 1);
            assertNotNull(ending.value(), "never a tombstone");
            RestrictedEntity ended = AvroSerdes.forClass(RestrictedEntity.class,
                    Map.of("schema.registry.url", "mock://" + scope)).deserializer().deserialize(topic, ending.value());
            assertTrue(ended.getRestrictions().stream().allMatch(r -> r.getEffectiveUntil() != null
                    && !r.getEffectiveUntil().isAfter(delisted)), ended::toString);

            assertEquals(0, Main.execute("load-list", "--sync", "--file", fewer.toString(), "--config", config.toString()));
            assertEquals(lines.size() + 1, read(kafka, topic, scope).size(), "ended already: nothing published");
        } finally {
            MockSchemaRegistryClient.dropScope(scope);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(EmbeddedKafka kafka, String topic, String scope) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        TopicScan.readAll(kafka.clientProperties(), List.of(topic), out::add);
        return out;
    }
}
