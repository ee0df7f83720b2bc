package dev.interdict.it;

import dev.interdict.cli.Main;
import dev.interdict.embedded.EmbeddedKafka;
import dev.interdict.serde.MockSchemaRegistryClient;
import dev.interdict.testutil.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A broker that requires SASL/SCRAM: the right credentials pass through from the config file; wrong ones fail fast. */
class SaslScramIT {
    static String config(EmbeddedKafka kafka, String password) {
        return "bootstrap.servers=" + kafka.bootstrapServers() + "\n"
                + "security.protocol=SASL_PLAINTEXT\n"
                + "sasl.mechanism=SCRAM-SHA-256\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\\\"interdict\\\" password=\\\"" + password + "\\\";\n"
                + "schema.registry.url=mock://scram-it\n"
                + "interdict.metrics.port=-1\n";
    }

    @Test
    @Timeout(90)
    void rightCredentialsWorkAndWrongOnesFailFastWithAClearMessageThatHidesThePassword(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().withSaslScram("interdict", "correct-horse").build().start()) {
            kafka.createTopic("interdict.restricted-entities", 1, Map.of("cleanup.policy", "compact"));
            Path good = dir.resolve("good.properties");
            Files.writeString(good, config(kafka, "correct-horse"));
            assertEquals(0, Main.execute("load-list", "--file", Shared.file("data/sample-entities.jsonl").toString(),
                    "--config", good.toString()));

            Path bad = dir.resolve("bad.properties");
            Files.writeString(bad, config(kafka, "wrong-battery"));
            PrintStream oldErr = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            long t0 = System.nanoTime();
            int status;
            try {
                status = Main.execute("run", "--config", bad.toString());
            } finally {
                System.setErr(oldErr);
            }
            String printed = err.toString(StandardCharsets.UTF_8);
            assertEquals(1, status, printed);
            assertTrue((System.nanoTime() - t0) / 1e9 < 30, "fails fast");
            assertTrue(printed.contains("authentication failed"), printed);
            assertFalse(printed.contains("wrong-battery"), "the password was printed: " + printed);
        } finally {
            MockSchemaRegistryClient.dropScope("scram-it");
        }
    }
}
