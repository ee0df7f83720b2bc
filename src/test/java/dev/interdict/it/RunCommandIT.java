package dev.interdict.it;

import dev.interdict.cli.Main;
import dev.interdict.embedded.EmbeddedKafka;
import dev.interdict.testutil.FakeRegistry;
import dev.interdict.testutil.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production entry point as an operator runs it: {@code java -jar interdict.jar run} configured only by
 * INTERDICT_* variables, against a real broker and a Schema Registry over HTTP; it becomes ready once the list is
 * loaded and shuts down cleanly on SIGTERM, without printing the registry password.
 */
class RunCommandIT {
    @Test
    @Timeout(120)
    void runBecomesReadyWithTheListAndClosesCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start(); FakeRegistry registry = new FakeRegistry()) {
            for (String t : List.of("run.po", "run.lr", "run.decisions", "run.alerts", "run.dlq")) {
                kafka.createTopic(t, 2, Map.of());
            }
            kafka.createTopic("run.list", 1, Map.of("cleanup.policy", "compact"));
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", Path.of("target", "interdict.jar").toString(), "run");
            Map<String, String> env = pb.environment();
            env.put("INTERDICT_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("INTERDICT_SCHEMA_REGISTRY_URL", registry.url());
            env.put("INTERDICT_BASIC_AUTH_USER_INFO", "svc:hunter2-secret");
            env.put("INTERDICT_APPLICATION_ID", "run-it");
            env.put("INTERDICT_STATE_DIR", dir.resolve("state").toString());
            env.put("INTERDICT_METRICS_PORT", String.valueOf(port));
            env.put("INTERDICT_TOPICS_PURCHASE_ORDERS", "run.po");
            env.put("INTERDICT_TOPICS_LICENSE_RENEWALS", "run.lr");
            env.put("INTERDICT_TOPICS_RESTRICTED_ENTITIES", "run.list");
            env.put("INTERDICT_TOPICS_DECISIONS", "run.decisions");
            env.put("INTERDICT_TOPICS_ALERTS", "run.alerts");
            env.put("INTERDICT_TOPICS_DLQ", "run.dlq");
            Path log = dir.resolve("run.log");
            Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                Path cfg = dir.resolve("load.properties");
                Files.writeString(cfg, "interdict.topics.restricted-entities=run.list\n");
                assertEquals(0, Main.execute("load-list", "--file", Shared.file("data/sample-entities.jsonl").toString(),
                        "--config", cfg.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                        "--schema-registry-url", registry.url()));
                String ready = "";
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!ready.startsWith("200") && System.nanoTime() < deadline && p.isAlive()) {
                    Thread.sleep(250);
                    try {
                        ready = InterdictBrokerIT.get(port, "/ready");
                    } catch (java.io.IOException notYet) {
                        ready = "";
                    }
                }
                assertTrue(ready.startsWith("200") && ready.contains("\"listEntities\":4"), ready + "\n" + Files.readString(log));
            } finally {
                p.destroy(); // SIGTERM
                assertTrue(p.waitFor(40, TimeUnit.SECONDS), "exits after SIGTERM");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(p.exitValue() == 0 || p.exitValue() == 143, "exit " + p.exitValue() + "\n" + output);
            assertTrue(output.contains("shutting down") && output.contains("-> NOT_RUNNING"), output);
            assertFalse(output.contains("hunter2-secret"), "the registry password was logged");
        }
    }
}
