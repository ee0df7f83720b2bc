package dev.interdict.app;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InterdictConfigTest {
    @TempDir
    Path dir;

    @Test
    void fileValuesPassThroughAndEnvironmentOverridesThem() throws Exception {
        Path file = dir.resolve("interdict.properties");
        Files.writeString(file, """
                bootstrap.servers=broker-1:9092
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                interdict.topics.decisions=compliance.decisions
                interdict.match.threshold=0.95
                """);
        InterdictConfig cfg = InterdictConfig.load(file, Map.of(
                "INTERDICT_BOOTSTRAP_SERVERS", "broker-2:9093",
                "INTERDICT_TOPICS_ALERTS", "soc.alerts",
                "INTERDICT_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
                "PATH", "/usr/bin"));
        assertEquals("broker-2:9093", cfg.clientProperties().get("bootstrap.servers"));
        assertEquals("SASL_SSL", cfg.clientProperties().get("security.protocol"));
        assertTrue(cfg.clientProperties().containsKey("sasl.jaas.config"));
        assertEquals("compliance.decisions", cfg.topics().decisions());
        assertEquals("soc.alerts", cfg.topics().alerts());
        assertEquals("interdict.purchase-orders", cfg.topics().purchaseOrders());
        assertEquals(0.95, cfg.matcher().matchThreshold());
        assertFalse(cfg.clientProperties().containsKey("interdict.topics.decisions"), "Interdict keys are not client properties");
        assertFalse(cfg.clientProperties().containsKey("path"));
    }

    @Test
    void everyInterdictKeyHasAnEnvironmentVariableThatMapsBackToIt() {
        for (String key : InterdictConfig.KEYS.keySet()) {
            assertEquals(key, InterdictConfig.propertyName(InterdictConfig.envName(key)), key);
        }
        assertEquals("INTERDICT_TOPICS_PURCHASE_ORDERS", InterdictConfig.envName("interdict.topics.purchase-orders"));
        assertEquals("schema.registry.url", InterdictConfig.propertyName("INTERDICT_SCHEMA_REGISTRY_URL"));
    }

    @Test
    void secretsNeverAppearInTheLoggedConfiguration() {
        InterdictConfig cfg = InterdictConfig.of(Map.of(
                "sasl.jaas.config", "ScramLoginModule required username=\"u\" password=\"hunter2\";",
                "ssl.keystore.password", "hunter2", "basic.auth.user.info", "u:hunter2",
                "bootstrap.servers", "b:9092"));
        String shown = cfg.toString();
        assertFalse(shown.contains("hunter2"), shown);
        assertTrue(shown.contains("b:9092"), shown);
    }

    @Test
    void opsPortSettingsComeFromTheMetricsKeysAndTheirSecretsAreMasked() {
        InterdictConfig defaults = InterdictConfig.of(Map.of());
        assertEquals("0.0.0.0", defaults.ops().bindAddress(), "every interface: Prometheus and probes reach the pod IP");
        assertEquals(9404, defaults.ops().port());
        assertEquals(null, defaults.ops().basicUserInfo());
        assertEquals(null, defaults.ops().bearerToken());

        InterdictConfig cfg = InterdictConfig.of(Map.of(
                InterdictConfig.propertyName("INTERDICT_METRICS_BIND_ADDRESS"), "127.0.0.1",
                InterdictConfig.propertyName("INTERDICT_METRICS_PORT"), "9500",
                InterdictConfig.propertyName("INTERDICT_METRICS_BASIC_AUTH_USER_INFO"), "prometheus:hunter2",
                InterdictConfig.propertyName("INTERDICT_METRICS_BEARER_TOKEN"), "hunter3"));
        assertEquals("127.0.0.1", cfg.ops().bindAddress());
        assertEquals(9500, cfg.ops().port());
        assertEquals("prometheus:hunter2", cfg.ops().basicUserInfo());
        assertEquals("hunter3", cfg.ops().bearerToken());
        String shown = cfg.toString();
        assertFalse(shown.contains("hunter2") || shown.contains("hunter3"), shown);
        assertTrue(shown.contains("127.0.0.1"), shown);
    }

    @Test
    void registryUrlPasswordNeverAppearsInTheLoggedConfiguration() {
        InterdictConfig cfg = InterdictConfig.of(Map.of("basic.auth.credentials.source", "URL",
                "schema.registry.url", "http://svc:hunter2@registry-1:8081,https://svc:hunter2@registry-2:8081",
                "bootstrap.servers", "b:9092"));
        String shown = cfg.toString();
        assertFalse(shown.contains("hunter2"), shown);
        assertTrue(shown.contains("http://svc:***@registry-1:8081,https://svc:***@registry-2:8081"), shown);
    }

    @Test
    void streamsDefaultsAreExactlyOnceWithDeadLettersAndTheFileCanOverrideThem() {
        Properties p = InterdictApp.streamsProperties(InterdictConfig.of(Map.of("bootstrap.servers", "b:9092")));
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("interdict.dlq", p.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG));
        assertEquals("interdict", p.get(StreamsConfig.APPLICATION_ID_CONFIG));
        Properties q = InterdictApp.streamsProperties(InterdictConfig.of(Map.of(
                "processing.guarantee", "at_least_once", "interdict.topics.dlq", "x.dlq")));
        assertEquals("at_least_once", q.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("x.dlq", q.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG));
    }
}
