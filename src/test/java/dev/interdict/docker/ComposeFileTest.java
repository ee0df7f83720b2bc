package dev.interdict.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.interdict.app.InterdictConfig;
import dev.interdict.serde.SerdeConfig;
import dev.interdict.topology.TopicNames;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker/docker-compose.yml is consistent with the application (no Docker engine runs here, so this is what is
 * checked): it parses, every INTERDICT_* variable it sets is a setting the app reads, the config file it mounts
 * exists and parses, and the topics it creates are exactly the topics the app is configured to use.
 */
class ComposeFileTest {
    static final Path DOCKER = Path.of("docker");
    final JsonNode compose;

    ComposeFileTest() throws Exception {
        compose = new ObjectMapper(new YAMLFactory()).readTree(DOCKER.resolve("docker-compose.yml").toFile());
    }

    /** What the app reads: its own keys and every Kafka client, Streams and registry setting (passed through). */
    static Set<String> knownSettings() {
        Set<String> known = new HashSet<>(InterdictConfig.KEYS.keySet());
        known.addAll(StreamsConfig.configDef().names());
        known.addAll(ProducerConfig.configNames());
        known.addAll(ConsumerConfig.configNames());
        known.addAll(AdminClientConfig.configNames());
        known.addAll(SerdeConfig.KEYS);
        known.addAll(Set.of(SerdeConfig.SCHEMA_REGISTRY_URL, SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE,
                SerdeConfig.BASIC_AUTH_USER_INFO, SerdeConfig.AUTO_REGISTER_SCHEMAS, SerdeConfig.USE_LATEST_VERSION,
                SerdeConfig.LATEST_CACHE_TTL_SEC, SerdeConfig.SERDE_CLASS));
        known.addAll(dev.interdict.app.InterdictConfig.EXTRA_KEYS);
        return known;
    }

    @Test
    void everyInterdictVariableTheComposeFileSetsIsASettingTheAppReads() {
        Set<String> known = knownSettings();
        int seen = 0;
        for (var service : (Iterable<Map.Entry<String, JsonNode>>) compose.get("services")::fields) {
            JsonNode env = service.getValue().get("environment");
            if (env == null) {
                continue;
            }
            for (var e : (Iterable<Map.Entry<String, JsonNode>>) env::fields) {
                if (e.getKey().startsWith("INTERDICT_")) {
                    seen++;
                    String property = InterdictConfig.propertyName(e.getKey());
                    assertTrue(known.contains(property), service.getKey() + ": " + e.getKey() + " sets '" + property
                            + "', which Interdict does not read");
                }
            }
        }
        assertTrue(seen >= 4, "expected INTERDICT_* variables in the compose file");
    }

    @Test
    void topicsTheComposeFileCreatesAreTheTopicsTheAppUses() throws Exception {
        InterdictConfig cfg = InterdictConfig.load(DOCKER.resolve("interdict.properties"), serviceEnvironment("interdict"));
        TopicNames app = cfg.topics();
        String script = compose.get("services").get("topics").get("command").get(0).asText();
        Matcher m = Pattern.compile("--topic (\\S+)").matcher(script);
        Set<String> created = new TreeSet<>();
        while (m.find()) {
            created.add(m.group(1));
        }
        assertEquals(new TreeSet<>(app.all()), created);
        assertTrue(script.contains("--topic " + app.restrictedEntities() + " --partitions 1 --config cleanup.policy=compact"),
                "the list topic is compacted");
        for (String evidence : List.of(app.decisions(), app.alerts(), app.deadLetters())) {
            assertTrue(Pattern.compile("--topic " + Pattern.quote(evidence) + " .*--config retention.ms=-1").matcher(script).find(),
                    evidence + " must keep its records: their timestamps are event times, time-based retention would drop them");
        }
    }

    @Test
    void mountedConfigFileExistsAndEveryKeyInItIsKnown() throws Exception {
        String volume = compose.get("services").get("interdict").get("volumes").get(0).asText();
        Path mounted = DOCKER.resolve(volume.substring(0, volume.indexOf(':')));
        assertTrue(Files.isRegularFile(mounted), volume);
        InterdictConfig cfg = InterdictConfig.load(mounted, Map.of());
        Set<String> known = knownSettings();
        for (String key : cfg.keys()) {
            assertTrue(known.contains(key), "unknown key in " + mounted + ": " + key);
        }
        assertTrue(compose.get("services").get("interdict").get("command").toString().contains("/etc/interdict/interdict.properties"));
    }

    private Map<String, String> serviceEnvironment(String service) {
        Map<String, String> env = new HashMap<>();
        JsonNode e = compose.get("services").get(service).get("environment");
        e.fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
        return env;
    }
}
